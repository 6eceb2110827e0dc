"""``tensorbay.client.struct`` at the SDK's module path: ``Draft`` (a squash-and-merge job's result) and ``User``."""

from .._structs import Draft, User

__all__ = ["Draft", "User"]
