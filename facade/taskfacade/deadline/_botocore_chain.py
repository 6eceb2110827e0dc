"""The rest of boto3's default credential chain, through botocore's own resolver (the optional ``aws`` extra).

taskfacade resolves static keys itself (arguments, environment, the shared files' ``aws_access_key_id``): that
path imports nothing more. Everything else boto3 supports — assume-role (``role_arn`` with ``source_profile`` or
``credential_source``), web identity (``AWS_WEB_IDENTITY_TOKEN_FILE`` + ``AWS_ROLE_ARN``, or the profile's
``web_identity_token_file``), IAM Identity Center (``sso_session``, ``sso_start_url``), ``credential_process``,
ECS/EKS container credentials (``AWS_CONTAINER_CREDENTIALS_FULL_URI`` / ``_RELATIVE_URI``) and the EC2 instance
role (IMDSv2, ``AWS_EC2_METADATA_SERVICE_ENDPOINT``) — is delegated to ``botocore.session.Session
().get_credentials()``, so it behaves exactly as boto3 does, refreshing included. botocore is imported only here,
only on that path (it costs about 180 ms); without it the error says which extra to install.

botocore reads the process environment, so this path runs only when the client reads ``os.environ`` (the default).
"""

from __future__ import annotations

from typing import Any

from .._errors import InvalidArgument
from .._secrets import Redactor
from ._refreshing import RefreshingCredentials

__all__ = ["botocore_credentials"]

INSTALL_HINT = "pip install 'taskfacade[aws]' (botocore resolves credentials other than static keys)"


def _import_session() -> Any:
    try:
        import botocore.session
    except ImportError:  # the optional extra is not installed
        return None
    return botocore.session


def botocore_credentials(profile_name: str | None, why: str) -> RefreshingCredentials | None:
    """The credentials botocore's default chain finds, or None when it finds none.

    Args:
        profile_name: an explicitly chosen profile (None: botocore reads ``AWS_PROFILE`` itself).
        why: what made this path necessary, for the error when botocore is missing.

    Raises:
        InvalidArgument: botocore is not installed, or refuses the configuration (named, redacted).
    """
    session_module = _import_session()
    if session_module is None:
        raise InvalidArgument("profile_name", profile_name, f"credentials taskfacade resolves itself; {why}: "
                              + INSTALL_HINT)  # fmt: skip
    session = session_module.Session(profile=profile_name)
    try:
        found = session.get_credentials()
    except Exception as exc:  # botocore's ProfileNotFound, InvalidConfigError, CredentialRetrievalError...
        text = Redactor().redact(f"{type(exc).__name__}: {exc}")
        raise InvalidArgument(
            "profile_name", profile_name, f"a configuration botocore can resolve credentials from ({text})"
        ) from None
    if found is None:
        return None
    credentials = RefreshingCredentials(found, f"botocore {getattr(found, 'method', 'credentials')}")
    if type(found).__name__ != "DeferredRefreshableCredentials":  # already fetched (process, container, IMDS):
        credentials.current()  # checked now, as static keys are; assume-role and SSO fetch on first use, as boto3
    return credentials
