"""Helpers shared by the TileDB facade tests (importable because conftest.py puts this folder on sys.path)."""

from __future__ import annotations

from typing import Any

from taskfacade.tiledb import Client
from taskfacade_emulator import Emulator

TOKEN = "emulator-token"
WORKSPACE = "ws_emulator"
LIST_ROUTE = "GET /v1/tasks/{workspace}"
GET_ROUTE = "GET /v1/task/{workspace}/{id}"
RESULT_ROUTE = "GET /v1/task/{workspace}/{id}/result"


class EmuClock:
    """The emulator's clock as a facade ``Clock``: ``sleep`` advances emulator time instead of blocking."""

    def __init__(self, emu: Emulator) -> None:
        self.emu = emu
        self.sleeps: list[float] = []
        self.woke_at: list[float] = []  # emulator time at the end of each sleep (the start of each poll after it)

    def monotonic(self) -> float:
        return self.emu.now()

    def time(self) -> float:
        return self.emu.now()

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        if seconds > 0:
            self.emu.advance(seconds)
        self.woke_at.append(self.emu.now())

    async def asleep(self, seconds: float) -> None:
        """``sleep`` for the async twin: advance the emulator, then let the event loop run once."""
        import anyio

        self.sleep(seconds)
        await anyio.sleep(0)


def make_client(emu: Emulator, **kwargs: Any) -> Client:
    """A client of the emulator's TileDB service on the emulator's clock (kwargs override)."""
    options: dict[str, Any] = {"host": emu.base_url("tiledb"), "token": TOKEN, "workspace": WORKSPACE}
    options.setdefault("clock", EmuClock(emu))
    options.update(kwargs)
    return Client(**options)


def requests_made(emu: Emulator, route: str | None = None) -> int:
    """TileDB requests the emulator has counted (for one route, or all)."""
    counts = emu.request_counts()["tiledb"]
    return sum(counts.values()) if route is None else int(counts.get(route, 0))
