"""A client library for accessing Jobs API (the plug-in example service)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
