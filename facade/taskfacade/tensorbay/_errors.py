"""TensorBay's exception names, fitted into the facade's error tree, and its ``{code, message}`` error parser.

The vendor SDK picks the exception class by the error body's ``code`` string, not by the HTTP status, and
crashes (``KeyError``, ``JSONDecodeError``) when the body is not JSON or has no ``code``. Here the code still
decides when there is one; otherwise the status does: 401 ``UnauthorizedError``, 404 ``ResourceNotExistError``,
409 ``NameConflictError``, any 5xx (an HTML 502 from a gateway too) ``InternalServerError``, and anything else a
plain ``ResponseError`` that is also the status's core class (400 ``BadRequest``, 403 ``Forbidden``, 429
``RateLimited``...). Every class below is a ``taskfacade.TaskFacadeError``::

    TensorBayException (TaskFacadeError)
    └── ClientError
        ├── StatusError                 no branch or commit to base the job on (raised before any request)
        ├── DatasetTypeError            get_dataset(is_fusion=...) does not match the dataset's type
        └── ResponseError (APIError)    any error answer; also the status's core class
            ├── AccessDeniedError           AccessDenied          (Forbidden)
            ├── ForbiddenError              Forbidden             (Forbidden)
            ├── InvalidParamsError          InvalidParamsValue    (BadRequest)
            ├── NameConflictError           NameConflict          (Conflict)
            ├── RequestParamsMissingError   RequestParamsMissing  (BadRequest)
            ├── ResourceNotExistError       ResourceNotExist      (NotFound)
            ├── InternalServerError         InternalServerError   (ServerError)
            └── UnauthorizedError           Unauthorized          (Unauthorized)
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

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
    TaskFacadeError,
    Unauthorized,
    UnexpectedStatus,
    parse_error_body,
)

__all__ = [
    "ERROR_CLASSES",
    "AccessDeniedError",
    "ClientError",
    "DatasetTypeError",
    "ForbiddenError",
    "InternalServerError",
    "InvalidParamsError",
    "NameConflictError",
    "RequestParamsMissingError",
    "ResourceNotExistError",
    "ResponseError",
    "StatusError",
    "TensorBayException",
    "UnauthorizedError",
    "parse_error",
]


class TensorBayException(TaskFacadeError):
    """Root of TensorBay's own exceptions (the vendor SDK's name)."""


class ClientError(TensorBayException):
    """Errors of the TensorBay client (the vendor SDK's name)."""


class StatusError(ClientError):
    """The dataset client has no branch or commit to base the job on (raised before any request)."""


class DatasetTypeError(ClientError):
    """``get_dataset(name, is_fusion=...)`` asked for a fusion dataset and got a normal one, or the reverse."""


class ResponseError(ClientError, APIError):
    """The Open API answered with an error. ``code`` holds the body's ``code`` string (None when it had none)."""


class AccessDeniedError(ResponseError, Forbidden):
    """``AccessDenied``: these credentials may not touch this resource."""


class ForbiddenError(ResponseError, Forbidden):
    """``Forbidden``: the resource's state does not allow the operation (e.g. aborting a finished job)."""


class InvalidParamsError(ResponseError, BadRequest):
    """``InvalidParamsValue``: a parameter value was refused."""


class NameConflictError(ResponseError, Conflict):
    """``NameConflict``: the name is already taken."""


class RequestParamsMissingError(ResponseError, BadRequest):
    """``RequestParamsMissing``: a required parameter was missing."""


class ResourceNotExistError(ResponseError, NotFound):
    """``ResourceNotExist``: no such dataset, job or draft."""


class InternalServerError(ResponseError, ServerError):
    """``InternalServerError``: the service failed (retried like any 5xx where the retry mode allows)."""


class UnauthorizedError(ResponseError, Unauthorized):
    """``Unauthorized``: the access key is missing or unknown."""


# Errors whose body has no code the SDK knows and whose status names no single SDK class: a ResponseError that is
# also the status's core class.
class _BadRequestResponse(ResponseError, BadRequest):
    """A 400/422 without a known ``code``."""


class _ForbiddenResponse(ResponseError, Forbidden):
    """A 403 without a known ``code``."""


class _RateLimitedResponse(ResponseError, RateLimited):
    """A 429 (``retry_after`` holds the server's hint)."""


class _UnexpectedResponse(ResponseError, UnexpectedStatus):
    """Any other status (405, 410, 418, ...)."""


_BY_CODE: Mapping[str, type[ResponseError]] = {
    "AccessDenied": AccessDeniedError,
    "Forbidden": ForbiddenError,
    "InvalidParamsValue": InvalidParamsError,
    "NameConflict": NameConflictError,
    "RequestParamsMissing": RequestParamsMissingError,
    "ResourceNotExist": ResourceNotExistError,
    "InternalServerError": InternalServerError,
    "Unauthorized": UnauthorizedError,
}

_BY_STATUS: Mapping[int, type[ResponseError]] = {
    400: _BadRequestResponse,
    422: _BadRequestResponse,
    401: UnauthorizedError,
    403: _ForbiddenResponse,
    404: ResourceNotExistError,
    409: NameConflictError,
    429: _RateLimitedResponse,
}


def _family(status: int) -> type[ResponseError]:
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return InternalServerError if 500 <= status <= 599 else _UnexpectedResponse


def _error_classes() -> ErrorClasses:
    classes: dict[tuple[int | None, str | None], type[APIError]] = {(None, code): cls for code, cls in _BY_CODE.items()}
    for status in range(100, 1000):  # every status the transport can stop on, standard or not
        classes[(status, None)] = _family(status)
    return MappingProxyType(classes)


#: ``(status, code) -> class`` for ``Transport(error_classes=...)``: the code first, else the status's family.
ERROR_CLASSES: ErrorClasses = _error_classes()


def parse_error(status: int, headers: Mapping[str, str], content: bytes) -> ErrorDetails:
    """TensorBay's error body is ``{"code", "message"}``; only a string ``code`` counts as a code.

    Bodies that are empty, HTML or JSON without ``code`` still give a message (the generic parser's snippet),
    so they map by status instead of crashing as the vendor SDK does.
    """
    details = parse_error_body(status, headers, content)
    body = details.body
    code = body.get("code") if isinstance(body, Mapping) else None
    message = body.get("message") if isinstance(body, Mapping) else None
    return ErrorDetails(
        code=code if isinstance(code, str) and code else None,
        message=message if isinstance(message, str) and message else details.message,
        request_id=details.request_id,
        body=body,
    )
