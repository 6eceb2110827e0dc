"""taskfacade: one Job, one way to wait, retry and fail, across four task services.

The shared core is re-exported here; the service modules are ``taskfacade.tiledb``, ``taskfacade.deadline``,
``taskfacade.geobox``, ``taskfacade.tensorbay`` and any plug-in registered with ``register_service`` (see
``taskfacade._registry``). Names are loaded on first use (PEP 562), so
``import taskfacade`` stays cheap: httpx and the rest are imported only when a name that needs them is used.
"""

from __future__ import annotations

import importlib

# Not ``typing.TYPE_CHECKING``: importing typing alone costs more than this whole module (mypy knows this name).
TYPE_CHECKING = False

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    # errors
    "TaskFacadeError": "_errors",
    "InvalidArgument": "_errors",
    "UnsupportedOperation": "_errors",
    "APIError": "_errors",
    "BadRequest": "_errors",
    "Unauthorized": "_errors",
    "Forbidden": "_errors",
    "NotFound": "_errors",
    "Conflict": "_errors",
    "RateLimited": "_errors",
    "ServerError": "_errors",
    "UnexpectedStatus": "_errors",
    "TransportError": "_errors",
    "Timeout": "_errors",
    "ResponseDecodeError": "_errors",
    "ResponseTooLarge": "_errors",
    "WaitTimeout": "_errors",
    "WaitCancelled": "_errors",
    "ClientClosed": "_errors",
    "ErrorDetails": "_errors",
    "error_class_for": "_errors",
    "parse_error_body": "_errors",
    # retry modes and transport
    "RetryPolicy": "_retry",
    "PollPolicy": "_pollpolicy",
    "RETRY_MODES": "_retry",
    "retry_policy": "_retry",
    "Transport": "_transport",
    "Exchange": "_adapter",
    "ClientOptions": "_options",
    "DEFAULT_TIMEOUT": "_options",
    # credentials and base URLs
    "Redactor": "_secrets",
    "check_secret": "_secrets",
    "check_base_url": "_urls",
    "DEFAULT_MAX_RESPONSE_SIZE": "_options",
    # pagination
    "Pager": "_pager",
    "Page": "_pager",
    "PageRequest": "_pager",
    # jobs and waiting
    "Job": "_job",
    "JobPhase": "_phase",
    "wait_all": "_wait",
    "is_transient": "_poll",
    "retry_after": "_poll",
    "refresh_all": "_refresh",
    "as_completed": "_wait",
    "job_from_token": "_token",
    "TokenData": "_token",
    # time
    "Clock": "_clock",
    "SystemClock": "_clock",
    "ManualClock": "_clock",
    # services
    "ServiceInfo": "_registry",
    "register_service": "_registry",
    "service_info": "_registry",
    "service_names": "_registry",
    "unregister_service": "_registry",
}

__all__ = [
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_TIMEOUT",
    "RETRY_MODES",
    "APIError",
    "BadRequest",
    "ClientClosed",
    "ClientOptions",
    "Clock",
    "Conflict",
    "ErrorDetails",
    "Exchange",
    "Forbidden",
    "InvalidArgument",
    "Job",
    "JobPhase",
    "ManualClock",
    "NotFound",
    "Page",
    "PageRequest",
    "Pager",
    "PollPolicy",
    "RateLimited",
    "Redactor",
    "ResponseDecodeError",
    "ResponseTooLarge",
    "RetryPolicy",
    "ServerError",
    "ServiceInfo",
    "SystemClock",
    "TaskFacadeError",
    "Timeout",
    "TokenData",
    "Transport",
    "TransportError",
    "Unauthorized",
    "UnexpectedStatus",
    "UnsupportedOperation",
    "WaitCancelled",
    "WaitTimeout",
    "__version__",
    "as_completed",
    "check_base_url",
    "check_secret",
    "error_class_for",
    "is_transient",
    "job_from_token",
    "parse_error_body",
    "refresh_all",
    "register_service",
    "retry_after",
    "retry_policy",
    "service_info",
    "service_names",
    "unregister_service",
    "wait_all",
]

if TYPE_CHECKING:
    from typing import Any

    from ._adapter import Exchange
    from ._clock import Clock, ManualClock, SystemClock
    from ._errors import (
        APIError,
        BadRequest,
        Conflict,
        ErrorDetails,
        Forbidden,
        InvalidArgument,
        NotFound,
        RateLimited,
        ResponseDecodeError,
        ResponseTooLarge,
        ServerError,
        TaskFacadeError,
        Timeout,
        TransportError,
        Unauthorized,
        UnexpectedStatus,
        UnsupportedOperation,
        WaitCancelled,
        WaitTimeout,
        error_class_for,
        parse_error_body,
    )
    from ._job import Job
    from ._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, ClientOptions
    from ._pager import Page, Pager, PageRequest
    from ._phase import JobPhase
    from ._poll import is_transient, retry_after
    from ._pollpolicy import PollPolicy
    from ._refresh import refresh_all
    from ._registry import ServiceInfo, register_service, service_info, service_names, unregister_service
    from ._retry import RETRY_MODES, RetryPolicy, retry_policy
    from ._secrets import Redactor, check_secret
    from ._token import TokenData, job_from_token
    from ._transport import Transport
    from ._urls import check_base_url
    from ._wait import as_completed, wait_all


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        # A service package (``taskfacade.deadline.client(...)`` after a bare ``import taskfacade``), built in or a
        # registered plug-in, imported on first use. Private names are never services (and skip the registry).
        service = None if name.startswith("_") else _service_registry().service_module(name)
        if service is None:
            raise AttributeError(f"module 'taskfacade' has no attribute {name!r}")
        return service
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # cache: later lookups skip __getattr__
    return value


def _service_registry() -> Any:
    """``taskfacade._registry``, imported on first need (the import sets it as this package's ``_registry``)."""
    return importlib.import_module("._registry", __name__)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS) | set(_service_registry().known_names()))
