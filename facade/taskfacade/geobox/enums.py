"""``geobox.enums`` at the SDK's module path: the enums a task and its output assets use, open (an unknown value
is an ``UNKNOWN`` pseudo-member, not a ``ValueError``). The SDK's other enums belong to APIs this package does not
speak (layers, users, analysis...)."""

from ._enums import FileType, LayerType, TaskStatus

__all__ = ["FileType", "LayerType", "TaskStatus"]
