"""What ``deadline.client()`` and ``deadline.aio.client()`` share: the arguments resolved into a ``ClientConfig`` and a
retry policy (the files and botocore's chain read here: the async twin calls this in a worker thread)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from .._errors import InvalidArgument
from .._retry import DEFAULT, RetryLike, RetryPolicy, retry_policy
from ._botocore_chain import botocore_credentials
from ._config import ClientConfig, resolve_config
from ._retryconfig import RETRY_MODE_NAMES

__all__ = ["resolve_client"]

_MODES_ACCEPTED = f"one of {', '.join(map(repr, RETRY_MODE_NAMES))}, a RetryPolicy or None"


def resolve_client(
    *,
    region_name: str | None,
    endpoint_url: str | None,
    aws_access_key_id: str | None,
    aws_secret_access_key: str | None,
    aws_session_token: str | None,
    profile_name: str | None,
    retry_mode: RetryLike | None,
    environ: Mapping[str, str] | None,
) -> tuple[ClientConfig, RetryPolicy]:
    """The client's config (credentials, region, endpoint) and retry policy, as ``deadline.client`` documents."""
    if environ is not None and not (
        isinstance(environ, Mapping) and all(isinstance(k, str) and isinstance(v, str) for k, v in environ.items())
    ):
        raise InvalidArgument("environ", type(environ).__name__, "None or a mapping of variable names to strings")
    process_environment = environ is None or environ is os.environ
    config = resolve_config(
        region_name=region_name,
        endpoint_url=endpoint_url,
        aws_access_key_id=aws_access_key_id,
        aws_secret_access_key=aws_secret_access_key,
        aws_session_token=aws_session_token,
        profile_name=profile_name,
        environ=os.environ if environ is None else environ,
        fallback=botocore_credentials if process_environment else None,
    )
    if retry_mode is None:
        policy = config.retry or DEFAULT
    else:
        policy = retry_policy(retry_mode, "retry_mode", modes=RETRY_MODE_NAMES, accepted=_MODES_ACCEPTED)
    return config, policy
