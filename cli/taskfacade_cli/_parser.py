"""The argument parser: every command, its options, and ``--help`` with examples (argparse, for a fast start)."""

from __future__ import annotations

import argparse
import re
from typing import Any

from taskfacade import __version__

from . import _options as opt
from ._exit import EXIT_CODES_HELP
from ._registry import CliService, cli_services

__all__ = ["MAX_INTERVAL", "MAX_SPEED", "MAX_TIMEOUT", "MIN_INTERVAL", "Parser", "Unparsed", "build_parser"]

_FORMATTER = argparse.RawDescriptionHelpFormatter
#: Ranges of the numeric options: a year of waiting, polls from 20 a second to one an hour, clocks up to 10000x.
MAX_TIMEOUT = 365 * 86400.0
MIN_INTERVAL, MAX_INTERVAL = 0.05, 3600.0
MAX_SPEED = 10_000.0
_VALUE_ERROR = re.compile(r"^argument (\S+): invalid value (.*)$", re.DOTALL)


class Unparsed(Exception):
    """A usage error of a parser built with ``quiet=True`` (nothing printed yet)."""


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose errors are one line, like every other usage error of the command line."""

    #: Raise ``Unparsed`` instead of printing the error and exiting (``build_parser(quiet=True)``).
    quiet = False

    def error(self, message: str) -> Any:
        """``taskfacade: usage error: argument --limit: ...`` on stderr, exit code 2 (argparse prints the usage
        block first; people asking for it have ``--help``)."""
        if self.quiet:
            raise Unparsed(message)
        value_error = _VALUE_ERROR.match(message)  # "argument --limit: invalid value 'x': ..." (from ``_options``)
        if value_error is not None:
            message = f"invalid {value_error.group(1)} {value_error.group(2)}"
        self.exit(2, f"taskfacade: usage error: {message} (see `{self.prog} --help`)\n")

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> tuple[Any, list[str]]:
        """Arguments left over are an error of this parser, so an unknown option of ``tasks list`` points at
        ``taskfacade tasks list --help`` (argparse hands them up to the top parser, whose help does not list them).
        """
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


TOP_EPILOG = (
    """examples:
  taskfacade tasks list tiledb --since 2d --status failed
  taskfacade tasks wait geobox 9c83cbf3-ae99-49a4-8ff7-bb7260ba3377 --timeout 600
  taskfacade --emulator http://127.0.0.1:8765 tasks list deadline
  taskfacade config set tiledb.token          # prompts; stored 0600
  taskfacade emulator --port 8765             # a local emulator of all four services
  taskfacade demo                             # what `make run` shows

settings, highest first: options; the config-file profile (--profile); the vendors' own environment
variables and files (TILEDB_REST_*, AWS_* and ~/.aws, GEOBOX_*, TENSORBAY_ACCESS_KEY).

"""
    + EXIT_CODES_HELP
)

TASKS_EPILOG = """examples:
  taskfacade tasks list geobox --status running
  taskfacade tasks show tiledb 7eb6518e-302b-4c5a-9e46-f3047d2ddd06
  taskfacade tasks wait tensorbay f0fca0aa74154f02b41eebfa52656118 --timeout 600
  taskfacade tasks abort geobox 9c83cbf3-ae99-49a4-8ff7-bb7260ba3377
  taskfacade tasks retry tensorbay c44ad7d1b205420bb114952bcbd713fa
  taskfacade tasks results tiledb 7eb6518e-302b-4c5a-9e46-f3047d2ddd06 --json

`taskfacade tasks COMMAND --help` shows each command's options.
"""

LIST_EPILOG = """examples:
  taskfacade tasks list tiledb                          # the last 7 days, newest first
  taskfacade tasks list tiledb --since 12h --status running --type SQL
  taskfacade tasks list geobox --start 2024-05-01 --end 2024-05-02T12:00Z --limit 0
  taskfacade tasks list deadline --farm-id $FARM --queue-id $QUEUE --job-id $JOB --step-id $STEP
  taskfacade tasks list tensorbay --dataset my-dataset --job-type squashAndMerge --json
  taskfacade tasks list geobox -o yaml --limit 5
  taskfacade tasks list tiledb -o text --query 'tasks[?phase==`FAILED`].[id, name]'

--status takes the service's own statuses (COMPLETED, runStatus values, SUCCESS, ...) or a phase
(pending, running, succeeded, failed, canceled, suspended); repeat it or separate values with commas.
Times without an offset are UTC. The window line and the "showing N of M" line go to stderr, so a pipe
gets the table (or -o json|yaml|text) only. -o json|yaml|text returns every task unless --limit is given.
"""

SHOW_EPILOG = """examples:
  taskfacade tasks show tiledb 7eb6518e-302b-4c5a-9e46-f3047d2ddd06
  taskfacade tasks show tensorbay f0fca0aa74154f02b41eebfa52656118 --dataset my-dataset --json
"""

WAIT_EPILOG = """examples:
  taskfacade tasks wait geobox 9c83cbf3-ae99-49a4-8ff7-bb7260ba3377 14186960-86e2-4ae4-a6a9-83cacbe1a949
  taskfacade tasks wait tiledb 7eb6518e-302b-4c5a-9e46-f3047d2ddd06 --timeout 600 --json > final.json

The live display goes to stderr (one updating line on a terminal, a line per finished task otherwise);
the final table (or --json) goes to stdout. Exit code 0 when every task succeeded, 1 when one ended
FAILED or CANCELED, 3 when --timeout passed first.
"""

CANCEL_EPILOG = """examples:
  taskfacade tasks cancel geobox 9c83cbf3-ae99-49a4-8ff7-bb7260ba3377
  taskfacade tasks abort tensorbay f0fca0aa74154f02b41eebfa52656118 --dataset my-dataset

deadline: UpdateTask targetRunStatus=CANCELED; geobox and tensorbay: abort. TileDB's API has no cancel.
"""

RETRY_EPILOG = """examples:
  taskfacade tasks retry tensorbay c44ad7d1b205420bb114952bcbd713fa --dataset my-dataset
  taskfacade tasks retry deadline $TASK --farm-id $FARM --queue-id $QUEUE --job-id $JOB --step-id $STEP

tensorbay: squash-and-merge jobs only (FAILED or ABORTED); deadline: requeue (targetRunStatus=PENDING).
TileDB and Geobox have no retry.
"""

RESULTS_EPILOG = """examples:
  taskfacade tasks results tiledb 7eb6518e-302b-4c5a-9e46-f3047d2ddd06
  taskfacade tasks results tiledb 7eb6518e-302b-4c5a-9e46-f3047d2ddd06 --wait --timeout 300 --json
  taskfacade tasks results tiledb 7eb6518e-302b-4c5a-9e46-f3047d2ddd06 --format bytes --output result.bin

The result is decoded by its Content-Type (JSON, Arrow, TileDB-JSON, bytes) unless --format says otherwise;
pickled results are never unpickled. Tables print as a DataFrame when pandas is installed.
"""

CONFIG_EPILOG = """examples:
  taskfacade config set tiledb.token                     # hidden prompt (or: echo $T | taskfacade config set ...)
  taskfacade config set --profile work deadline.aws_profile render
  taskfacade config set --profile emu emulator http://127.0.0.1:8765
  taskfacade config use work
  taskfacade config show --profile work                  # secrets are masked
  taskfacade config keys

The file is $TASKFACADE_CONFIG or ~/.config/taskfacade/config.toml, written with mode 0600.
"""

EMULATOR_EPILOG = """examples:
  taskfacade emulator                                  # http://127.0.0.1:8765, 200 tasks per service
  taskfacade emulator --port 0 --speed 60 --db emulator.sqlite

Same program and flags as taskfacade-emulator (see `taskfacade emulator --help`, docs/emulator.md).
"""

COMPLETION_EPILOG = """examples:
  taskfacade completion bash > ~/.local/share/bash-completion/completions/taskfacade
  taskfacade completion zsh > ~/.zfunc/_taskfacade       # with fpath+=~/.zfunc before compinit in ~/.zshrc
  taskfacade completion fish > ~/.config/fish/completions/taskfacade.fish

The script completes commands, options and service names without starting Python. Generate it again after
upgrading taskfacade.
"""

DEMO_EPILOG = """examples:
  taskfacade demo            # about 15 seconds, against an in-process emulator; exits 0
"""


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """The options every command takes, before or after its name."""
    default: Any = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group("common options")
    group.add_argument(
        "--profile", default=default, type=opt.profile_name, metavar="NAME", help="config-file profile to use"
    )
    group.add_argument(
        "--config", default=default, type=opt.text, metavar="PATH", help="config file (default: see `config path`)"
    )
    group.add_argument(
        "--emulator",
        default=default,
        type=opt.url,
        metavar="URL",
        help="talk to a taskfacade emulator at URL with its default credentials and seeded ids",
    )
    group.add_argument(
        "--retry-mode",
        default=default if suppress else "default",
        choices=opt.RETRY_MODES,
        help="how requests are retried (docs/retry-modes.md; default: default)",
    )
    group.add_argument(
        "--no-trust-env",
        action="store_true",
        default=default if suppress else False,
        help="ignore HTTP(S)_PROXY, ALL_PROXY, SSL_CERT_FILE and the like (profile key trust_env = false)",
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=default if suppress else False,
        help="log every retry and show tracebacks (credentials are never shown)",
    )


def _leaf(parent: Any, name: str, help_text: str, epilog: str, **kwargs: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = parent.add_parser(
        name, help=help_text, description=help_text, epilog=epilog, formatter_class=_FORMATTER, **kwargs
    )
    _common(parser, suppress=True)
    return parser


def _service_arg(parser: argparse.ArgumentParser, services: dict[str, CliService]) -> None:
    parser.add_argument("service", choices=tuple(services), metavar="SERVICE", help=" | ".join(services))


def _service_options(parser: argparse.ArgumentParser, command: str, services: dict[str, CliService]) -> None:
    """``--endpoint``, each service's own options (``CliService.add_arguments``) and, for ``list``, ``--search``."""
    parser.add_argument(
        "--endpoint", type=opt.url, metavar="URL", help="the service's base URL (overrides the profile)"
    )
    for service in services.values():
        service.add_arguments(parser, command)
    searchable = [service.name for service in services.values() if service.search]
    if command == "list" and searchable:
        parser.add_argument(
            "--search", type=opt.text, metavar="TEXT", help=f"{' and '.join(searchable)}: keyword in the task's name"
        )


def _output_options(parser: argparse.ArgumentParser) -> None:
    """``-o/--output``, ``--json`` (an alias of ``-o json``), ``--query`` and ``--no-headers`` (``_format``)."""
    group = parser.add_argument_group("output")
    group.add_argument(
        "-o", "--output", choices=opt.FORMATS, default="table", help="table (default, for people), json, yaml or text"
    )
    group.add_argument("--json", dest="output", action="store_const", const="json", help="the same as -o json")
    group.add_argument(
        "--query", type=opt.text, metavar="JMESPATH", help="a JMESPath expression over the JSON output, as the AWS CLI"
    )
    group.add_argument("--no-headers", action="store_true", help="tables without their header row")


def _wait_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=opt.number(0, MAX_TIMEOUT),
        metavar="S",
        help="one overall deadline in seconds, up to a year (default: none)",
    )
    parser.add_argument(
        "--interval",
        type=opt.number(MIN_INTERVAL, MAX_INTERVAL),
        default=2.0,
        metavar="S",
        help=f"longest gap between polls, {MIN_INTERVAL:g} to {MAX_INTERVAL:g} (default: 2)",
    )


def _tasks(commands: Any) -> None:
    services = cli_services()
    tasks = commands.add_parser(
        "tasks",
        help="list, show, wait on, cancel, retry tasks; fetch results",
        description="Tasks on TileDB Cloud, AWS Deadline Cloud, Geobox and TensorBay.",
        epilog=TASKS_EPILOG,
        formatter_class=_FORMATTER,
    )
    sub = tasks.add_subparsers(dest="tasks_command", metavar="COMMAND", required=True)

    listing = _leaf(sub, "list", "list a service's tasks (default: the last 7 days)", LIST_EPILOG)
    _service_arg(listing, services)
    when = listing.add_argument_group("time window (default: --since 7d)")
    when.add_argument(
        "--since", type=opt.duration, metavar="DURATION", help="tasks created in the last DURATION: 30m, 12h, 7d, 2w"
    )
    when.add_argument(
        "--start",
        type=opt.instant("--start"),
        metavar="TIME",
        help="tasks created at or after TIME (ISO 8601; UTC if no offset)",
    )
    when.add_argument(
        "--end", type=opt.instant("--end"), metavar="TIME", help="tasks created at or before TIME (default: now)"
    )
    listing.add_argument(
        "--status", action="append", type=opt.text, metavar="STATUS", help="a status or phase (repeatable)"
    )
    listing.add_argument(
        "--limit",
        type=opt.count(opt.MAX_LIMIT),
        metavar="N",
        help=f"rows shown (default: 20 in a table, all otherwise; 0: all; at most {opt.MAX_LIMIT})",
    )
    listing.add_argument("--summary", action="store_true", help="count every task by phase (reads them all)")
    _output_options(listing)
    _service_options(listing, "list", services)

    show = _leaf(sub, "show", "show every field of one task", SHOW_EPILOG)
    _service_arg(show, services)
    show.add_argument("id", type=opt.text, metavar="ID", help="the task (or job) id")
    _output_options(show)
    _service_options(show, "show", services)

    wait = _leaf(sub, "wait", "wait for tasks to finish, with one live progress display", WAIT_EPILOG)
    _service_arg(wait, services)
    wait.add_argument("ids", nargs="+", type=opt.text, metavar="ID", help="task (or job) ids")
    _wait_options(wait)
    _output_options(wait)
    _service_options(wait, "wait", services)

    for name, aliases, text, epilog in (
        ("cancel", ["abort"], "cancel (abort) tasks", CANCEL_EPILOG),
        ("retry", [], "run failed or canceled tasks again (deadline, tensorbay)", RETRY_EPILOG),
    ):
        verb = _leaf(sub, name, text, epilog, aliases=aliases)
        _service_arg(verb, services)
        verb.add_argument("ids", nargs="+", type=opt.text, metavar="ID", help="task (or job) ids")
        _output_options(verb)
        _service_options(verb, name, services)

    results = _leaf(sub, "results", "fetch a TileDB task's stored result", RESULTS_EPILOG)
    _service_arg(results, services)
    results.add_argument("id", type=opt.text, metavar="ID", help="the task id")
    results.add_argument(
        "--format", choices=("json", "arrow", "bytes", "tiledb_json"), help="decode as (default: by Content-Type)"
    )
    results.add_argument("--dataframe", action="store_true", help="as a pandas DataFrame (needs pandas)")
    results.add_argument("--output", type=opt.text, metavar="FILE", help="write the result to FILE instead of stdout")
    results.add_argument("--json", action="store_true", help="JSON on stdout (tables as lists of records)")
    results.add_argument("--wait", action="store_true", help="wait for the task to finish first")
    _wait_options(results)
    _service_options(results, "results", services)


def _config(commands: Any) -> None:
    config = commands.add_parser(
        "config",
        help="profiles in the config file (written 0600)",
        description="Read and write the config file's profiles.",
        epilog=CONFIG_EPILOG,
        formatter_class=_FORMATTER,
    )
    sub = config.add_subparsers(dest="config_command", metavar="COMMAND", required=True)
    setter = _leaf(sub, "set", "set a key in a profile (secrets: omit VALUE to be prompted)", CONFIG_EPILOG)
    setter.add_argument("key", metavar="KEY", help="e.g. tiledb.token, deadline.farm_id, emulator (see `config keys`)")
    setter.add_argument("value", nargs="?", metavar="VALUE", help="the value (omit for a secret to be prompted)")
    unset = _leaf(sub, "unset", "remove a key from a profile", CONFIG_EPILOG)
    unset.add_argument("key", metavar="KEY")
    show = _leaf(sub, "show", "show a profile (secrets masked)", CONFIG_EPILOG)
    show.add_argument("--json", action="store_true", help="JSON on stdout")
    use = _leaf(sub, "use", "make a profile the default", CONFIG_EPILOG)
    use.add_argument("name", type=opt.profile_name, metavar="PROFILE")
    _leaf(sub, "path", "print the config file's path", CONFIG_EPILOG)
    _leaf(sub, "keys", "list the keys a profile can hold", CONFIG_EPILOG)


class _QuietParser(Parser):
    quiet = True


def build_parser(*, quiet: bool = False) -> argparse.ArgumentParser:
    """The whole ``taskfacade`` parser, with every service registered so far (``_registry``). With ``quiet``, a
    usage error raises ``Unparsed`` and prints nothing (``_main`` then loads the installed plug-ins and parses
    again)."""
    parser = (_QuietParser if quiet else Parser)(
        prog="taskfacade",
        description="One way to find, wait on, cancel and retry tasks on TileDB Cloud, AWS Deadline Cloud, "
        "Geobox and TensorBay.",
        epilog=TOP_EPILOG,
        formatter_class=_FORMATTER,
    )
    parser.add_argument("--version", action="version", version=f"taskfacade {__version__}")
    _common(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _tasks(commands)
    _config(commands)
    emulator = commands.add_parser(
        "emulator",
        help="run the local emulator of all four services in the foreground",
        description="Run the taskfacade emulator in the foreground until Ctrl-C (needs the 'emulator' extra).",
        epilog=EMULATOR_EPILOG,
        formatter_class=_FORMATTER,
        add_help=False,
    )
    emulator.add_argument("emulator_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    completion = _leaf(
        commands, "completion", "print a shell completion script for bash, zsh or fish", COMPLETION_EPILOG
    )
    completion.add_argument("shell", choices=opt.SHELLS, metavar="SHELL", help=" | ".join(opt.SHELLS))
    demo = _leaf(commands, "demo", "a tour of every feature against an in-process emulator (make run)", DEMO_EPILOG)
    demo.add_argument(
        "--speed",
        type=opt.number(0, MAX_SPEED, above=True, unit="a clock speed"),
        default=40.0,
        help=f"emulator clock speed, up to {MAX_SPEED:g} (default 40x)",
    )
    return parser
