"""Continuation tokens: a job as a short string that rebuilds it in another process (and how jobs pickle).

A token is ``"tf1." + base64url(JSON)`` (no padding) of ``{"s": service, "k": kind, "i": ids, "st": status}``:
the service's registered name, the job class's ``_JOB_KIND``, the ids the service needs to rebuild the handle
and the last known status (a string, or null). Never a credential, a URL or a host: the client that rebuilds the
job brings those. Keys are sorted, so one job gives one token.

A service opts in with hooks on its job classes (the sync and async twins share them) and one function:

- ``_SERVICE_NAME`` / ``_JOB_KIND``: class attributes, the service's name and the kind's name;
- ``_token_ids()``: the ids, a dict of JSON scalars;
- ``ServiceInfo.rebuild(kind, client, ids, status, asynchronous)`` (in the service's ``_tokens.py``, named by its
  ``_service.py``): the job (or its async twin), on ``client`` or, when None, on the service's default client
  from the environment (or an ``InvalidArgument`` saying what is missing). It makes no request, so unpickling
  can call it.
"""

from __future__ import annotations

import base64
import binascii
import enum
import json
from collections.abc import Mapping
from typing import Any

import attrs

from ._errors import InvalidArgument, UnsupportedOperation
from ._registry import service_info, service_names

__all__ = ["FORMAT_PREFIX", "TokenData", "decode", "encode", "job_from_token", "job_from_token_async", "token_of"]

#: The version prefix of every token this version writes and reads.
FORMAT_PREFIX = "tf1."
_MAX_TOKEN = 4096
_ACCEPTED = "a continuation token from job.to_token() ('tf1.' + base64url JSON)"


@attrs.frozen
class TokenData:
    """What a continuation token holds (``taskfacade.TokenData``): read a token without rebuilding its job, or make
    one from ids a caller already has (a job id in an orchestrator's config), without a client or a request.

    Attributes:
        service: the service's registered name (``deadline``, ``geobox``...).
        kind: the job kind, a ``_JOB_KIND`` of one of the service's job types (``task``, ``job``...).
        ids: the ids the service rebuilds the job from, as its jobs' ``to_token()`` writes them (strings, numbers,
            booleans or None; e.g. Deadline's ``farmId``, ``queueId``, ``jobId``, ``stepId``, ``taskId``).
        status: the last known status as text, or None (a job made from ids alone: it is fetched when refreshed).
    """

    service: str
    kind: str
    ids: dict[str, Any]
    status: str | None

    @classmethod
    def from_token(cls, token: str) -> TokenData:
        """What ``token`` holds (no service is imported, no request is sent).

        Raises:
            InvalidArgument: ``token`` is not a continuation token of this version (naming ``token``).
        """
        return decode(token)

    def to_token(self) -> str:
        """The continuation token of this data, checked first: a known service, one of its job kinds with
        continuation tokens, ids of JSON scalars and a text status (``InvalidArgument`` naming the field).

        ``taskfacade.job_from_token`` (or ``taskfacade.aio.job_from_token``) rebuilds the job from it; whether the
        ids name an existing job is known at its first refresh.
        """
        names = service_names()
        if not isinstance(self.service, str) or self.service not in names:
            raise InvalidArgument("service", self.service, f"a known service ({', '.join(names)})")
        kinds = _token_kinds(service_info(self.service))
        if not kinds:
            raise InvalidArgument("service", self.service, "a service with continuation tokens")
        if self.kind not in kinds:
            raise InvalidArgument("kind", self.kind, f"a {self.service} job kind ({', '.join(kinds)})")
        if not (
            isinstance(self.ids, dict)
            and all(isinstance(key, str) for key in self.ids)
            and all(value is None or isinstance(value, str | int | bool) for value in self.ids.values())
        ):
            raise InvalidArgument("ids", self.ids, "a dict of str keys to str, int, bool or None values")
        if self.status is not None and not isinstance(self.status, str):
            raise InvalidArgument("status", self.status, "a status as text, or None")
        token = encode(self)
        if len(token) > _MAX_TOKEN:
            raise InvalidArgument("ids", self.ids, f"ids short enough for a token of at most {_MAX_TOKEN} characters")
        return token


def _token_kinds(info: Any) -> list[str]:
    """The job kinds of a service that have continuation tokens (none without ``rebuild``)."""
    if info.rebuild is None:
        return []
    return [kind._JOB_KIND for kind in info.job_types if isinstance(getattr(kind, "_JOB_KIND", None), str)]


def _status_text(status: object) -> str | None:
    value = status.value if isinstance(status, enum.Enum) else status
    return None if value is None else str(value)


def encode(data: TokenData) -> str:
    """The token of ``data`` (sorted keys, compact JSON, base64url without padding)."""
    body = {"s": data.service, "k": data.kind, "i": data.ids, "st": data.status}
    raw = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    return FORMAT_PREFIX + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def token_of(job: Any) -> str:
    """``job.to_token()``: the token of a job whose class has the token hooks."""
    service = getattr(type(job), "_SERVICE_NAME", None)
    kind = getattr(type(job), "_JOB_KIND", None)
    if not isinstance(service, str) or not isinstance(kind, str):
        raise UnsupportedOperation(f"{type(job).__name__}: this job kind has no continuation token")
    return encode(TokenData(service, kind, dict(job._token_ids()), _status_text(job._peek_status())))


def _refuse(token: object, rule: str) -> InvalidArgument:
    shown = token if isinstance(token, str) and len(token) <= 200 else type(token).__name__
    return InvalidArgument("token", shown, rule)


def decode(token: object) -> TokenData:
    """The contents of ``token``, checked; ``InvalidArgument(parameter="token")`` for anything else."""
    if not isinstance(token, str) or not token:
        raise _refuse(token, _ACCEPTED)
    if len(token) > _MAX_TOKEN:
        raise _refuse(token, f"{_ACCEPTED}, at most {_MAX_TOKEN} characters")
    version, dot, payload = token.partition(".")
    if not dot or not version.startswith("tf"):
        raise _refuse(token, _ACCEPTED)
    if version + "." != FORMAT_PREFIX:
        raise _refuse(token, f"a token of version {FORMAT_PREFIX[:-1]!r} (this one is {version!r}: upgrade taskfacade)")
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        body = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise _refuse(token, f"{_ACCEPTED} (its payload does not decode)") from None
    if not (
        isinstance(body, dict)
        and set(body) == {"s", "k", "i", "st"}
        and isinstance(body["s"], str)
        and isinstance(body["k"], str)
        and isinstance(body["i"], dict)
        and all(isinstance(key, str) for key in body["i"])
        and all(value is None or isinstance(value, str | int | bool) for value in body["i"].values())
        and (body["st"] is None or isinstance(body["st"], str))
    ):
        raise _refuse(token, f"{_ACCEPTED} (its payload is not a token's)")
    return TokenData(body["s"], body["k"], body["i"], body["st"])


def _rebuild(token: str, client: Any, asynchronous: bool) -> Any:
    """The job of ``token`` (checked first: nothing is built, no request is sent, for a token refused)."""
    data = decode(token)
    names = service_names()
    if data.service not in names:
        raise _refuse(token, f"a token of a known service ({', '.join(names)}), not {data.service!r}")
    info = service_info(data.service)
    client_service = _client_service(client)
    if client_service is not None and client_service != data.service:
        raise _refuse(token, f"a token of the client's service ({client_service}); this one is for {data.service}")
    kinds = _token_kinds(info)
    if info.rebuild is None or not kinds:
        raise _refuse(token, f"a token of a service with continuation tokens ({data.service} has none)")
    if data.kind not in kinds:
        raise _refuse(token, f"a token of a {data.service} job kind ({', '.join(kinds)}), not {data.kind!r}")
    return info.rebuild(data.kind, client, dict(data.ids), data.status, asynchronous)


def _client_service(client: Any) -> str | None:
    """The service a client belongs to (its package ``taskfacade.<name>``), or None (no client, or a plug-in's:
    then the service's ``rebuild`` checks it)."""
    if client is None:
        return None
    parts = type(client).__module__.split(".")
    if len(parts) >= 2 and parts[0] == "taskfacade":
        return parts[1]
    return None


def job_from_token(token: str, client: Any = None) -> Any:
    """Rebuild a job from ``job.to_token()``: the same handle, its state the token's last status until refreshed.

    Args:
        token: a continuation token.
        client: a client of the token's service (None: the service's default client, from the environment).

    Raises:
        InvalidArgument: a malformed token, one of an unknown version, service or job kind, one for another
            service than ``client``'s (all before any request); or no default client can be built.
    """
    return _rebuild(token, client, asynchronous=False)


async def job_from_token_async(token: str, client: Any = None) -> Any:
    """``job_from_token`` for the async twin: the job is rebuilt as an ``AsyncJob`` (``client``: an async one)."""
    return _rebuild(token, client, asynchronous=True)


def _unpickle_async(token: str) -> Any:
    """Unpickle an async job: rebuilt (without I/O) on the service's default async client."""
    return _rebuild(token, None, asynchronous=True)


def reduce_job(job: Any, asynchronous: bool) -> tuple[Any, tuple[str]]:
    """``__reduce__`` of every job: rebuilt from its token (no client, no secrets in the pickle)."""
    return (_unpickle_async if asynchronous else job_from_token, (token_of(job),))


def ids_of(ids: Mapping[str, Any], names: tuple[str, ...], token_kind: str) -> dict[str, str]:
    """The string ids ``names`` out of a token's ids, or ``InvalidArgument`` naming what is missing."""
    missing = [name for name in names if not isinstance(ids.get(name), str) or not ids[name]]
    if missing:
        raise InvalidArgument("token", token_kind, f"a {token_kind} token with ids {', '.join(names)}")
    return {name: str(ids[name]) for name in names}
