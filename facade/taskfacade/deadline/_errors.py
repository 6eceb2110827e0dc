"""Deadline's exceptions, shaped like botocore's ``ClientError`` and placed in the facade's error tree.

``client.exceptions.ResourceNotFoundException`` is both what boto3 code catches and a ``taskfacade.NotFound``;
every class carries botocore's ``response`` dict (``Error.Code``, ``Error.Message``, the modeled members at the
top level, ``ResponseMetadata`` with ``RequestId``, ``HTTPStatusCode``, ``HTTPHeaders`` and ``RetryAttempts``).
An error code the model does not list (``ServiceUnavailableException``, ``InvalidSignatureException``, a bare
503) is a ``ClientError`` that also fits its status family (``ServerError``, ``Forbidden``...), as botocore
raises plain ``ClientError`` for them.

The wire format (restJson1): the code comes from header ``X-Amzn-ErrorType``, else the body's ``code``/``Code``,
else its ``__type``, else the status as a string; ``Foo:http://...`` and ``ns#Foo`` are sanitized to ``Foo``.

Each modeled class's members (``MODELED``) are derived from the generated model of its error schema, so they
follow ``openapi/deadline.yaml`` (itself synced from botocore's model); only ``retryAfterSeconds``, which botocore
binds to the ``Retry-After`` header rather than the body, is named here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, cast

from .._errors import (
    APIError,
    BadRequest,
    Conflict,
    ErrorClasses,
    ErrorDetails,
    Forbidden,
    NotFound,
    RateLimited,
    ServerError,
    Unauthorized,
    UnexpectedStatus,
    _portable,
    _restore,
    _state,
    decode_body,
    error_class_for,
    reason_phrase,
)
from ._generated import ERROR_MODELS, wire_members

__all__ = [
    "ERROR_CLASSES",
    "MODELED_ERRORS",
    "AccessDeniedException",
    "ClientError",
    "ConflictException",
    "Exceptions",
    "InternalServerErrorException",
    "ResourceNotFoundException",
    "ThrottlingException",
    "ValidationException",
    "error_from_item",
    "parse_error",
]

_SNIPPET = 300
#: The member botocore fills from the ``Retry-After`` header of the errors that document it (500 and 429).
_RETRY_AFTER = "retryAfterSeconds"


def _members(code: str, *, retry_after: bool = False) -> tuple[str, ...]:
    """The ``response`` members of error ``code``: its schema's body members, plus the ``Retry-After`` one."""
    return (*wire_members(ERROR_MODELS[code]), *((_RETRY_AFTER,) if retry_after else ()))


class ClientError(APIError):
    """Any error answer from Deadline (botocore's ``ClientError``), with botocore's ``response`` dict.

    Attributes:
        operation_name: the operation that failed (``"GetTask"``...), as on botocore's exception.
        response: ``{"Error": {"Code", "Message"}, <modeled members>, "ResponseMetadata": {...}}``.
    """

    #: The error structure's members (merged into ``response`` as botocore does); empty when unmodeled.
    MODELED: ClassVar[tuple[str, ...]] = ()
    operation_name: str = ""
    #: Whether the call stopped because its retry mode's attempts ran out (botocore's ``MaxAttemptsReached``).
    max_attempts_reached: bool = False

    @property
    def response(self) -> dict[str, Any]:
        """botocore's ``e.response`` (computed, so it reflects the final attempt count)."""
        body = self.body if isinstance(self.body, Mapping) else {}
        result: dict[str, Any] = {"Error": {"Code": self.code or str(self.status), "Message": self.message}}
        for name in self.MODELED:
            if name == _RETRY_AFTER:
                seconds = _int_header(self.headers, "retry-after")
                if seconds is not None:
                    result[name] = seconds
            elif body.get(name) is not None:
                result[name] = body[name]
        result["ResponseMetadata"] = {
            "RequestId": self.request_id or "",
            "HTTPStatusCode": self.status,
            "HTTPHeaders": {k.lower(): v for k, v in self.headers.items()},
            "RetryAttempts": max(self.attempts - 1, 0),
        }
        if self.max_attempts_reached:
            result["ResponseMetadata"]["MaxAttemptsReached"] = True
        return result

    def __reduce__(self) -> tuple[Any, ...]:
        family = _FAMILY_OF.get(type(self))
        if family is None:  # a named class: pickled by reference, as every other error
            return super().__reduce__()
        return (_restore_generic, (family, _portable(self.args), _state(self)))

    def __str__(self) -> str:
        operation = f" when calling the {self.operation_name} operation" if self.operation_name else ""
        retries = f" (reached max retries: {self.attempts - 1})" if self.max_attempts_reached else ""
        return f"An error occurred ({self.code or self.status}){operation}{retries}: {self.message}"


class AccessDeniedException(ClientError, Forbidden):
    """403: the credentials may not do this."""

    MODELED = _members("AccessDeniedException")


class InternalServerErrorException(ClientError, ServerError):
    """500: the service failed."""

    MODELED = _members("InternalServerErrorException", retry_after=True)


class ResourceNotFoundException(ClientError, NotFound):
    """404: no such farm, queue, job, step or task."""

    MODELED = _members("ResourceNotFoundException")


class ThrottlingException(ClientError, RateLimited):
    """429: slow down (``retry_after`` holds the server's hint)."""

    MODELED = _members("ThrottlingException", retry_after=True)


class ValidationException(ClientError, BadRequest):
    """400: the service refused the input (``response["fieldList"]`` names the fields)."""

    MODELED = _members("ValidationException")


class ConflictException(ClientError, Conflict):
    """409: the task's state does not allow the change, or a client token was reused for another request."""

    MODELED = _members("ConflictException")


MODELED_ERRORS: tuple[type[ClientError], ...] = (
    AccessDeniedException,
    InternalServerErrorException,
    ResourceNotFoundException,
    ThrottlingException,
    ValidationException,
    ConflictException,
)


def _generic(family: type[APIError]) -> type[ClientError]:
    """A ``ClientError`` that is also a ``family`` error (for codes the model does not list).

    Made with ``type(...)``, so pickle cannot find it by name (``taskfacade.deadline._errors.ClientError`` is the
    base class); ``ClientError.__reduce__`` names its family instead and ``_restore_generic`` rebuilds it as the
    process's one class for that family, so ``except client.exceptions.ClientError`` and ``except ServerError``
    both still catch an unpickled 503.
    """
    return type("ClientError", (ClientError, family), {"__module__": __name__, "__doc__": ClientError.__doc__})


def _restore_generic(family: type[APIError], args: tuple[Any, ...], state: dict[str, Any]) -> ClientError:
    """Unpickle an unmodeled error: the same ``ClientError`` class for ``family`` as ``_GENERIC`` holds."""
    return cast(ClientError, _restore(_GENERIC[family], args, state))


_FAMILIES: tuple[type[APIError], ...] = (
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    ServerError,
    UnexpectedStatus,
)
_GENERIC: dict[type[APIError], type[ClientError]] = {family: _generic(family) for family in _FAMILIES}
#: Each dynamically made class's family, for pickling.
_FAMILY_OF: dict[type[ClientError], type[APIError]] = {cls: family for family, cls in _GENERIC.items()}


def _generic_for(status: int) -> type[ClientError]:
    return _GENERIC[error_class_for(status)]


#: For the transport: modeled classes by code, then a ``ClientError`` of the right family for any status.
ERROR_CLASSES: ErrorClasses = {
    **{(None, cls.__name__): cls for cls in MODELED_ERRORS},
    **{(status, None): _generic_for(status) for status in range(100, 1000)},
}


class Exceptions:
    """``client.exceptions``: the modeled exception classes plus ``ClientError``, as boto3 exposes them."""

    ClientError = ClientError
    AccessDeniedException = AccessDeniedException
    InternalServerErrorException = InternalServerErrorException
    ResourceNotFoundException = ResourceNotFoundException
    ThrottlingException = ThrottlingException
    ValidationException = ValidationException
    ConflictException = ConflictException


def _sanitize(code: str) -> str:
    return code.split(":", 1)[0].rsplit("#", 1)[-1].strip()


def _first(body: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = body.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def parse_error(status: int, headers: Mapping[str, str], content: bytes) -> ErrorDetails:
    """Deadline's error parser for the transport (never raises for any body)."""
    body = decode_body(content)
    fields = body if isinstance(body, Mapping) else {}
    raw = headers.get("x-amzn-errortype") or _first(fields, ("code", "Code", "__type"))
    code = _sanitize(raw) if raw else ""
    message = _first(fields, ("message", "Message"))
    if message is None:
        text = body.strip() if isinstance(body, str) else ""
        generic = status >= 500 and (not text or text.lower().startswith("<"))
        message = reason_phrase(status) if generic or not text else text[:_SNIPPET]
    request_id = headers.get("x-amzn-requestid") or headers.get("x-amz-request-id")
    return ErrorDetails(code=code or str(status), message=message, request_id=request_id, body=body)


_ITEM_STATUS = {
    "AccessDeniedException": 403,
    "InternalServerErrorException": 500,
    "ResourceNotFoundException": 404,
    "ThrottlingException": 429,
    "ValidationException": 400,
    "ConflictException": 409,
}


def error_from_item(code: str, message: str, *, operation_name: str, request_id: str | None) -> ClientError:
    """The exception for one per-item error of a batch answer (BatchGetTask ``errors[]``)."""
    status = _ITEM_STATUS.get(code, 500)
    cls = cast(type[ClientError], error_class_for(status, code, ERROR_CLASSES))
    error = cls(message, status=status, code=code, request_id=request_id, service="deadline")
    error.operation_name = operation_name
    return error


def _int_header(headers: Mapping[str, str], name: str) -> int | None:
    value = {k.lower(): v for k, v in headers.items()}.get(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
