"""Every Geobox request, written once as steps (``taskfacade._steps``) and run by the sync or the async client.

``GeoboxOps`` holds what the requests of one client share (its credentials, the login state, whether the server
accepts ``uuid IN (...)`` filters) and returns *steps*: generators that check nothing twice, build each generated
operation's ``Call``, are sent its ``Exchange`` and check and convert the answer. ``GeoboxClient`` runs them with
``run(steps, caller)``, ``AsyncGeoboxClient`` with ``await arun(steps, caller)``; the callers below are the only
code that exists twice (each serializes the login exchange with its own kind of lock).

Login (username and password): ``authed`` logs in before the first request and once more when the server answers
401 to the token it issued; the login request itself is a ``LoginCall`` the caller runs under its lock, re-checking
whether another request logged in meanwhile, so concurrent first requests log in once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from taskfacade._adapter import Exchange
from taskfacade._errors import ResponseDecodeError, TransportError
from taskfacade._failure import undecodable
from taskfacade._steps import Call, Steps

from ._assets import Asset, AssetKind, asset_from_body
from ._auth import Credentials, GeoboxAuth
from ._enums import TaskStatus
from ._errors import AuthenticationError, ValidationError, api_request_error
from ._generated import (
    UNSET,
    AccessToken,
    LoginForm,
    ResponseFormat,
    TaskCount,
    TaskProgress,
    abort_task,
    get_file_info,
    get_model_3d,
    get_raster,
    get_table,
    get_task,
    get_task_status,
    get_tasks,
    get_tile_3d,
    get_vector_layer,
    login_for_access_token,
)
from ._generated import Task as TaskModel
from ._generated import TaskStatus as WireStatus
from ._listing import list_kwargs, uuid_filters

__all__ = ["AsyncGeoboxCaller", "GeoboxOps", "LoginCall", "SyncGeoboxCaller"]

T = TypeVar("T")

#: result key -> (generated operation module, generated model name)
_ASSET_OPERATIONS: Mapping[str, tuple[Any, str]] = {
    "layer_uuid": (get_vector_layer, "VectorLayer"),
    "raster_uuid": (get_raster, "Raster"),
    "model_uuid": (get_model_3d, "Model3D"),
    "file_uuid": (get_file_info, "FileInfo"),
    "3dtiles_uuid": (get_tile_3d, "Tile3D"),
    "table_uuid": (get_table, "Table"),
}


@attrs.frozen
class LoginCall(Call):
    """The login exchange: run by a caller under its login lock, and only if ``needed`` still says so then.

    Attributes:
        stale: the token the steps saw fail (None: no token yet).
        force: log in again even though there is a token (it was ``stale`` and got a 401).
    """

    stale: str | None = None
    force: bool = False


class GeoboxOps:
    """The requests of one Geobox client, as steps (see the module docstring)."""

    def __init__(self, credentials: Credentials, auth: GeoboxAuth, add_secret: Callable[[str], None]) -> None:
        self.credentials = credentials
        self.auth = auth
        self._add_secret = add_secret
        self.batch_lists = True  # False once the server refused a "uuid IN (...)" filter

    # -- login ---------------------------------------------------------------------------------------------

    def needed(self, call: LoginCall) -> bool:
        """Whether ``call`` still has to log in (another request may have done it meanwhile)."""
        token = self.auth.token
        return token is None or (call.force and token == call.stale)

    def login_call(self, stale: str | None, force: bool) -> LoginCall:
        creds = self.credentials
        form = LoginForm(username=creds.username or "", password=creds.password or "")
        return LoginCall(
            login_for_access_token, kwargs={"body": form}, exchange=True, idempotent=True, stale=stale, force=force
        )

    def apply_login(self, result: Exchange[Any]) -> str:
        """Check the login answer and use its token from now on (callers call it under their login lock)."""
        parsed = _expect(result, AccessToken, "login")
        token = parsed.access_token
        if not isinstance(token, str) or not token or not (token.isascii() and token.isprintable()):
            raise _decode_error(result, "login: 'access_token' must be a printable ASCII string")
        self._add_secret(token)
        self.auth.token = token
        return token

    def login(self, stale: str | None, force: bool = False) -> Steps[str]:
        """The current token; logs in when there is none, or when ``force`` and the token is still ``stale``."""
        token = self.auth.token
        if token is not None and not (force and token == stale):
            return token
        answer: str = yield self.login_call(stale, force)  # the caller's answer: the token in use after it
        return answer

    def login_now(self) -> Steps[None]:
        """``login()``: exchange the username and password for a token now, even when there is one."""
        try:
            yield from self.login(stale=self.auth.token, force=True)
        except TransportError as error:
            raise api_request_error(error) from error

    def authed(self, call: Call) -> Steps[Exchange[Any]]:
        """``call`` (with ``exchange=True``), logged in first (and again after a 401) when the client uses a
        password; a network failure is the SDK's ``ApiRequestError``."""
        try:
            if self.credentials.mode != "password":
                answer: Exchange[Any] = yield call
                return answer
            token = yield from self.login(stale=None)
            try:
                answer = yield call
            except AuthenticationError:
                yield from self.login(stale=token, force=True)
                answer = yield call
            return answer
        except TransportError as error:
            raise api_request_error(error) from error

    # -- tasks -----------------------------------------------------------------------------------------------

    def list(self, params: Mapping[str, Any]) -> Steps[list[dict[str, Any]] | int]:
        """``GET /v1/tasks/`` with checked ``params`` (see ``list_kwargs``): task bodies, or the count."""
        wire = {key: UNSET if value is None else value for key, value in params.items()}
        if isinstance(wire["state"], TaskStatus):
            wire["state"] = WireStatus(wire["state"].value)
        result = yield from self.authed(Call(get_tasks, kwargs={"f": ResponseFormat.JSON, **wire}, exchange=True))
        parsed = result.response.parsed
        if params["return_count"]:
            count = parsed.count if isinstance(parsed, TaskCount) else parsed
            if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
                return count
            raise _decode_error(result, "expected a count ({'count': N} or N)")
        if not isinstance(parsed, list) or not all(isinstance(item, TaskModel) for item in parsed):
            raise _decode_error(result, "expected a JSON array of tasks (each with a 'uuid')")
        return [_task_dict(result, item) for item in parsed]

    def fetch_task(self, uuid: str) -> Steps[dict[str, Any]]:
        """The task body (``GET /v1/tasks/{uuid}/``)."""
        result = yield from self.authed(Call(get_task, args=(uuid,), exchange=True))
        return _task_dict(result, _expect(result, TaskModel, "task"))

    def fetch_progress(self, uuid: str) -> Steps[int | None]:
        """``int(current / total * 100)`` (clamped to 0..100), or None when either is 0 or missing (as the SDK)."""
        result = yield from self.authed(Call(get_task_status, args=(uuid,), exchange=True))
        counters = _expect(result, TaskProgress, "task progress")
        numbers: list[float] = []
        for name, value in (("current", counters.current), ("total", counters.total)):
            if isinstance(value, int | float) and not isinstance(value, bool):
                numbers.append(value)
            elif value is not None and value is not UNSET:
                raise _decode_error(result, f"task progress: {name!r} must be a number")
        if len(numbers) < 2 or not numbers[0] or not numbers[1]:
            return None
        current, total = numbers
        return max(0, min(100, int(current / total * 100)))

    def abort_task(self, uuid: str) -> Steps[dict[str, Any]]:
        """Abort the task; the task body the server returns."""
        # Safe to replay: aborting an ABORTED task is a no-op, so a retry after a lost answer changes nothing.
        result = yield from self.authed(Call(abort_task, args=(uuid,), exchange=True, idempotent=True))
        return _task_dict(result, _expect(result, TaskModel, "aborted task"))

    def fetch_asset(self, kind: AssetKind, uuid: str) -> Steps[Asset]:
        """The asset a finished task produced."""
        operation, model_name = _ASSET_OPERATIONS[kind.result_key]
        call = Call(operation, args=(uuid,), kwargs={"f": ResponseFormat.JSON}, exchange=True)
        result = yield from self.authed(call)
        parsed = result.response.parsed
        if type(parsed).__name__ != model_name or not hasattr(parsed, "to_dict"):
            raise _decode_error(result, f"expected {model_name}, got {type(parsed).__name__}")
        try:
            return asset_from_body(kind, parsed.to_dict())
        except ResponseDecodeError as exc:
            raise _decode_error(result, exc.message) from None

    def fetch_tasks(self, uuids: Sequence[str], apply: Callable[[str, dict[str, Any]], None]) -> Steps[None]:
        """Several tasks' bodies, each handed to ``apply`` as it arrives: one list request per ~75 uuids
        (``q=uuid IN (...)``), then one GET for each uuid the lists did not return (another user's task, not
        shared). A server that refuses the filter (400/422) is not asked again: this client then GETs every task.
        """
        seen: set[str] = set()
        if self.batch_lists:
            wanted = set(uuids)
            for cql, chunk in list(uuid_filters(list(uuids))):
                params = list_kwargs(
                    state=None,
                    q=cql,
                    search=None,
                    search_fields=None,
                    order_by=None,
                    return_count=False,
                    skip=0,
                    limit=len(chunk),
                    user_id=None,
                    shared=True,
                )
                try:
                    bodies = yield from self.list(params)
                except ValidationError:
                    self.batch_lists = False
                    break
                assert not isinstance(bodies, int)  # return_count is False
                for body in bodies:
                    uuid = body["uuid"]
                    if uuid in wanted:
                        wanted.discard(uuid)
                        seen.add(uuid)
                        apply(uuid, body)
        for uuid in uuids:
            if uuid not in seen:
                apply(uuid, (yield from self.fetch_task(uuid)))


# -- the two shells: a transport plus the login lock ----------------------------------------------------------


class SyncGeoboxCaller:
    """Runs the steps' calls on a sync ``Transport``; a ``LoginCall`` under a ``threading.Lock``."""

    def __init__(self, transport: Any, ops: GeoboxOps) -> None:
        self.transport = transport
        self._ops = ops
        self._lock = threading.Lock()

    def perform(self, call: Call) -> Any:
        if not isinstance(call, LoginCall):
            return self.transport.perform(call)
        with self._lock:
            if not self._ops.needed(call):
                return self._ops.auth.token
            self._ops.auth.token = None
            return self._ops.apply_login(self.transport.perform(call))

    def pause(self, seconds: float) -> None:
        self.transport.pause(seconds)


class AsyncGeoboxCaller:
    """Runs the steps' calls on an ``AsyncTransport``; a ``LoginCall`` under an ``anyio.Lock``."""

    def __init__(self, transport: Any, ops: GeoboxOps) -> None:
        self.transport = transport
        self._ops = ops
        self._lock: Any = None  # an anyio.Lock, made in the event loop that first logs in

    async def perform(self, call: Call) -> Any:
        if not isinstance(call, LoginCall):
            return await self.transport.perform(call)
        if self._lock is None:
            import anyio  # only async users pay for it

            self._lock = anyio.Lock()
        async with self._lock:
            if not self._ops.needed(call):
                return self._ops.auth.token
            self._ops.auth.token = None
            return self._ops.apply_login(await self.transport.perform(call))

    async def pause(self, seconds: float) -> None:
        await self.transport.pause(seconds)

    async def perform_all(self, calls: Sequence[Call]) -> list[Any]:
        import anyio

        answers: list[Any] = [None] * len(calls)

        async def one(index: int, call: Call) -> None:
            try:
                answers[index] = await self.perform(call)
            except Exception as exc:  # handed to the steps, which decide
                answers[index] = exc

        async with anyio.create_task_group() as group:
            for index, call in enumerate(calls):
                group.start_soon(one, index, call)
        return answers


def _decode_error(result: Exchange[Any], message: str) -> ResponseDecodeError:
    return undecodable(result, message, service="geobox")


def _expect(result: Exchange[Any], cls: type[T], what: str) -> T:
    parsed = result.response.parsed
    if not isinstance(parsed, cls):
        raise _decode_error(result, f"{what}: expected {cls.__name__}, got {type(parsed).__name__}")
    return parsed


def _task_dict(result: Exchange[Any], model: TaskModel) -> dict[str, Any]:
    """The task body as a dict (``Task.data``), after checking the fields the facade relies on."""
    body: dict[str, Any] = model.to_dict()
    if not isinstance(body.get("uuid"), str) or not body["uuid"]:
        raise _decode_error(result, "task: 'uuid' must be a non-empty string")
    if body.get("name") is not None and not isinstance(body["name"], str):
        raise _decode_error(result, "task: 'name' must be a string")
    return body
