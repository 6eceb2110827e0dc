"""A client library for accessing AWS Deadline Cloud (task and job subset)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
