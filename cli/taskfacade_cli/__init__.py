"""The taskfacade command line: ``taskfacade tasks list|show|wait|cancel|retry|results``, ``config``,
``emulator`` and ``demo``. A user of the facade (``taskfacade``) and the emulator (``taskfacade_emulator``);
nothing imports it. See docs/cli.md.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``taskfacade`` console script; returns the exit code (see ``taskfacade --help``)."""
    from ._main import main as run  # deferred: `import taskfacade_cli` stays free

    return run(argv)
