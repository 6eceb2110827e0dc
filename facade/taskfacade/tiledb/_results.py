"""Seed 000's ``fetch_results`` and ``fetch_results_pandas``: a finished task's stored result, decoded.

The result endpoint answers 200 with the result in the format its Content-Type names, 202 while the task is
still running (``TaskNotReady``, with a retry hint) and 404 once results were not saved or have expired (kept up
to 24 hours). Every failure is a ``TasksError`` chained to the core error.
"""

from __future__ import annotations

import enum
import uuid
from http import HTTPStatus
from typing import Any

from .._errors import InvalidArgument, ResponseDecodeError
from .._retry import parse_retry_after
from .._steps import Call, Steps, run
from . import _validate as v
from ._cloud_client import Client, ClientState, resolve_client, workspace_steps
from ._codecs import CODEC_FORMATS, PICKLE_FORMATS, DecodeFailure, UnpicklingRefused, decode, format_for_content_type
from ._codecs import require as require_module
from ._errors import PickleRefused, TaskNotReady, TasksError
from ._failures import tasks_failure
from ._generated import ResultFormat, get_task_result

__all__ = [
    "check_results_arguments",
    "fetch_results",
    "fetch_results_pandas",
    "fetch_results_steps",
    "to_frame",
]

_FORMATS_ACCEPTS = "None (decode by Content-Type) or one of " + ", ".join(
    repr(f.value) for f in ResultFormat if f is not ResultFormat.R_SERIALIZATION
)
_PICKLE_HINT = "pass allow_pickle=True only if you trust the task's code: unpickling runs code"


def _result_format(value: Any, allow_pickle: bool) -> str | None:
    if value is None:
        return None
    name = value.value if isinstance(value, enum.Enum) else value
    if not isinstance(name, str) or name.lower() not in CODEC_FORMATS or name.lower() == "arrow_dataframe":
        raise InvalidArgument("result_format", value, _FORMATS_ACCEPTS)
    name = name.lower()
    if name in PICKLE_FORMATS and not allow_pickle:
        raise InvalidArgument("result_format", value, f"a non-pickle format, or {_PICKLE_HINT}")
    return name


def check_results_arguments(task_id: Any, result_format: Any, allow_pickle: Any) -> tuple[uuid.UUID, bool, str | None]:
    """``fetch_results``'s arguments checked: (task uuid, allow_pickle, forced format or None)."""
    uid = v.task_uuid("task_id", task_id)
    allow = v.flag("allow_pickle", allow_pickle)
    return uid, allow, _result_format(result_format, allow)


def fetch_results_steps(client: ClientState, uid: uuid.UUID, forced: str | None, allow: bool) -> Steps[Any]:
    """One GET of a task's stored result, decoded (steps, for both twins; see ``fetch_results``)."""
    with tasks_failure(f"Can not fetch the results of task {uid}"):
        workspace = yield from workspace_steps(client)
        exchange = yield Call(get_task_result, args=(workspace, uid), exchange=True)
    response = exchange.response
    if int(response.status_code) == HTTPStatus.ACCEPTED:
        hint = parse_retry_after(response.headers.get("retry-after"), client.clock.time())
        raise TaskNotReady(str(uid), hint)
    content_type = response.headers.get("content-type")
    fmt = forced or format_for_content_type(content_type)
    if fmt is None:
        cause = ResponseDecodeError(f"no decoder for Content-Type {content_type!r}", service="tiledb")
        raise TasksError(
            f"the result of task {uid} has Content-Type {content_type!r}; pass result_format='bytes' for raw bytes"
        ) from cause
    try:
        return decode(fmt, response.content, allow_pickle=allow)
    except UnpicklingRefused:
        raise PickleRefused(f"the result of task {uid} is a pickle; {_PICKLE_HINT}") from None
    except DecodeFailure as exc:
        raise TasksError(f"the result of task {uid} cannot be decoded as {fmt}: {exc.message}") from exc


def fetch_results(
    task_id: Any, *, result_format: Any = None, allow_pickle: bool = False, client: Client | None = None
) -> Any:
    """Fetch the results of a previously-executed UDF or SQL query, decoded.

    Args:
        task_id: the task id (a UUID or its string form, or a task object).
        result_format: None to decode by the response's Content-Type (JSON -> Python values, Arrow -> a
            ``pyarrow.Table``, octet-stream -> ``bytes``, TileDB-JSON -> Python values), or a format to force:
            ``json``, ``arrow``, ``bytes``, ``tiledb_json``; ``python_pickle``/``native`` need ``allow_pickle``.
        allow_pickle: allow unpickling a pickled result (it runs code chosen by whoever wrote the task).
        client: the client to use (default: the default client).

    Raises:
        TaskNotReady: the task is still running (HTTP 202); ``retry_after`` says when to ask again.
        PickleRefused: the result is a pickle and ``allow_pickle`` is False.
        TasksError: any other failure (results not saved or expired: chained to ``NotFound``).
        ImportError: an Arrow result without pyarrow installed.
    """
    uid, allow, forced = check_results_arguments(task_id, result_format, allow_pickle)
    chosen = resolve_client(client)
    with tasks_failure(f"Can not fetch the results of task {uid}"):
        transport = chosen.transport
    return run(fetch_results_steps(chosen, uid, forced, allow), transport)


def to_frame(value: Any, task: str) -> Any:
    pd = require_module("pandas", "pandas", "fetch_results_pandas")
    if isinstance(value, pd.DataFrame):
        return value
    if hasattr(value, "to_pandas"):  # a pyarrow Table or RecordBatch
        return value.to_pandas()
    if isinstance(value, list | dict):
        try:
            return pd.DataFrame(value)
        except (TypeError, ValueError) as exc:
            raise TasksError(f"the result of task {task} is not tabular: {exc}") from None
    raise TasksError(f"the result of task {task} is {type(value).__name__}, not a table")


def fetch_results_pandas(
    task_id: Any, *, result_format: Any = None, allow_pickle: bool = False, client: Client | None = None
) -> Any:
    """Fetch the results of a previously-executed UDF or SQL query as a ``pandas.DataFrame``.

    Like ``fetch_results`` (same arguments and errors), then: an Arrow table via ``to_pandas()``, JSON records or
    columns via ``pandas.DataFrame``, a pickled DataFrame as is. Needs pandas (``pip install 'taskfacade[pandas]'``).

    Unlike the vendor, the default ``result_format`` is None (decode by Content-Type), not ``native``: the
    vendor's default would unpickle server data.
    """
    uid = v.task_uuid("task_id", task_id)
    require_module("pandas", "pandas", "a DataFrame result")
    value = fetch_results(uid, result_format=result_format, allow_pickle=allow_pickle, client=client)
    return to_frame(value, str(uid))
