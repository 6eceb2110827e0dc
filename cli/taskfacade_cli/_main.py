"""``taskfacade``: parse, build the context, run the command, and turn every outcome into an exit code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ._exit import ExitCode

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `taskfacade --help` should not import typing's extras
if TYPE_CHECKING:
    from ._context import Context

__all__ = ["main"]

#: Options before the command that take a value (so ``taskfacade --profile x emulator --port 0`` is split right).
_VALUE_OPTIONS = ("--profile", "--config", "--emulator", "--retry-mode")


def _split_emulator(argv: list[str]) -> tuple[list[str], list[str] | None]:
    """``argv`` up to an ``emulator`` command, and the arguments after it (None when the command is another)."""
    index = 0
    while index < len(argv):
        word = argv[index]
        if word in _VALUE_OPTIONS:
            index += 2
            continue
        if word.startswith("-"):
            index += 1
            continue
        if word == "emulator":
            return argv[: index + 1], argv[index + 1 :]
        return argv, None
    return argv, None


def _context(args: argparse.Namespace) -> Context:
    from ._config import ConfigFile, config_path
    from ._context import Context

    config = ConfigFile(config_path(args.config))
    profile = config.profile(args.profile)
    emulator = args.emulator or profile.values.get("emulator")  # both checked: by the parser, by the file reader
    retry = args.retry_mode if args.retry_mode != "default" else profile.values.get("retry_mode", "default")
    return Context(
        profile=profile,
        emulator=str(emulator).rstrip("/") if emulator else None,
        emulator_from_flag=bool(args.emulator),
        endpoint=getattr(args, "endpoint", None),
        retry_mode=retry,
        trust_env=not args.no_trust_env and profile.values.get("trust_env", True) is not False,
        debug=args.debug,
    )


def _run(args: argparse.Namespace, emulator_args: list[str] | None) -> int:
    from ._output import configure_debug_logging, install_scrubber

    if args.command == "emulator":
        from ._emulator_cmd import run_emulator

        return run_emulator(emulator_args or [])
    if args.command == "completion":
        from ._completion import run_completion

        return run_completion(args.shell)
    if args.command == "config":
        from ._config_cmd import run_config

        return run_config(args)
    context = _context(args)
    install_scrubber(context.secrets())
    if args.debug:
        configure_debug_logging()
    if args.command == "demo":
        from ._demo import run_demo

        return run_demo(args)
    from ._tasks import run_tasks

    return run_tasks(args, context)


def _parse(head: list[str]) -> argparse.Namespace:
    """``head`` parsed with the built-in and registered services; when that fails, again with the installed plug-ins
    too (entry points are read only then: a command on a built-in service never pays for ``importlib.metadata``).
    The second parse prints the usage error, if any, and raises ``SystemExit``."""
    from ._parser import Unparsed, build_parser
    from ._registry import load_installed

    try:
        return build_parser(quiet=True).parse_args(head)
    except Unparsed:
        load_installed()
        return build_parser().parse_args(head)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``taskfacade`` with ``argv`` (default: the process's arguments); returns the exit code."""
    from ._terminal import install_guard

    for stream in (sys.stdout, sys.stderr):  # a server's non-ASCII name must not crash an ASCII terminal
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    install_guard()  # first, so every byte goes through it (the credential scrubber wraps it later)
    raw = list(sys.argv[1:] if argv is None else argv)
    head, emulator_args = _split_emulator(raw)
    try:
        args = _parse(head)
    except SystemExit as exit_:  # --help (0) or a usage error (2), already printed by argparse
        return int(exit_.code or 0) if isinstance(exit_.code, int) else ExitCode.USAGE
    debug = bool(args.debug)
    try:
        return int(_run(args, emulator_args))
    except KeyboardInterrupt:
        print("\ntaskfacade: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:  # `taskfacade ... | head`: stop quietly, and keep the exit-time flush quiet too
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK
    except Exception as error:
        from ._output import report_error  # here: `--help` needs neither logging nor traceback

        return report_error(error, debug)
