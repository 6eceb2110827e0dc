"""The transport's side of the generated code: the client a generated operation is handed, and what it returns.

A generated ``sync_detailed(client=..., ...)`` uses its client in two ways only (``openapi/templates/
endpoint_module.py.jinja``): ``client.get_httpx_client().request(**kwargs)`` to send, and
``client.raise_on_unexpected_status`` to decide what an undocumented status does. ``GeneratedClient`` writes that
interface down as a ``Protocol``, and ``ClientAdapter`` implements it over the transport's ``httpx.Client``, so
``Transport`` needs no generated ``Client`` of any service. A test holds the Protocol to what the template and the
generated modules really call; the async twin's adapter will add ``get_async_httpx_client``.

``GeneratedResponse`` is what such an operation returns, and ``Exchange`` is a successful call as the transport
hands it back (the response, the attempts made, the final method and URL).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Generic, Protocol, TypeVar

import attrs
import httpx

from ._check import check_int

__all__ = [
    "AsyncClientAdapter",
    "AsyncGeneratedClient",
    "AsyncHttpxSender",
    "ClientAdapter",
    "Exchange",
    "GeneratedClient",
    "GeneratedResponse",
    "HttpxSender",
]


class HttpxSender(Protocol):
    """The part of ``httpx.Client`` a generated operation calls: ``request(method=..., url=..., **kwargs)``."""

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send one request and return its response."""
        ...


class GeneratedClient(Protocol):
    """What a generated ``sync_detailed`` uses of its ``client`` argument (and nothing else)."""

    @property
    def raise_on_unexpected_status(self) -> bool:
        """Whether an undocumented status raises ``errors.UnexpectedStatus`` in the generated parser."""
        ...

    def get_httpx_client(self) -> HttpxSender:
        """The sender of the operation's request."""
        ...


class AsyncHttpxSender(Protocol):
    """The part of ``httpx.AsyncClient`` a generated ``asyncio_detailed`` awaits."""

    async def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send one request and return its response."""
        ...


class AsyncGeneratedClient(Protocol):
    """What a generated ``asyncio_detailed`` uses of its ``client`` argument (and nothing else)."""

    @property
    def raise_on_unexpected_status(self) -> bool:
        """Whether an undocumented status raises ``errors.UnexpectedStatus`` in the generated parser."""
        ...

    def get_async_httpx_client(self) -> AsyncHttpxSender:
        """The sender of the operation's request."""
        ...


class GeneratedResponse(Protocol):
    """What a generated ``sync_detailed`` returns (``taskfacade_generated.<svc>.types.Response``)."""

    @property
    def status_code(self) -> int:
        """The HTTP status (``HTTPStatus`` or a plain int for non-standard codes)."""
        ...

    @property
    def content(self) -> bytes:
        """The raw body."""
        ...

    @property
    def headers(self) -> Mapping[str, str]:
        """The response headers."""
        ...

    @property
    def parsed(self) -> Any:
        """The body parsed into generated models (None for undocumented statuses)."""
        ...


R = TypeVar("R", bound=GeneratedResponse)


@attrs.frozen
class Exchange(Generic[R]):
    """A successful call: the generated response plus how it was obtained.

    Attributes:
        response: the generated ``Response`` (status 2xx or an unfollowed 3xx such as 304).
        attempts: attempts made, 1 when the first one succeeded.
        method: the HTTP method of the final request.
        url: the final request URL without its query string.
    """

    response: R
    attempts: int = attrs.field(validator=lambda _i, a, v: check_int(a.name, v, 1))
    method: str
    url: str


class _AbsoluteRequests:
    """``request()`` with the generated relative path made absolute here, as plain string concatenation.

    httpx would parse the relative URL and then re-parse the joined one (two validating parses, ~35% of our
    client CPU per small call); an absolute string is parsed once. Same result: the base URL's path prefix, then
    the operation's path.
    """

    __slots__ = ("_client", "_prefix")

    def __init__(self, client: httpx.Client) -> None:
        self._client = client
        self._prefix = str(client.base_url).rstrip("/")

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        if url.startswith("/"):
            url = self._prefix + url
        return self._client.request(method, url, **kwargs)


class ClientAdapter:
    """A ``GeneratedClient`` over an ``httpx.Client``: errors are left to the transport, never raised here."""

    __slots__ = ("_sender",)

    raise_on_unexpected_status = False

    def __init__(self, client: httpx.Client) -> None:
        self._sender = _AbsoluteRequests(client)

    def get_httpx_client(self) -> HttpxSender:
        """The sender: the transport's ``httpx.Client``, with relative paths joined to its base URL."""
        return self._sender


class _AsyncAbsoluteRequests:
    """The async twin of ``_AbsoluteRequests``."""

    __slots__ = ("_client", "_prefix")

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._prefix = str(client.base_url).rstrip("/")

    async def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        if url.startswith("/"):
            url = self._prefix + url
        return await self._client.request(method, url, **kwargs)


class AsyncClientAdapter:
    """An ``AsyncGeneratedClient`` over an ``httpx.AsyncClient``: errors are left to the transport."""

    __slots__ = ("_sender",)

    raise_on_unexpected_status = False

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._sender = _AsyncAbsoluteRequests(client)

    def get_async_httpx_client(self) -> AsyncHttpxSender:
        """The sender: the transport's ``httpx.AsyncClient``, with relative paths joined to its base URL."""
        return self._sender
