"""``taskfacade completion bash|zsh|fish``: a static completion script generated from the parser by ``shtab``.

The script is generated once (``taskfacade completion bash > ...``) and the shell completes from it without
starting Python, so completion costs nothing at start-up. It completes commands, options and the choices of
positional arguments and options (service names, ``--retry-mode``, ``--format``...).
"""

from __future__ import annotations

import sys

from ._exit import ExitCode

__all__ = ["completion_script", "run_completion"]


def completion_script(shell: str) -> str:
    """The completion script of ``taskfacade`` for ``shell``.

    Args:
        shell: one of ``_options.SHELLS`` (the parser refuses any other).

    Returns:
        The script's text, ending with a newline. It completes installed plug-in services too.
    """
    import shtab  # a dependency, imported here only: no other command pays for it

    from ._parser import build_parser
    from ._registry import load_installed

    load_installed()
    script = str(shtab.complete(build_parser(), shell=shell))
    return script if script.endswith("\n") else script + "\n"


def run_completion(shell: str) -> int:
    """Print the completion script for ``shell`` on stdout; returns the exit code."""
    sys.stdout.write(completion_script(shell))
    return ExitCode.OK
