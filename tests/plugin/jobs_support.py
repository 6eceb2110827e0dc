"""Helpers of the jobs plug-in's tests (named to avoid clashes with other test folders' helpers)."""

from __future__ import annotations

import taskfacade
from taskfacade_emulator import Emulator

#: The bearer token the tests' emulator accepts for the jobs service (not the default, so nothing passes by luck).
TOKEN = "jobs-test-token"


class EmulatorClock(taskfacade.ManualClock):
    """The facade's clock (retries, waits): each sleep advances the emulator's clock by as much."""

    def __init__(self, emu: Emulator) -> None:
        super().__init__()
        self.emu = emu

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        if seconds > 0:
            self.emu.advance(seconds)


def unregister(name: str) -> None:
    """Undo ``register_service`` in the facade's, the emulator's and the command line's registries."""
    import taskfacade
    import taskfacade_cli
    import taskfacade_emulator

    taskfacade.unregister_service(name)
    taskfacade_emulator.unregister_service(name)
    taskfacade_cli.unregister_service(name)
