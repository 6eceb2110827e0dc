"""A client library for accessing TensorBay Open API (asynchronous jobs subset)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
