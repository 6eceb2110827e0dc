"""Exit codes, and how every error the command line can meet becomes one of them.

The codes are part of the command line's contract (``taskfacade --help`` and docs/cli.md list them):

==== =====================================================================
0    success
1    a task ended FAILED or CANCELED (``tasks wait``, ``tasks results``)
2    usage error: bad arguments or configuration, an unsupported verb, a missing optional dependency
3    timeout: a wait's deadline passed (or a result is not ready yet)
4    API or network error
130  interrupted (Ctrl-C)
==== =====================================================================
"""

from __future__ import annotations

import enum
import sys

__all__ = ["CliError", "ExitCode", "UsageError", "exit_code_for"]


class ExitCode(enum.IntEnum):
    """The process exit codes of ``taskfacade``."""

    OK = 0
    TASK_FAILED = 1
    USAGE = 2
    TIMEOUT = 3
    API = 4
    INTERRUPTED = 130


#: The table shown at the end of ``taskfacade --help``.
EXIT_CODES_HELP = """exit codes:
  0  success
  1  a task ended FAILED or CANCELED
  2  usage error (bad arguments or configuration, a verb the service does not have, a missing extra)
  3  timeout (a wait's deadline passed, or a result is not ready yet)
  4  API or network error
"""


class CliError(Exception):
    """An error the command line reports as one line on stderr, with its own exit code."""

    def __init__(self, message: str, code: ExitCode) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class UsageError(CliError):
    """Bad arguments or configuration, found before any request (exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.USAGE)


def exit_code_for(error: BaseException) -> ExitCode:
    """The exit code for an exception a command let through.

    Usage errors are the facade's ``InvalidArgument`` and ``UnsupportedOperation``, the services'
    configuration errors, and an ``ImportError``: an optional dependency that is not installed (pandas,
    pyarrow) is a problem of the environment, whose message says which extra to install, not an API error.
    Timeouts are ``WaitTimeout`` and TileDB's ``TaskNotReady``; every other facade error
    (API, network, undecodable response) is an API error.
    """
    if isinstance(error, CliError):
        return error.code
    if isinstance(error, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    import taskfacade  # deferred: ``taskfacade --help`` must not pay for it

    if isinstance(error, taskfacade.WaitTimeout):
        return ExitCode.TIMEOUT
    if isinstance(error, taskfacade.InvalidArgument | taskfacade.UnsupportedOperation | ImportError):
        return ExitCode.USAGE
    if _is_configuration_error(error):
        return ExitCode.USAGE
    if _is_not_ready(error):
        return ExitCode.TIMEOUT
    return ExitCode.API


def _loaded(module: str, *names: str) -> tuple[type[BaseException], ...]:
    """Exception classes of a service module, if it is loaded (an error cannot come from one that is not)."""
    loaded = sys.modules.get(module)
    return tuple(getattr(loaded, name) for name in names) if loaded is not None else ()


def _is_configuration_error(error: BaseException) -> bool:
    """TileDB's ``ConfigurationError``; TensorBay's ``StatusError`` and ``DatasetTypeError``."""
    classes = _loaded("taskfacade.tiledb", "ConfigurationError")
    classes += _loaded("taskfacade.tensorbay", "StatusError", "DatasetTypeError")
    return isinstance(error, classes)


def _is_not_ready(error: BaseException) -> bool:
    """TileDB's ``TaskNotReady``: the result is still being computed."""
    return isinstance(error, _loaded("taskfacade.tiledb", "TaskNotReady"))
