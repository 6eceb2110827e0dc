"""``FilterStream``: a text stream that rewrites what is written and passes everything else to the stream it wraps.

The command line wraps stdout and stderr twice: the terminal guard (control characters made visible) and the
credential scrubber on top of it. Both are a ``FilterStream`` with their own ``transform``.
"""

from __future__ import annotations

import io
from typing import Any, TextIO

__all__ = ["FilterStream"]


class FilterStream(io.TextIOBase):
    """Writes ``transform(text)`` to ``inner``; flushing, ``isatty``, ``fileno``, encoding and the byte buffer are
    the wrapped stream's."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    def transform(self, text: str) -> str:
        """What is written instead of ``text`` (a subclass decides)."""
        return text

    def write(self, text: str) -> int:
        self.inner.write(self.transform(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.inner.encoding

    @property
    def buffer(self) -> Any:
        """The raw byte stream: bytes asked for (``tasks results --format bytes``) are written as they are."""
        return self.inner.buffer
