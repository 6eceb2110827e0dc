"""``Client``: one TensorBay Open API connection (site URL, ``X-Token`` auth, the shared transport).

The vendor SDK accepts only ``https://`` URLs, logs the access key with every failed request, and retries POSTs
blindly. Here any ``http(s)://`` URL works (the emulator is plain HTTP), the key lives only inside an
``httpx.Auth`` whose repr hides it, and retries follow the facade's retry modes (docs/retry-modes.md).
"""

from __future__ import annotations

import ssl
from collections.abc import Callable, Generator
from typing import Any, TypeVar

import httpx

from .._adapter import GeneratedResponse
from .._clock import Clock
from .._errors import InvalidArgument
from .._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT, ClientOptions
from .._pollpolicy import PollPolicy
from .._retry import RetryLike, RetryPolicy, retry_policy
from .._secrets import Redactor, check_secret
from .._steps import Steps, run
from .._transport import BaseTransport, Transport
from .._urls import check_base_url
from ._errors import ERROR_CLASSES, parse_error

__all__ = ["SITES", "Client", "ClientBase"]

T = TypeVar("T")

#: The default site for each access-key prefix (TensorBay's rule: the key says which site it belongs to).
SITES: dict[str, str] = {"Accesskey-": "https://gas.graviti.cn", "ACCESSKEY-": "https://gas.graviti.com"}
_KEY_ACCEPTED = "an access key string starting with 'ACCESSKEY-' or 'Accesskey-' (the value is not shown)"


class _AccessKeyAuth(httpx.Auth):
    """Puts the access key in ``X-Token`` on every attempt; its repr never shows the key."""

    def __init__(self, access_key: str) -> None:
        self._access_key = access_key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["X-Token"] = self._access_key
        yield request

    def __repr__(self) -> str:
        return "_AccessKeyAuth(X-Token=***)"


def _check_access_key(access_key: object) -> str:
    """The key with surrounding whitespace trimmed (``check_secret``); refused unless it looks like a key."""
    if not isinstance(access_key, str):
        raise InvalidArgument("access_key", "<hidden>", _KEY_ACCEPTED)
    try:
        key = check_secret(access_key, "access_key")
    except InvalidArgument as error:
        raise InvalidArgument("access_key", "<hidden>", f"{_KEY_ACCEPTED}: {error.accepted}") from None
    if not key.startswith(tuple(SITES)) or len(key) <= len("ACCESSKEY-") or " " in key:
        raise InvalidArgument("access_key", "<hidden>", _KEY_ACCEPTED)
    return key


def _site_url(access_key: str, url: object) -> str:
    if not isinstance(url, str):
        raise InvalidArgument("url", url, "'' (the key's default site) or an http:// or https:// URL")
    if not url:
        return next(site for prefix, site in SITES.items() if access_key.startswith(prefix))
    return check_base_url(url, "url").rstrip("/")


class ClientBase:
    """What ``Client`` and its async twin share: the checks of the key and URL, the options, the transport's
    settings (``X-Token`` auth, TensorBay's errors, the key redacted). Subclasses pick the transport class."""

    _TRANSPORT: type[BaseTransport] = Transport
    transport: BaseTransport

    def __init__(
        self,
        access_key: str,
        url: str = "",
        *,
        retry_mode: RetryLike = "default",
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        verify: bool | str | ssl.SSLContext = True,
        clock: Clock | None = None,
        pool_size: int | None = None,
        httpx_transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        trust_env: bool = True,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        user_agent: str = USER_AGENT,
        rate_limit: str | None = "adaptive",
        poll_policy: PollPolicy | None = None,
    ) -> None:
        key = _check_access_key(access_key)
        site = _site_url(key, url)
        options = ClientOptions(
            retry_mode=retry_mode,
            timeout=timeout,
            verify=verify,
            pool_size=pool_size,
            clock=clock,
            trust_env=trust_env,
            max_response_size=max_response_size,
            user_agent=user_agent,
            rate_limit=rate_limit,
            poll_policy=poll_policy,
            httpx_transport=httpx_transport,
        )
        self.url = site
        self.transport = self._TRANSPORT(
            service="tensorbay",
            base_url=site,
            auth=_AccessKeyAuth(key),
            options=options,
            error_parser=parse_error,
            error_classes=ERROR_CLASSES,
            redactor=Redactor([key]),
        )

    @property
    def clock(self) -> Clock:
        """The clock retries and waits run on."""
        return self.transport.clock

    @property
    def retry_mode(self) -> RetryPolicy:
        """The client's retry policy (assign a mode name or policy to change it)."""
        return self.transport.retry

    @retry_mode.setter
    def retry_mode(self, mode: RetryLike) -> None:
        self.transport.retry = retry_policy(mode, "retry_mode")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(url={self.url!r}, retry_mode={self.transport.retry.name!r})"


class Client(ClientBase):
    """TensorBay's Open API, reached through the facade's transport (timeouts, retry modes, errors).

    ``GAS`` builds one; jobs and dataset clients share it. Thread-safe; close it (or the ``GAS``) when done.

    Args:
        access_key: the ``ACCESSKEY-...`` (gas.graviti.com) or ``Accesskey-...`` (gas.graviti.cn) key.
        url: the site root, e.g. ``https://gas.graviti.com`` or the emulator's ``http://127.0.0.1:PORT/tensorbay``;
            empty for the key's default site.
        retry_mode: ``"default"``, ``"forceful"``, ``"disabled"`` or a ``taskfacade.RetryPolicy``.
        timeout: per-request timeouts in seconds (or an ``httpx.Timeout``).
        verify: TLS verification (True, a CA bundle path or an ``ssl.SSLContext``).
        clock: time source for retries and waits (tests).
        pool_size: connections kept open.
        httpx_transport: a custom httpx transport (byte-level tests only).
        trust_env: read proxy and CA settings from the environment (``HTTPS_PROXY``, ``SSL_CERT_FILE``...), as
            httpx does by default; False ignores them (see docs/retry-modes.md, "Proxies").
        max_response_size: the largest response body accepted, in bytes after decompression (default 64 MiB);
            a larger one raises ``taskfacade.ResponseTooLarge``.
        user_agent: the ``User-Agent`` header of every request.
        rate_limit: ``"adaptive"`` (the default): the endpoint's shared adaptive rate limiter; None: off
            (``ClientOptions``).
        poll_policy: how this client's jobs' ``wait()`` polls when the call gives no ``interval`` or
            ``policy`` (a ``taskfacade.PollPolicy``; None: each wait's own defaults).
    """

    _TRANSPORT = Transport
    transport: Transport

    def __init__(
        self,
        access_key: str,
        url: str = "",
        *,
        retry_mode: RetryLike = "default",
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        verify: bool | str | ssl.SSLContext = True,
        clock: Clock | None = None,
        pool_size: int | None = None,
        httpx_transport: httpx.BaseTransport | None = None,
        trust_env: bool = True,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        user_agent: str = USER_AGENT,
        rate_limit: str | None = "adaptive",
        poll_policy: PollPolicy | None = None,
    ) -> None:
        super().__init__(
            access_key,
            url,
            retry_mode=retry_mode,
            timeout=timeout,
            verify=verify,
            clock=clock,
            pool_size=pool_size,
            httpx_transport=httpx_transport,
            trust_env=trust_env,
            max_response_size=max_response_size,
            user_agent=user_agent,
            rate_limit=rate_limit,
            poll_policy=poll_policy,
        )

    def _run(self, steps: Steps[T]) -> T:
        """Drive a facade operation's steps (``taskfacade._steps``) through this client's transport."""
        return run(steps, self.transport)

    def call(self, operation: Callable[..., GeneratedResponse], /, *args: Any, expect: type[T], **kwargs: Any) -> T:
        """Call a generated operation that answers a model (``expect``), with retries and TensorBay's errors."""
        return self.transport.call(operation, *args, expect=expect, **kwargs)

    def send(self, operation: Callable[..., GeneratedResponse], /, *args: Any, **kwargs: Any) -> int:
        """Call a generated operation whose answer body is ignored (abort, retry, delete...); returns the attempts."""
        return self.transport.exchange(operation, *args, **kwargs).attempts

    def close(self) -> None:
        """Close the connections (idempotent)."""
        self.transport.close()
