"""``taskfacade emulator``: the emulator in the foreground, the same program and flags as ``taskfacade-emulator``."""

from __future__ import annotations

import importlib.util
import sys

from ._exit import ExitCode, UsageError

__all__ = ["require_emulator", "run_emulator"]

INSTALL_HINT = "the emulator needs the 'emulator' extra: pip install 'taskfacade[emulator]'"


def require_emulator() -> None:
    """A usage error naming the extra to install when the emulator's dependencies are missing."""
    for module in ("taskfacade_emulator", "starlette", "uvicorn"):
        if importlib.util.find_spec(module) is None:
            raise UsageError(INSTALL_HINT)


def run_emulator(argv: list[str]) -> int:
    """Serve until Ctrl-C or SIGTERM; prints ``taskfacade emulator listening on http://HOST:PORT`` once ready.

    Bad flags exit with code 2, like every usage error.
    """
    require_emulator()
    from taskfacade_emulator.__main__ import main as emulator_main

    try:
        return int(emulator_main(argv, prog="taskfacade emulator"))
    except SystemExit as exit_:  # argparse: --help (0) or a bad flag (2)
        code = exit_.code
        return code if isinstance(code, int) else ExitCode.USAGE
    except KeyboardInterrupt:
        print("taskfacade: interrupted", file=sys.stderr)
        return ExitCode.OK
