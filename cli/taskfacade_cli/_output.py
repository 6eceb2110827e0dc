"""Error lines, debug logging, and the last line of defence that keeps credentials out of every output.

The facade never puts a credential in a message, a repr or a log line; the command line adds a scrubber on top:
every credential it can know (the profile's, the options', and the vendor environment variables') is replaced by
``***`` in everything written to stdout and stderr, tracebacks and ``--debug`` logs included. The scrubber is the
facade's ``taskfacade.Redactor``, so it also catches a credential escaped (``\n`` as two characters), JSON-escaped,
percent-encoded or in base64, and the userinfo of any URL.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterable
from typing import TextIO

from ._exit import ExitCode, exit_code_for
from ._stream import FilterStream

# Not ``typing.TYPE_CHECKING``: the facade (and attrs) load only when a command needs them, not for ``--help``.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from taskfacade import Redactor

__all__ = ["ScrubbingStream", "configure_debug_logging", "install_scrubber", "report_error"]

_LABELS = {
    ExitCode.USAGE: "usage error",
    ExitCode.TIMEOUT: "timeout",
    ExitCode.INTERRUPTED: "interrupted",
}


class ScrubbingStream(FilterStream):
    """A text stream that redacts each secret (in every encoding) and URL userinfo before writing to the wrapped one."""

    def __init__(self, inner: TextIO, secrets: Iterable[str] | Redactor) -> None:
        super().__init__(inner)
        from taskfacade import Redactor

        self.redactor = secrets if isinstance(secrets, Redactor) else Redactor(secrets)

    def scrub(self, text: str) -> str:
        """``text`` redacted."""
        return self.redactor.redact(text)

    def transform(self, text: str) -> str:
        return self.scrub(text)


def install_scrubber(secrets: Iterable[str]) -> None:
    """Wrap ``sys.stdout`` and ``sys.stderr`` so ``secrets`` (and URL userinfo) never reach them."""
    from taskfacade import Redactor

    redactor = Redactor(secrets)
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, ScrubbingStream):
            stream.redactor.add(*secrets)
        else:
            setattr(sys, name, ScrubbingStream(stream, redactor))


def configure_debug_logging() -> None:
    """``--debug``: the facade's logger (every retry, every give-up) at DEBUG on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("taskfacade: debug: %(message)s"))
    logger = logging.getLogger("taskfacade")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)


def error_message(error: BaseException) -> str:
    """The error as one line (never a traceback, never several lines)."""
    text = str(error) or type(error).__name__
    return " ".join(text.split())


def report_error(error: BaseException, debug: bool, *, prefix: str = "", stream: TextIO | None = None) -> ExitCode:
    """Print ``taskfacade: <label>: <message>`` on stderr (the traceback first with ``--debug``); return the code."""
    out = stream or sys.stderr
    code = exit_code_for(error)
    if debug:
        out.write("".join(traceback.format_exception(error)))
    label = _LABELS.get(code, "error")
    out.write(f"taskfacade: {label}: {prefix}{error_message(error)}\n")
    out.flush()
    return code
