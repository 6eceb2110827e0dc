"""``tensorbay.exception`` at the SDK's module path: the SDK's exception names, fitted into taskfacade's error tree
(see ``_errors``): ``except ResponseError`` and ``except taskfacade.APIError`` both catch a refusal."""

from ._errors import (
    AccessDeniedError,
    ClientError,
    DatasetTypeError,
    ForbiddenError,
    InternalServerError,
    InvalidParamsError,
    NameConflictError,
    RequestParamsMissingError,
    ResourceNotExistError,
    ResponseError,
    StatusError,
    TensorBayException,
    UnauthorizedError,
)

__all__ = [
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
]
