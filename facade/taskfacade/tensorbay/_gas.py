"""``GAS``: the entry point, as in the vendor SDK (``GAS(access_key, url="")`` then ``get_dataset(name)``)."""

from __future__ import annotations

import ssl
from types import TracebackType
from typing import Literal, overload

import httpx

from .._clock import Clock
from .._errors import ResponseDecodeError
from .._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT
from .._retry import RetryLike
from ._client import Client
from ._dataset import DatasetClient, DatasetClientBase, FusionDatasetClient
from ._errors import DatasetTypeError, ResourceNotExistError
from ._generated import Dataset, DatasetList, Unset, get_dataset, list_datasets
from ._structs import Status
from ._validate import check_bool, check_str

__all__ = ["GAS"]


def _checked_id(dataset_id: object) -> str:
    if not isinstance(dataset_id, str) or not dataset_id:
        message = f"a dataset listing item has id {dataset_id!r}; expected a string"
        raise ResponseDecodeError(message, service="tensorbay")
    return dataset_id


def _check_dataset(name: str, info: Dataset) -> None:
    """The fields the facade relies on must have their documented types (else ``ResponseDecodeError``)."""
    checks = {
        "type": isinstance(info.type_, int) and not isinstance(info.type_, bool),
        "defaultBranch": isinstance(info.default_branch, str),
        "commitId": info.commit_id is None or isinstance(info.commit_id, str),
        "alias": isinstance(info.alias, str),
        "isPublic": isinstance(info.is_public, bool),
    }
    bad = [key for key, ok in checks.items() if not ok]
    if bad:
        raise ResponseDecodeError(f"dataset {name!r}: unexpected {', '.join(bad)} in the answer", service="tensorbay")


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
        check_str("name", name, empty=False)
        check_bool("is_fusion", is_fusion)
        found = self._client.call(list_datasets.sync_detailed, name=name, offset=0, limit=128, expect=DatasetList)
        match = next((d for d in found.datasets if isinstance(d.name, Unset) or d.name == name), None)
        if match is None:
            raise ResourceNotExistError(
                f"dataset {name!r} does not exist", status=404, code="ResourceNotExist", service="tensorbay"
            )
        info = self._client.call(get_dataset.sync_detailed, _checked_id(match.id), expect=Dataset)
        _check_dataset(name, info)
        # 0 = dataset, 1 = fusion dataset; a type newer than this client is trusted to be what the caller says.
        if info.type_ in (0, 1) and bool(info.type_) != is_fusion:
            kind = "a fusion" if info.type_ else "not a fusion"
            hint = f"get_dataset({name!r}, is_fusion={not is_fusion})"
            raise DatasetTypeError(f"dataset {name!r} is {kind} dataset; call {hint}")
        status = Status(branch_name=info.default_branch or None, commit_id=info.commit_id or None)
        cls = FusionDatasetClient if is_fusion else DatasetClient
        return cls(name, match.id, self._client, status=status, alias=info.alias, is_public=info.is_public)

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
