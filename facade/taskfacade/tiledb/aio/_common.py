"""What every coroutine of ``taskfacade.tiledb.aio`` shares: the refusal of ``async_req``."""

from __future__ import annotations

from typing import Any

from ..._errors import InvalidArgument
from .. import _validate as v

__all__ = ["refuse_async_req"]

_ASYNC_REQ = (
    "False: every function of taskfacade.tiledb.aio is a coroutine already (await it; run several at once with "
    "asyncio.gather or a task group)"
)


def refuse_async_req(async_req: Any) -> None:
    """``async_req`` is kept in the signatures so ported calls keep their positions, but only False is accepted."""
    if v.flag("async_req", async_req):
        raise InvalidArgument("async_req", async_req, _ASYNC_REQ)
