"""The TileDB client module (seed 001, ``tiledb.cloud.client``): login, configuration, account and browsers.

::

    from taskfacade.tiledb import client

    client.login(token="...", workspace="ws_...")      # checked, stored 0600, becomes the default
    print(client.default_charged_namespace())
    for array in client.list_arrays(tag="genomics"):
        print(array.name)

``Client`` objects hold one account's settings, retry mode and connections; every function takes a keyword-only
``client=`` and otherwise uses the default client (``default_client()``, replaceable with ``set_default_client``).
"""

from .._retry import RETRY_MODES, RetryPolicy
from ._account import (
    default_charged_namespace,
    default_user,
    find_organization_or_user_for_default_charges,
    organization,
    organizations,
    user_profile,
)
from ._browse import (
    list_arrays,
    list_groups,
    list_public_arrays,
    list_public_groups,
    list_shared_arrays,
    list_shared_groups,
)
from ._cloud_client import Client, default_client, set_default_client
from ._config import ProfileLocation, Settings
from ._errors import ConfigurationError, NoChargeableNamespace
from ._login import Config, Ctx, TileDBConfig, login
from ._retrymode import RetryMode, RetryOrStr

__all__ = [
    "RETRY_MODES",
    "Client",
    "Config",
    "ConfigurationError",
    "Ctx",
    "NoChargeableNamespace",
    "ProfileLocation",
    "RetryMode",
    "RetryOrStr",
    "RetryPolicy",
    "Settings",
    "TileDBConfig",
    "default_charged_namespace",
    "default_client",
    "default_user",
    "find_organization_or_user_for_default_charges",
    "list_arrays",
    "list_groups",
    "list_public_arrays",
    "list_public_groups",
    "list_shared_arrays",
    "list_shared_groups",
    "login",
    "organization",
    "organizations",
    "set_default_client",
    "user_profile",
]
