"""One attempt as httpx's event hooks see it: the attempt in progress, held in a ``ContextVar``, and the hooks.

While a transport runs an attempt it sets ``CURRENT`` to an ``Attempt`` frame (its deadline, its timeouts, and
the request and response once they exist). The hooks of that transport's ``httpx.Client`` find the frame there:

- the request hook shortens the request's timeouts to what is left before the deadline;
- the response hook refuses cross-host redirects (``RedirectRefused``), reads the body within the deadline and
  ``max_response_size`` (``_body.py``), and stops any status >= 400 (``StatusSignal``) before the generated
  parser sees it (that parser crashes on HTML error pages and on codes such as 520).

The two signals travel up through the generated operation to the transport, which catches them; nothing else
sees them. A ``ContextVar`` rather than a thread-local: each thread, and each asyncio task of the async twin, has
its own attempt. Frames are linked (``outer``) and carry their transport, so calls may nest (an auth flow that
logs in through another call) and a transport's hooks only act on its own attempts: outside one they do nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

import httpx

from ._body import aread_body, read_body

__all__ = ["CURRENT", "Attempt", "AttemptHooks", "RedirectRefused", "StatusSignal", "own_attempt"]

#: The shortest timeout a request is given (httpx refuses 0).
MIN_TIMEOUT = 0.001


class Attempt:
    """The attempt in progress, as the event hooks see and fill it.

    Attributes:
        owner: the transport running it (its hooks act on it, others' do not).
        deadline: the monotonic time by which it must end.
        timeout: this call's timeouts, or None for the transport's.
        outer: the attempt this one runs inside (a nested call), or None.
        request, response: filled in by the hooks.
    """

    __slots__ = ("deadline", "outer", "owner", "request", "response", "timeout")

    def __init__(self, owner: object, deadline: float, timeout: httpx.Timeout | None, outer: Attempt | None) -> None:
        self.owner = owner
        self.deadline = deadline
        self.timeout = timeout
        self.outer = outer
        self.request: httpx.Request | None = None
        self.response: httpx.Response | None = None


#: The innermost attempt running in this context (thread or task), or None.
CURRENT: ContextVar[Attempt | None] = ContextVar("taskfacade_attempt", default=None)


def own_attempt(owner: object) -> Attempt | None:
    """The innermost attempt ``owner`` runs in this context, or None."""
    frame = CURRENT.get()
    while frame is not None and frame.owner is not owner:  # usually no step: the innermost attempt is the owner's
        frame = frame.outer
    return frame


class StatusSignal(Exception):
    """Raised by the response hook for a status >= 400 (or < 200), carrying the fully read response."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(response.status_code)
        self.response = response


class RedirectRefused(Exception):
    """Raised by the response hook for a redirect to another scheme, host or port."""

    def __init__(self, response: httpx.Response, target: httpx.URL) -> None:
        super().__init__(str(target))
        self.response = response
        self.target = target


def _same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)


class AttemptHooks:
    """The event hooks (and the socket deadline) of one transport's ``httpx.Client``.

    Args:
        owner: the transport whose attempts these hooks serve.
        monotonic: its clock's monotonic reading.
        timeout: its default per-request timeouts.
        max_response_size: the largest body read, in bytes after decompression.
    """

    __slots__ = ("_max_response_size", "_monotonic", "_owner", "_timeouts")

    def __init__(
        self, owner: object, monotonic: Callable[[], float], timeout: httpx.Timeout, max_response_size: int
    ) -> None:
        self._owner = owner
        self._monotonic = monotonic
        self._timeouts = timeout.as_dict()
        self._max_response_size = max_response_size

    def deadline_left(self) -> float | None:
        """Seconds left in this transport's attempt in this context (None outside one): bounds every socket wait."""
        frame = CURRENT.get()
        while frame is not None and frame.owner is not self._owner:  # ``own_attempt``, inlined: runs per socket op
            frame = frame.outer
        return None if frame is None else frame.deadline - self._monotonic()

    def on_request(self, request: httpx.Request) -> None:
        """Record the request and shorten its timeouts to what is left of the attempt."""
        frame = own_attempt(self._owner)
        if frame is None:
            return
        frame.request = request
        timeouts = self._timeouts if frame.timeout is None else frame.timeout.as_dict()
        left = frame.deadline - self._monotonic()
        if left < MIN_TIMEOUT:
            left = MIN_TIMEOUT
        request.extensions["timeout"] = {name: left if v is None or v > left else v for name, v in timeouts.items()}

    def on_response(self, response: httpx.Response) -> None:
        """Refuse cross-host redirects, read the body within the limits, signal an error status."""
        frame = self._before_body(response)
        if frame is None:
            return
        # Every body is read here, redirects' too (httpx would read those unbounded); a reset or truncated body
        # raises here, as a network error of this attempt.
        monotonic, deadline = self._monotonic, frame.deadline
        read_body(response, limit=self._max_response_size, time_left=lambda: deadline - monotonic())
        self._after_body(frame, response)

    async def on_request_async(self, request: httpx.Request) -> None:
        """``on_request`` for an ``httpx.AsyncClient`` (which awaits its hooks)."""
        self.on_request(request)

    async def on_response_async(self, response: httpx.Response) -> None:
        """``on_response`` for an ``httpx.AsyncClient``: the same checks, the body read without blocking."""
        frame = self._before_body(response)
        if frame is None:
            return
        monotonic, deadline = self._monotonic, frame.deadline
        await aread_body(response, limit=self._max_response_size, time_left=lambda: deadline - monotonic())
        self._after_body(frame, response)

    def _before_body(self, response: httpx.Response) -> Attempt | None:
        """This transport's attempt (None outside one), after refusing a redirect to another origin."""
        frame = own_attempt(self._owner)
        if frame is None:
            return None
        if response.has_redirect_location:
            try:
                target = response.request.url.join(response.headers["Location"])
            except httpx.InvalidURL:
                target = httpx.URL("invalid:")
            if not _same_origin(response.request.url, target):
                raise RedirectRefused(response, target)
        return frame

    def _after_body(self, frame: Attempt, response: httpx.Response) -> None:
        """Record the final response and signal an error status (a redirect being followed is not final)."""
        if response.has_redirect_location:
            return
        frame.response = response
        status = response.status_code
        if status >= 400 or status < 200:
            raise StatusSignal(response)
