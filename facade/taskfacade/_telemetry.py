"""OpenTelemetry spans and metrics for request attempts and waits, when ``opentelemetry-api`` is installed.

Install the ``otel`` extra (``pip install 'taskfacade[otel]'``) and configure an OpenTelemetry SDK as usual: the
facade then reports, through the global tracer and meter providers,

- a span ``taskfacade.attempt`` per request attempt (attributes ``taskfacade.service``, ``taskfacade.operation``,
  ``taskfacade.attempt`` and, for a failed attempt, ``taskfacade.retry.reason``: the failure kind), current
  while the attempt runs so HTTP instrumentation nests under it;
- a span ``taskfacade.wait`` per wait (``taskfacade.wait.jobs``, and at its end ``taskfacade.jobs.pending`` and
  ``taskfacade.jobs.finished``);
- counters ``taskfacade.requests``, ``taskfacade.retries``, ``taskfacade.throttles`` and a histogram
  ``taskfacade.wait.duration`` (seconds, on the wait's clock).

Without ``opentelemetry`` every function here returns at once: the import is tried once, on first use. Nothing
here sees a URL, a header or a body, so no credential reaches an attribute.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._clock import Clock
    from ._failure import Failure

__all__ = ["attempt_ended", "attempt_started", "retried", "wait_ended", "wait_started"]


class _Otel:
    """The tracer and instruments, made once (from the global providers, which may be set later: they proxy)."""

    def __init__(self) -> None:
        from opentelemetry import context, metrics, trace

        from . import __version__

        self.trace = trace
        self.context = context
        self.tracer = trace.get_tracer("taskfacade", __version__)
        meter = metrics.get_meter("taskfacade", __version__)
        self.requests = meter.create_counter("taskfacade.requests", "{request}", "Request attempts sent")
        self.retries = meter.create_counter("taskfacade.retries", "{retry}", "Attempts retried")
        self.throttles = meter.create_counter(
            "taskfacade.throttles", "{response}", "Attempts throttled (429 or a throttling code)"
        )
        self.wait_duration = meter.create_histogram("taskfacade.wait.duration", "s", "How long waits took")


#: None: not looked for yet; False: ``opentelemetry`` is not importable; else the instruments.
_OTEL: _Otel | bool | None = None


_LOOKING = threading.Lock()


def _otel() -> _Otel | None:
    global _OTEL
    if _OTEL is None:
        with _LOOKING:  # threads' first calls may race: one of them looks, once
            if _OTEL is None:
                try:
                    _OTEL = _Otel()
                except ImportError:
                    _OTEL = False
    return _OTEL if isinstance(_OTEL, _Otel) else None


def _operation_name(operation: object) -> str:
    """The generated operation's module name (``get_task``), never anything the caller passed to it."""
    module = getattr(operation, "__module__", None)
    return module.rpartition(".")[2] if isinstance(module, str) else "-"


class _Attempt:
    __slots__ = ("attributes", "span", "token")

    def __init__(self, span: Any, token: object, attributes: dict[str, Any]) -> None:
        self.span = span
        self.token = token
        self.attributes = attributes


def attempt_started(service: str, operation: object, attempt: int) -> _Attempt | None:
    """Open the span of one attempt (current until ``attempt_ended``) and count the request; None without otel."""
    if _OTEL is False:
        return None
    otel = _otel()
    if otel is None:
        return None
    attributes = {"taskfacade.service": service, "taskfacade.operation": _operation_name(operation)}
    otel.requests.add(1, attributes)
    span = otel.tracer.start_span("taskfacade.attempt", attributes={**attributes, "taskfacade.attempt": attempt})
    # Current only when recorded (an SDK is configured): a no-op span has nothing to nest under it.
    token = otel.context.attach(otel.trace.set_span_in_context(span)) if span.is_recording() else None
    return _Attempt(span, token, attributes)


def attempt_ended(handle: _Attempt | None, outcome: object) -> None:
    """Close an attempt's span: ``outcome`` is its answer, its ``Failure`` or the exception it raised."""
    if handle is None:
        return
    otel = _otel()
    assert otel is not None  # a handle exists only with otel
    span = handle.span
    try:
        kind = getattr(outcome, "kind", None)
        if kind is not None and hasattr(outcome, "error"):  # a Failure
            span.set_attribute("taskfacade.retry.reason", str(kind.value))
            status = getattr(outcome, "status", None)
            if isinstance(status, int):
                span.set_attribute("http.response.status_code", status)
            if getattr(outcome, "throttled", False):  # a 429, or a throttling code (Deadline's) whatever the status
                otel.throttles.add(1, handle.attributes)
            span.set_status(otel.trace.StatusCode.ERROR, type(outcome.error).__name__)
        elif isinstance(outcome, BaseException):
            span.set_attribute("error.type", type(outcome).__name__)  # the class only: messages may quote a body
            span.set_status(otel.trace.StatusCode.ERROR, type(outcome).__name__)
    finally:
        if handle.token is not None:
            otel.context.detach(handle.token)
        span.end()


def retried(service: str, failure: Failure) -> None:
    """Count one retry (after ``failure``)."""
    if _OTEL is False:
        return
    otel = _otel()
    if otel is not None:
        otel.retries.add(1, {"taskfacade.service": service, "taskfacade.retry.reason": failure.kind.value})


class _Wait:
    __slots__ = ("clock", "span", "start")

    def __init__(self, span: Any, clock: Clock) -> None:
        self.span = span
        self.clock = clock
        self.start = clock.monotonic()


def wait_started(jobs: int, clock: Clock, shared: bool = False) -> _Wait | None:
    """Open the span of one wait on ``jobs`` jobs (not made current: a wait yields to its caller); None without
    otel."""
    if _OTEL is False:
        return None
    otel = _otel()
    if otel is None:
        return None
    span = otel.tracer.start_span(
        "taskfacade.wait", attributes={"taskfacade.wait.jobs": jobs, "taskfacade.wait.shared": shared}
    )
    return _Wait(span, clock)


def wait_ended(handle: _Wait | None, pending: int, finished: int, error: BaseException | None = None) -> None:
    """Close a wait's span with its job counts (and the class of the error that ended it) and time it."""
    if handle is None:
        return
    otel = _otel()
    assert otel is not None
    span = handle.span
    outcome = "finished" if error is None else type(error).__name__
    span.set_attribute("taskfacade.jobs.pending", pending)
    span.set_attribute("taskfacade.jobs.finished", finished)
    if error is not None:
        span.set_attribute("error.type", outcome)
        span.set_status(otel.trace.StatusCode.ERROR, outcome)
    otel.wait_duration.record(max(handle.clock.monotonic() - handle.start, 0.0), {"taskfacade.wait.outcome": outcome})
    span.end()
