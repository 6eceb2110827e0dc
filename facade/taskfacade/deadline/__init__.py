"""AWS Deadline Cloud tasks and jobs, shaped like boto3's ``deadline`` client (seed 002), on taskfacade's core.

::

    from taskfacade import deadline

    client = deadline.client(region_name="us-west-2")            # credentials: boto3's default chain
    task = client.get_task(farmId=..., queueId=..., jobId=..., stepId=..., taskId=...)   # boto3's dict
    job = client.task(farmId=..., queueId=..., jobId=..., stepId=..., taskId=...)        # a taskfacade.Job
    job.wait(timeout=600)

The async twin, written the way aiobotocore users write it, is ``taskfacade.deadline.aio``
(``async with deadline.aio.client(...) as client: await client.get_task(...)``).

See docs/deadline.md for the migration table from boto3.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from typing import TYPE_CHECKING

import httpx

from .._clock import SYSTEM_CLOCK, Clock
from .._options import DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, USER_AGENT
from .._pollpolicy import PollPolicy
from .._retry import RetryLike
from ._client import ClientMeta, DeadlineClient
from ._config import Credentials
from ._errors import (
    AccessDeniedException,
    ClientError,
    ConflictException,
    InternalServerErrorException,
    ResourceNotFoundException,
    ThrottlingException,
    ValidationException,
)
from ._factory import resolve_client
from ._job import DeadlineJob
from ._pager import PageIterator, PaginationError, Paginator
from ._refreshing import RefreshingCredentials
from ._sigv4 import SigV4Auth
from ._task import DeadlineTask
from ._validate import TARGET_RUN_STATUSES
from ._waiter import Waiter, WaiterError

if TYPE_CHECKING:  # loaded on first use (``__getattr__`` below)
    from . import aio as aio

__all__ = [
    "TARGET_RUN_STATUSES",
    "AccessDeniedException",
    "ClientError",
    "ClientMeta",
    "ConflictException",
    "Credentials",
    "DeadlineClient",
    "DeadlineJob",
    "DeadlineTask",
    "InternalServerErrorException",
    "PageIterator",
    "PaginationError",
    "Paginator",
    "RefreshingCredentials",
    "ResourceNotFoundException",
    "SigV4Auth",
    "ThrottlingException",
    "ValidationException",
    "Waiter",
    "WaiterError",
    "client",
]


def client(
    region_name: str | None = None,
    endpoint_url: str | None = None,
    aws_access_key_id: str | None = None,
    aws_secret_access_key: str | None = None,
    aws_session_token: str | None = None,
    profile_name: str | None = None,
    retry_mode: RetryLike | None = None,
    *,
    timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
    verify: bool | str | ssl.SSLContext = True,
    pool_size: int | None = None,
    clock: Clock = SYSTEM_CLOCK,
    environ: Mapping[str, str] | None = None,
    httpx_transport: httpx.BaseTransport | None = None,
    trust_env: bool = True,
    max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
    user_agent: str = USER_AGENT,
    rate_limit: str | None = "adaptive",
    poll_policy: PollPolicy | None = None,
) -> DeadlineClient:
    """A Deadline client, like ``boto3.client("deadline", ...)``. No request is made here.

    Args:
        region_name: the AWS region (else ``AWS_DEFAULT_REGION``, else the profile's; ``us-east-1`` when only an
            ``endpoint_url`` is given).
        endpoint_url: a base URL used exactly as given (the emulator: ``emu.base_url("deadline")``); default
            ``https://management.deadline.<region>.amazonaws.com``.
        aws_access_key_id, aws_secret_access_key, aws_session_token: explicit credentials.
        profile_name: the profile in ``~/.aws/credentials`` / ``~/.aws/config`` (else ``AWS_PROFILE``). Static keys
            are read directly; every other source of boto3's chain (assume-role, web identity, SSO,
            ``credential_process``, container and instance credentials) goes through botocore (the ``aws`` extra),
            refreshing included.
        retry_mode: ``"default"``, ``"forceful"``, ``"disabled"``, botocore's ``"legacy"``, ``"standard"`` or
            ``"adaptive"``, or a ``taskfacade.RetryPolicy``; None (the default): ``AWS_RETRY_MODE`` /
            ``AWS_MAX_ATTEMPTS`` or the profile's ``retry_mode`` / ``max_attempts`` as botocore reads them, else
            ``"default"`` (see docs/deadline.md for the mapping).
        timeout: per-request timeouts in seconds (or an ``httpx.Timeout``).
        verify: TLS verification: True, a CA bundle path or an ``ssl.SSLContext``.
        pool_size: connections kept open (default: like ``ThreadPoolExecutor``).
        clock: the clock retries and waits run on (tests pass a ``taskfacade.ManualClock``).
        environ: the environment to read (default ``os.environ``). With another mapping only static keys are
            resolved (botocore, which resolves the other sources, reads the process environment).
        httpx_transport: a custom httpx transport (byte-level tests).
        trust_env: read proxy and CA settings from the environment (``HTTPS_PROXY``, ``SSL_CERT_FILE``...), as
            httpx and botocore do; False ignores them (see docs/retry-modes.md, "Proxies").
        max_response_size: the largest response body accepted, in bytes after decompression (default 64 MiB);
            a larger one raises ``taskfacade.ResponseTooLarge``.
        user_agent: the ``User-Agent`` header of every request.
        rate_limit: ``"adaptive"`` (the default): the endpoint's shared adaptive rate limiter; None: off
            (``ClientOptions``).
        poll_policy: how this client's jobs' ``wait()`` polls when the call gives no ``interval`` or
            ``policy`` (a ``taskfacade.PollPolicy``; None: each wait's own defaults).

    Raises:
        InvalidArgument: no credentials, an unknown profile, a bad region, endpoint or retry mode.
    """
    config, policy = resolve_client(
        region_name=region_name,
        endpoint_url=endpoint_url,
        aws_access_key_id=aws_access_key_id,
        aws_secret_access_key=aws_secret_access_key,
        aws_session_token=aws_session_token,
        profile_name=profile_name,
        retry_mode=retry_mode,
        environ=environ,
    )
    return DeadlineClient(
        config,
        retry_mode=policy,
        timeout=timeout,
        verify=verify,
        pool_size=pool_size,
        clock=clock,
        httpx_transport=httpx_transport,
        trust_env=trust_env,
        max_response_size=max_response_size,
        user_agent=user_agent,
        rate_limit=rate_limit,
        poll_policy=poll_policy,
    )


def __getattr__(name: str) -> object:
    """``deadline.aio`` (the async client) loaded on first use, so ``import taskfacade.deadline`` stays lean."""
    if name == "aio":
        import importlib

        return importlib.import_module(".aio", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
