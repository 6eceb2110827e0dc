"""``GAS``: the entry point, as in the vendor SDK (``GAS(access_key, url="")`` then ``get_dataset(name)``)."""

from __future__ import annotations

import ssl
from types import TracebackType
from typing import Literal, overload

import httpx

from .._clock import Clock
from .._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT
from .._pollpolicy import PollPolicy
from .._retry import RetryLike
from ._client import Client
from ._dataset import DatasetClient, DatasetClientBase, FusionDatasetClient
from ._ops import find_dataset_steps

__all__ = ["GAS"]


class GAS:
    """TensorBay, reached with an access key (the vendor SDK's ``GAS``).

    Args:
        access_key: ``ACCESSKEY-...`` or ``Accesskey-...`` (never shown in reprs, logs or errors).
        url: the site root; empty picks the key's site (gas.graviti.com / gas.graviti.cn). ``http://`` is
            accepted, for the emulator (``Emulator.base_url("tensorbay")``).
        retry_mode: ``"default"``, ``"forceful"``, ``"disabled"`` or a ``taskfacade.RetryPolicy``.
        timeout: per-request timeouts in seconds (or an ``httpx.Timeout``).
        verify: TLS verification (True, a CA bundle path or an ``ssl.SSLContext``).
        clock: time source for retries and waits (tests).
        trust_env: read proxy and CA settings from the environment (``HTTPS_PROXY``, ``SSL_CERT_FILE``...), as
            httpx does by default; False ignores them (see docs/retry-modes.md, "Proxies").
        max_response_size: the largest response body accepted, in bytes after decompression (default 64 MiB);
            a larger one raises ``taskfacade.ResponseTooLarge``.
        pool_size: connections kept open (default: like ``ThreadPoolExecutor``).
        httpx_transport: a custom httpx transport (byte-level tests).
        user_agent: the ``User-Agent`` header of every request.
        rate_limit: ``"adaptive"`` (the default): the endpoint's shared adaptive rate limiter; None: off
            (``ClientOptions``).
        poll_policy: how this client's jobs' ``wait()`` polls when the call gives no ``interval`` or
            ``policy`` (a ``taskfacade.PollPolicy``; None: each wait's own defaults).
    """

    def __init__(
        self,
        access_key: str,
        url: str = "",
        *,
        retry_mode: RetryLike = "default",
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        verify: bool | str | ssl.SSLContext = True,
        clock: Clock | None = None,
        trust_env: bool = True,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        pool_size: int | None = None,
        httpx_transport: httpx.BaseTransport | None = None,
        user_agent: str = USER_AGENT,
        rate_limit: str | None = "adaptive",
        poll_policy: PollPolicy | None = None,
    ) -> None:
        self._client = Client(
            access_key,
            url,
            retry_mode=retry_mode,
            timeout=timeout,
            verify=verify,
            clock=clock,
            trust_env=trust_env,
            max_response_size=max_response_size,
            pool_size=pool_size,
            httpx_transport=httpx_transport,
            user_agent=user_agent,
            rate_limit=rate_limit,
            poll_policy=poll_policy,
        )

    @property
    def client(self) -> Client:
        """The Open API client every dataset and job of this ``GAS`` shares."""
        return self._client

    @overload
    def get_dataset(self, name: str, is_fusion: Literal[False] = False) -> DatasetClient: ...

    @overload
    def get_dataset(self, name: str, is_fusion: Literal[True]) -> FusionDatasetClient: ...

    @overload
    def get_dataset(self, name: str, is_fusion: bool = False) -> DatasetClientBase: ...

    def get_dataset(self, name: str, is_fusion: bool = False) -> DatasetClientBase:
        """The dataset with this name, checked out at its default branch (two requests).

        Raises:
            ResourceNotExistError: no dataset has this name.
            DatasetTypeError: the dataset is a fusion dataset and ``is_fusion`` is False, or the reverse.
        """
        found = self._client._run(find_dataset_steps(name, is_fusion))
        cls = FusionDatasetClient if is_fusion else DatasetClient
        return cls(found.name, found.dataset_id, self._client, status=found.status, alias=found.alias,
                   is_public=found.is_public)  # fmt: skip

    def close(self) -> None:
        """Close the connections (datasets and jobs of this ``GAS`` cannot make requests afterwards)."""
        self._client.close()

    def __enter__(self) -> GAS:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"GAS(url={self._client.url!r})"
