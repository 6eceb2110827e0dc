"""A client library for accessing TileDB Cloud tasks and client-module API (the subset taskfacade uses)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
