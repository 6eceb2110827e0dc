"""``taskfacade-emulator`` / ``python -m taskfacade_emulator``: serve the emulator until SIGINT or SIGTERM."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import socket
import sys
from collections.abc import Sequence

from . import INSTALL_HINT, missing_modules

# Not ``typing.TYPE_CHECKING`` (see __init__): the server's modules import the extra, so they load in main().
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._app import EmulatorApp


#: ``--help`` text: plain words (the module docstring is reStructuredText, with backticks).
_DESCRIPTION = (
    "Serve the taskfacade emulator (TileDB Cloud, AWS Deadline Cloud, Geobox and TensorBay on one loopback port) "
    "until SIGINT or SIGTERM. It prints 'taskfacade emulator listening on URL' once it accepts requests."
)
_EPILOG = "The same program runs as taskfacade-emulator, python -m taskfacade_emulator and taskfacade emulator."


def parse_args(argv: Sequence[str] | None, prog: str = "taskfacade-emulator") -> argparse.Namespace:
    """The command line's arguments (needs the ``emulator`` extra: the service names come from the registry)."""
    from ._core import DEFAULT_SEED_COUNT
    from ._registry import service_names

    parser = argparse.ArgumentParser(prog=prog, description=_DESCRIPTION, epilog=_EPILOG)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on; 0 picks a free one (default 8765)")
    parser.add_argument("--db", default=None, help="SQLite file keeping every task across restarts (default: memory)")
    parser.add_argument(
        "--seed-count", type=int, default=DEFAULT_SEED_COUNT, help=f"tasks seeded per service ({DEFAULT_SEED_COUNT})"
    )
    for name in service_names():
        parser.add_argument(f"--{name}-count", type=int, default=None, help=f"tasks seeded for {name} (overrides)")
    parser.add_argument("--speed", type=float, default=1.0, help="emulator clock speed (1 = real time, 0 = frozen)")
    parser.add_argument("--seed", type=int, default=1, help="seed for the data and the fault RNG (default 1)")
    parser.add_argument("--no-admin", action="store_true", help="do not serve the admin API under /_emulator/")
    parser.add_argument(
        "--log-level", default="warning", choices=["debug", "info", "warning", "error"], help="default warning"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None, prog: str = "taskfacade-emulator") -> int:
    """Run the emulator; prints ``taskfacade emulator listening on http://HOST:PORT`` once it accepts requests.

    ``prog`` is the program name shown in usage and help (``taskfacade emulator`` when the CLI runs it). Without
    the ``emulator`` extra it prints one line naming what to install and returns 2 (a usage error, no traceback).
    """
    if missing_modules():
        print(f"{prog}: {INSTALL_HINT}", file=sys.stderr)
        return 2
    from ._app import EmulatorApp
    from ._core import EmulatorCore, Settings
    from ._registry import service_names
    from ._server import bind

    args = parse_args(argv, prog)
    logging.basicConfig(level=args.log_level.upper(), stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    counts = {name: getattr(args, f"{name}_count") for name in service_names()}
    settings = Settings(
        db=args.db,
        seed_count=args.seed_count,
        seed_counts={name: count for name, count in counts.items() if count is not None},
        speed=args.speed,
        admin=not args.no_admin,
        seed=args.seed,
    )
    try:
        settings.validate()
        if not 0 <= args.port <= 65535:  # socket.bind would raise OverflowError (not OSError) for 99999
            raise ValueError(f"port must be an integer from 0 to 65535, got {args.port}")
        sock = bind(args.host, args.port)
    except (OSError, ValueError) as exc:
        print(f"taskfacade-emulator: {exc}", file=sys.stderr)
        return 2
    with sock:
        try:
            core = EmulatorCore(settings)
        except (OSError, ValueError) as exc:
            print(f"taskfacade-emulator: {exc}", file=sys.stderr)
            return 2
        try:
            asyncio.run(_serve_until_signal(EmulatorApp(core), sock))
        finally:
            core.close()
    return 0


async def _serve_until_signal(app: EmulatorApp, sock: socket.socket) -> None:
    """Serve until SIGINT or SIGTERM, announcing the URL on stdout once connections are accepted."""
    from ._server import serve, url_for

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    announce = f"taskfacade emulator listening on {url_for(sock)}"
    await serve(app, sock, stop, lambda: print(announce, flush=True))


if __name__ == "__main__":
    sys.exit(main())
