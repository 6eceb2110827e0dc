"""What went wrong with one attempt, as a value: failure classification and the errors it raises. No I/O.

An attempt ends in a response the generated parser accepted, or in a ``Failure``: its ``FailureKind`` (which the
retry planner reads), the error the call raises if it is not retried, and the request it concerned. ``Failures``
builds them for one client (its service name, credential redactor, error parser and error classes) from what the
I/O shell caught: an error status, a refused redirect, a body over ``max_response_size``, an httpx network error.
``undecodable`` is the one way a success whose body does not match the spec becomes a ``ResponseDecodeError``
(the transport and every service client use it).
"""

from __future__ import annotations

import contextlib
from typing import Any

import attrs
import httpx

from ._adapter import Exchange
from ._body import BodyTooLarge
from ._errors import (
    APIError,
    ErrorClasses,
    ErrorDetails,
    ErrorParser,
    ResponseDecodeError,
    ResponseTooLarge,
    Timeout,
    TransportError,
    UnexpectedStatus,
    error_class_for,
    parse_error_body,
    reason_phrase,
)
from ._log import logger, safe_url
from ._retry import FailureKind, parse_retry_after
from ._secrets import Redactor

__all__ = ["THROTTLING_CODES", "Failure", "Failures", "classify_network_error", "undecodable"]

#: Error codes that mean "slow down" whatever the status (botocore's throttling codes that our services use).
THROTTLING_CODES = frozenset({"ThrottlingException", "Throttling", "TooManyRequestsException"})


@attrs.frozen
class Failure:
    """One failed attempt, classified.

    Attributes:
        kind: how it failed (the retry planner's input).
        error: what the call raises when the attempt is not retried.
        request: the request it concerned, when one was built.
        status: the HTTP status, when the server answered.
        retry_after: the server's ``Retry-After`` in seconds, when it sent one.
    """

    kind: FailureKind
    error: APIError | TransportError | ResponseTooLarge
    request: httpx.Request | None
    status: int | None = None
    retry_after: float | None = None

    @property
    def throttled(self) -> bool:
        """Whether the service throttled this attempt: a 429, or a throttling error code (Deadline's
        ``ThrottlingException``) whatever the status."""
        return self.status == 429 or getattr(self.error, "code", None) in THROTTLING_CODES

    def describe(self) -> tuple[str, str]:
        """The HTTP method and the status or exception name, for a retry log line."""
        what = str(self.status) if self.status is not None else type(self.error.__cause__ or self.error).__name__
        return (self.request.method if self.request is not None else "-"), what


def classify_network_error(exc: httpx.HTTPError) -> tuple[FailureKind, type[TransportError]]:
    """The failure kind of an httpx error and the facade's class for it.

    A request that never reached the server (connect error or timeout, pool timeout) is ``CONNECT``: always safe
    to replay. Resets, read timeouts, truncated bodies and proxy errors are ``NETWORK`` (the server may have acted).
    Anything else (an unsupported scheme, a local protocol error) is ``FATAL``.
    """
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return FailureKind.CONNECT, Timeout
    if isinstance(exc, httpx.ConnectError):
        return FailureKind.CONNECT, TransportError
    if isinstance(exc, httpx.TimeoutException):
        return FailureKind.NETWORK, Timeout
    if isinstance(exc, httpx.NetworkError | httpx.RemoteProtocolError | httpx.DecodingError | httpx.ProxyError):
        return FailureKind.NETWORK, TransportError
    return FailureKind.FATAL, TransportError


def undecodable(
    result: Exchange[Any], message: str, *, service: str, redactor: Redactor | None = None
) -> ResponseDecodeError:
    """The error for a success whose body does not match the spec: status, method, URL and (redacted) body."""
    content = result.response.content
    return ResponseDecodeError(
        message,
        status=int(result.response.status_code),
        service=service,
        method=result.method,
        url=result.url,
        content=content if redactor is None else redactor.redact_value(content),
    )


class Failures:
    """Builds the ``Failure`` of an attempt for one client, credentials masked.

    Args:
        service: the service name, in every error.
        redactor: the client's credentials, masked in messages, bodies and headers (a server may echo one).
        error_parser: ``(status, headers, body) -> ErrorDetails``; when it fails, the generic parser is used.
        error_classes: the service's own exception classes keyed by ``(status, code)``.
    """

    __slots__ = ("_error_classes", "_error_parser", "redactor", "service")

    def __init__(
        self,
        service: str,
        redactor: Redactor,
        error_parser: ErrorParser | None = None,
        error_classes: ErrorClasses | None = None,
    ) -> None:
        self.service = service
        self.redactor = redactor
        self._error_parser = error_parser or parse_error_body
        self._error_classes: ErrorClasses = dict(error_classes or {})

    def status(self, response: httpx.Response, now: float) -> Failure:
        """An error status (read in full), ``now`` being the wall clock for an HTTP-date ``Retry-After``."""
        error = self.api_error(response, now)
        return Failure(FailureKind.STATUS, error, response.request, error.status, error.retry_after)

    def api_error(self, response: httpx.Response, now: float) -> APIError:
        """The ``APIError`` subclass for an error status, its details parsed by the service's parser."""
        status = response.status_code
        try:
            details = self._error_parser(status, response.headers, response.content)
            if not isinstance(details, ErrorDetails):
                raise TypeError(f"error parser returned {type(details).__name__}")
        except Exception:
            logger.debug("%s: error parser failed; using the generic one", self.service, exc_info=True)
            details = parse_error_body(status, response.headers, response.content)
        cls = error_class_for(status, details.code, self._error_classes)
        clean = self.redactor.redact_value
        return cls(
            clean(details.message or reason_phrase(status)),
            status=status,
            code=clean(details.code),
            request_id=clean(details.request_id),
            body=clean(details.body),
            service=self.service,
            method=response.request.method,
            url=safe_url(response.request.url),
            retry_after=parse_retry_after(response.headers.get("retry-after"), now),
            headers=clean(dict(response.headers)),
        )

    def redirect(self, response: httpx.Response, target: httpx.URL) -> Failure:
        """A redirect to another scheme, host or port: refused, credentials stay with their host."""
        error = UnexpectedStatus(
            self.redactor.redact(
                f"redirect to another host refused ({safe_url(target)}): credentials stay with their host"
            ),
            status=response.status_code,
            service=self.service,
            method=response.request.method,
            url=safe_url(response.request.url),
            headers=response.headers,
        )
        return Failure(FailureKind.FATAL, error, response.request, response.status_code)

    def too_large(self, too_large: BodyTooLarge) -> Failure:
        """A body past ``max_response_size``: not retried."""
        response = too_large.response
        error = ResponseTooLarge(
            f"the response body passed max_response_size ({too_large.limit} bytes decompressed); reading stopped",
            limit=too_large.limit,
            received=too_large.received,
            status=response.status_code,
            service=self.service,
            method=response.request.method,
            url=safe_url(response.request.url),
        )
        return Failure(FailureKind.FATAL, error, response.request, response.status_code)

    def network(self, exc: httpx.HTTPError, request: httpx.Request | None) -> Failure:
        """An httpx error, classified by ``classify_network_error``; its cause is kept unless it holds a secret."""
        with contextlib.suppress(RuntimeError):  # httpx raises when the error has no request
            request = exc.request
        kind, cls = classify_network_error(exc)
        error = cls(
            self.redactor.redact(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__),
            service=self.service,
            method=request.method if request is not None else "",
            url=safe_url(request.url) if request is not None else "",
        )
        if not self.leaks(exc):  # a cause whose text holds a credential would show it in every traceback
            error.__cause__ = exc
        return Failure(kind, error, request)

    def timeout(self) -> Failure:
        """No time left for another attempt."""
        return Failure(FailureKind.FATAL, Timeout("no time left for this call", service=self.service), None)

    def decode(self, response: httpx.Response, exc: Exception) -> ResponseDecodeError:
        """A success the generated parser could not read."""
        return ResponseDecodeError(
            self.redactor.redact(f"the response body does not match the spec ({type(exc).__name__}: {exc})"),
            status=response.status_code,
            service=self.service,
            method=response.request.method,
            url=safe_url(response.request.url),
            content=self.redactor.redact_value(response.content),
        )

    def leaks(self, exc: BaseException) -> bool:
        """Whether ``exc`` (or one of its causes) holds a known secret or URL userinfo: in its text, or in the URL
        of the request it carries (a Geobox API key travels in the query string)."""
        seen = 0
        current: BaseException | None = exc
        while current is not None and seen < 8:
            texts = [str(current)]
            with contextlib.suppress(RuntimeError):  # httpx raises when the error has no request
                if isinstance(current, httpx.HTTPError):
                    texts.append(str(current.request.url))
            if any(self.redactor.redact(text) != text for text in texts):
                return True
            current, seen = current.__cause__ or current.__context__, seen + 1
        return False
