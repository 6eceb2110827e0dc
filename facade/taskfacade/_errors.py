"""The one exception tree every taskfacade call raises.

::

    TaskFacadeError
    ├── InvalidArgument          bad input, refused before any request (also a ValueError and a TypeError)
    ├── UnsupportedOperation     the service has no such verb, e.g. abort (also a NotImplementedError)
    ├── APIError                 the server answered with an error status
    │   ├── BadRequest           400, 422
    │   ├── Unauthorized         401
    │   ├── Forbidden            403
    │   ├── NotFound             404
    │   ├── Conflict             409
    │   ├── RateLimited          429 (``retry_after``)
    │   ├── ServerError          500-599, including non-standard ones such as 520
    │   └── UnexpectedStatus     any other status: 405, 410, 499, a refused cross-host redirect, ...
    ├── TransportError           the request or its response did not make it across the network
    │   └── Timeout              connect, read, write or connection-pool timeout
    ├── ResponseDecodeError      a successful response whose body is not what the spec says
    │   └── ResponseTooLarge     a body (any status) that inflates past ``max_response_size``; never retried
    ├── ClientClosed             the client was closed; nothing was sent
    ├── WaitTimeout              a wait's overall deadline passed (also the builtin TimeoutError)
    └── WaitCancelled            a wait's ``cancel=`` signal was set (``pending`` lists the unfinished jobs)

Services fit their own named exceptions into the tree by multiple inheritance, e.g.
``class ResourceNotFoundException(DeadlineError, NotFound)``, and hand the transport a mapping
``{(status or None, code or None): class}`` (see ``error_class_for``), so ``except NotFound`` and
``except client.exceptions.ResourceNotFoundException`` both work.

No message built here contains a query string, a header or a credential: URLs are stored and shown without
their query, and error bodies come from the server.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Mapping, Sequence
from http import HTTPStatus
from typing import Any

import attrs

__all__ = [
    "APIError",
    "BadRequest",
    "Conflict",
    "ErrorDetails",
    "ErrorParser",
    "Forbidden",
    "InvalidArgument",
    "NotFound",
    "RateLimited",
    "ResponseDecodeError",
    "ResponseTooLarge",
    "ServerError",
    "TaskFacadeError",
    "Timeout",
    "TransportError",
    "Unauthorized",
    "UnexpectedStatus",
    "UnsupportedOperation",
    "WaitCancelled",
    "WaitTimeout",
    "error_class_for",
    "parse_error_body",
]

_BODY_SNIPPET = 300
_VALUE_SNIPPET = 200


def _restore(cls: type[BaseException], args: tuple[Any, ...], state: dict[str, Any]) -> BaseException:
    exc = cls.__new__(cls, *args)
    exc.args = args
    exc.__dict__.update(state)
    return exc


def _portable(value: Any) -> Any:
    """``value`` as it crosses a process boundary: a job as its continuation token, lists, tuples and dicts item by
    item, anything else itself if it pickles, else its ``repr``.

    A job travels as its token (a string: ``taskfacade.job_from_token`` rebuilds it where a client is at hand)
    rather than as itself, so unpickling an error never needs that process's default client. Anything else that
    does not pickle (a task in ``WorkflowNodeError.task``) travels as its ``repr``, which names the service and ids,
    never a credential.
    """
    to_token = getattr(value, "to_token", None)
    if callable(to_token) and not isinstance(value, type):
        try:
            token = to_token()
        except Exception:  # a job class without tokens: its repr
            return repr(value)
        return token if isinstance(token, str) else repr(value)
    if isinstance(value, list):
        return [_portable(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_portable(item) for item in value)
    if isinstance(value, dict):
        return {key: _portable(item) for key, item in value.items()}
    try:
        pickle.dumps(value)
    except Exception:  # whatever stops pickling: TypeError, PicklingError, AttributeError...
        return repr(value)
    return value


class TaskFacadeError(Exception):
    """Root of every error taskfacade raises on purpose.

    Every error pickles (process pools, ``multiprocessing``, ``concurrent.futures``) with its attributes; a job
    (in ``WaitTimeout.pending``) travels as its continuation token, and an attribute that does not pickle as its
    ``repr``.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructors break the default pickling of exceptions (futures, multiprocessing).
        return (_restore, (type(self), _portable(self.args), _state(self)))


def _state(error: BaseException) -> dict[str, Any]:
    """The error's attributes, each one picklable (see ``_portable``)."""
    return {name: _portable(value) for name, value in vars(error).items()}


class InvalidArgument(TaskFacadeError, ValueError, TypeError):
    """A parameter was refused before any request was sent.

    Attributes:
        parameter: the parameter's name as the caller spelled it.
        value: the refused value (never a credential: callers validate credentials without echoing them).
        accepted: a short description of what is accepted.
        source: where the value came from when the parameter's name does not say it (``environment``,
            ``~/.aws/credentials [dev]``, ``--token``), else None.
    """

    def __init__(self, parameter: str, value: Any, accepted: str, *, source: str | None = None) -> None:
        self.parameter = parameter
        self.value = value
        self.accepted = accepted
        self.source = source
        origin = f" (from {source})" if source else ""
        shown = repr(value)
        if len(shown) > _VALUE_SNIPPET:  # a 70 000-character filter is named, not echoed whole
            shown = f"{shown[:_VALUE_SNIPPET]}...<{len(shown)} characters>"
        super().__init__(f"invalid {parameter}={shown}{origin}: expected {accepted}")


class UnsupportedOperation(TaskFacadeError, NotImplementedError):
    """The service does not offer this operation (for example aborting a task where there is no abort)."""


class APIError(TaskFacadeError):
    """The server answered with an error status.

    Attributes:
        status: the HTTP status code (an int, also for non-standard codes such as 499 or 520).
        code: the service's own error code (``ResourceNotFoundException``, ``"400101"``...), if it sent one.
        message: the service's message, else a snippet of the body, else the HTTP reason phrase.
        request_id: the request id the service returned, if any, for support tickets.
        body: the parsed JSON body, the body text when it is not JSON, or None when empty.
        service: the service name (``tiledb``, ``deadline``, ``geobox``, ``tensorbay``).
        method: the HTTP method.
        url: the request URL without its query string.
        retry_after: seconds the server asked us to wait (``Retry-After``), if it did.
        attempts: how many attempts the transport made before giving up.
        headers: the response headers (``Set-Cookie`` removed).
    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        code: str | None = None,
        request_id: str | None = None,
        body: Any = None,
        service: str = "",
        method: str = "",
        url: str = "",
        retry_after: float | None = None,
        attempts: int = 1,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.request_id = request_id
        self.body = body
        self.service = service
        self.method = method
        self.url = url
        self.retry_after = retry_after
        self.attempts = attempts
        self.headers: dict[str, str] = {k: v for k, v in (headers or {}).items() if k.lower() != "set-cookie"}

    def __str__(self) -> str:
        where = " ".join(part for part in (self.method, self.url) if part)
        code = f" {self.code}" if self.code else ""
        rid = f" (request id {self.request_id})" if self.request_id else ""
        prefix = f"{self.service}: " if self.service else ""
        head = f"{where} -> {self.status}" if where else str(self.status)
        return f"{prefix}{head}{code}: {self.message}{rid}"


class BadRequest(APIError):
    """400 or 422: the server refused the request's content."""


class Unauthorized(APIError):
    """401: missing, wrong or expired credentials."""


class Forbidden(APIError):
    """403: the credentials are valid but not allowed to do this."""


class NotFound(APIError):
    """404: no such resource (or not visible to these credentials)."""


class Conflict(APIError):
    """409: the resource's state does not allow the change."""


class RateLimited(APIError):
    """429: too many requests. ``retry_after`` holds the server's hint in seconds, when it sent one."""


class ServerError(APIError):
    """Any 5xx, including non-standard codes (520...)."""


class UnexpectedStatus(APIError):
    """A status outside the families above (405, 410, 499, 1xx, a refused redirect...)."""


class TransportError(TaskFacadeError):
    """The request or its response did not make it across the network (refused, reset, truncated...).

    Attributes:
        service, method, url: as on ``APIError`` (the URL without its query string).
        attempts: how many attempts were made.
    """

    def __init__(self, message: str, *, service: str = "", method: str = "", url: str = "", attempts: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.service = service
        self.method = method
        self.url = url
        self.attempts = attempts

    def __str__(self) -> str:
        prefix = f"{self.service}: " if self.service else ""
        where = f"{self.method} {self.url}: " if self.method else ""
        return f"{prefix}{where}{self.message}"


class Timeout(TransportError):
    """A connect, read, write or pool timeout (or the caller's overall deadline ran out mid-call)."""


class ResponseDecodeError(TaskFacadeError):
    """A successful response whose body is not what the spec says (malformed JSON, wrong types, missing fields).

    Attributes:
        status, service, method, url: as on ``APIError``.
        content: the raw body bytes.
    """

    def __init__(
        self, message: str, *, status: int = 0, service: str = "", method: str = "", url: str = "", content: bytes = b""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.service = service
        self.method = method
        self.url = url
        self.content = content

    def __str__(self) -> str:
        prefix = f"{self.service}: " if self.service else ""
        where = f"{self.method} {self.url} -> {self.status}: " if self.method else ""
        return f"{prefix}{where}{self.message}"


class ResponseTooLarge(ResponseDecodeError):
    """A response body that, decompressed, passed the client's ``max_response_size``; reading stopped there.

    A decode error because the body cannot be taken in as it is, whatever the status (an error page counts too);
    the transport never retries it: the same request would get the same body. ``content`` is empty (the part
    read is dropped), ``status`` is the response's.

    Attributes:
        limit: the ``max_response_size`` in bytes that was passed.
        received: decompressed bytes read when reading stopped (just over ``limit``).
        attempts: how many attempts the transport made (earlier ones failed in a retryable way).
    """

    def __init__(
        self,
        message: str,
        *,
        limit: int,
        received: int,
        status: int = 0,
        service: str = "",
        method: str = "",
        url: str = "",
        attempts: int = 1,
    ) -> None:
        super().__init__(message, status=status, service=service, method=method, url=url)
        self.limit = limit
        self.received = received
        self.attempts = attempts


class ClientClosed(TaskFacadeError):
    """The client was closed (``close()`` or the end of its ``with`` block); nothing was sent. Not transient."""


class WaitTimeout(TaskFacadeError, TimeoutError):
    """A wait's overall deadline passed before every job finished.

    Also a builtin ``TimeoutError`` (and so ``concurrent.futures.TimeoutError``), so code written against the
    vendor SDKs' ``except TimeoutError`` keeps working.

    Attributes:
        timeout: the overall timeout in seconds.
        pending: the jobs still unfinished (one job for ``Job.wait``).
    """

    def __init__(self, message: str, *, timeout: float | None = None, pending: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.timeout = timeout
        self.pending = list(pending)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "wait timed out"


class WaitCancelled(TaskFacadeError):
    """A wait stopped because its ``cancel=`` signal was set (``wait``, ``wait_all``, ``as_completed``).

    Not a ``TimeoutError`` and not ``asyncio.CancelledError``: the wait itself ended on request, the jobs go on.

    Attributes:
        pending: the jobs still unfinished when the wait stopped.
    """

    def __init__(self, message: str, *, pending: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.pending = list(pending)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "wait cancelled"


# ---------------------------------------------------------------------------------------------------------------
# Status and error-body mapping


_FAMILY: Mapping[int, type[APIError]] = {
    400: BadRequest,
    422: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    429: RateLimited,
}

#: A service's own exception classes keyed by ``(status, code)``; either part may be None (a wildcard).
ErrorClasses = Mapping[tuple[int | None, str | None], type[APIError]]


def _check_status(status: object) -> None:
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 999:
        raise InvalidArgument("status", status, "an HTTP status code (an integer 100..999)")


def error_class_for(status: int, code: str | None = None, classes: ErrorClasses | None = None) -> type[APIError]:
    """Pick the exception class for a status and service error code.

    Lookup order: ``classes[(status, code)]``, ``classes[(None, code)]``, ``classes[(status, None)]``, then the
    status family of this module.
    """
    _check_status(status)
    if code is not None and not isinstance(code, str):
        raise InvalidArgument("code", code, "None or a service error code (a string)")
    if classes is not None and not isinstance(classes, Mapping):
        raise InvalidArgument("classes", classes, "None or a mapping {(status or None, code or None): APIError class}")
    if classes:
        for key in ((status, code), (None, code), (status, None)):
            if (key[1] is not None or key[0] is not None) and key in classes:
                return classes[key]
    if status in _FAMILY:
        return _FAMILY[status]
    if 500 <= status <= 599:
        return ServerError
    return UnexpectedStatus


@attrs.frozen
class ErrorDetails:
    """What a service's error parser extracts from an error response.

    Attributes:
        code: the service's error code, if any.
        message: a human-readable message, if any.
        request_id: the request id, if any.
        body: the decoded body (JSON value, text, or None when empty).
    """

    code: str | None = None
    message: str | None = None
    request_id: str | None = None
    body: Any = None


#: ``(status, headers, content) -> ErrorDetails``; services pass their own to the transport.
ErrorParser = Callable[[int, Mapping[str, str], bytes], ErrorDetails]

_CODE_KEYS = ("code", "Code", "errorCode", "error_code", "__type", "error")
_MESSAGE_KEYS = ("message", "Message", "msg", "detail", "error_description", "errorMessage", "error")
_REQUEST_ID_HEADERS = ("x-request-id", "x-amzn-requestid", "x-amz-request-id", "request-id", "x-correlation-id")
_REQUEST_ID_KEYS = ("request_id", "requestId", "RequestId")


def decode_body(content: bytes) -> Any:
    """The body as JSON when it parses, else as text (None when empty). Never raises."""
    if not content.strip():
        return None
    try:
        return json.loads(content)
    except ValueError:
        return content.decode("utf-8", errors="replace")


def _first_str(body: Mapping[str, Any], keys: Sequence[str]) -> str | None:
    for key in keys:
        value = body.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value):
            return str(value)
    return None


def parse_error_body(status: int, headers: Mapping[str, str], content: bytes) -> ErrorDetails:
    """The default error parser: JSON objects with common key names, else the body text.

    Works for empty bodies, HTML error pages and any status, so there is always a usable message.
    """
    _check_status(status)
    if not isinstance(headers, Mapping):
        raise InvalidArgument("headers", headers, "a mapping of response headers")
    if not isinstance(content, bytes | bytearray):
        raise InvalidArgument("content", content, "the response body as bytes")
    body = decode_body(content)
    code = message = request_id = None
    if isinstance(body, Mapping):
        code = _first_str(body, _CODE_KEYS)
        message = _first_str(body, _MESSAGE_KEYS)
        request_id = _first_str(body, _REQUEST_ID_KEYS)
    elif isinstance(body, str):
        message = body.strip()[:_BODY_SNIPPET]
    for name in _REQUEST_ID_HEADERS:
        if request_id is None and headers.get(name):
            request_id = headers[name]
    return ErrorDetails(code=code, message=message, request_id=request_id, body=body)


def reason_phrase(status: int) -> str:
    """The standard reason phrase, or a neutral text for non-standard codes."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"HTTP status {status}"
