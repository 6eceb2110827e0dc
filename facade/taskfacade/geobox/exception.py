"""``geobox.exception`` at the SDK's module path: the SDK's exception names, fitted into taskfacade's error tree
(see ``_errors``), plus the statuses the SDK does not raise for (409, 429, other 4xx, 5xx other than 500)."""

from ._errors import (
    ApiRequestError,
    ApiRequestTimeout,
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    GeoboxError,
    NotFoundError,
    RateLimitError,
    ServerError,
    UnexpectedStatusError,
    ValidationError,
    WorkflowGraphError,
    WorkflowNodeError,
    WorkflowRunError,
)

__all__ = [
    "ApiRequestError",
    "ApiRequestTimeout",
    "AuthenticationError",
    "AuthorizationError",
    "ConflictError",
    "GeoboxError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "UnexpectedStatusError",
    "ValidationError",
    "WorkflowGraphError",
    "WorkflowNodeError",
    "WorkflowRunError",
]
