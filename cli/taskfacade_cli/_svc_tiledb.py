"""TileDB Cloud as the command line knows it before running it: its options, config keys and secrets.

The commands themselves are in ``_tasks_tiledb.py`` (imported, with the facade, only when a command uses TileDB).
"""

from __future__ import annotations

import argparse

from . import _options as opt
from ._registry import CliService

__all__ = ["SERVICE"]


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """``tasks list``'s TileDB filters: ``--type`` and ``--array``."""
    if command == "list":
        tiledb = parser.add_argument_group("tiledb filters")
        tiledb.add_argument(
            "--type", type=opt.text, metavar="TYPE", help="SQL, UDF, QUERY, GENERIC_UDF, BATCH_UDF, ..."
        )
        tiledb.add_argument("--array", type=opt.text, metavar="ARRAY", help="an array id, path or tiledb:// URI")


SERVICE = CliService(
    name="tiledb",
    implementation="taskfacade_cli._tasks_tiledb:SERVICE",
    keys={
        "endpoint": "server URL (default https://api.tiledb.com)",
        "token": "API token",
        "username": "user name for HTTP Basic auth",
        "password": "password for HTTP Basic auth",
        "workspace": "workspace id, ws_...",
        "verify_ssl": "check TLS certificates: true or false",
    },
    secret_keys=frozenset({"token", "password"}),
    bool_keys=frozenset({"verify_ssl"}),
    secret_env_vars=("TILEDB_REST_TOKEN", "TILEDB_REST_PASSWORD"),
    emulator_settings={"token": "emulator-token", "workspace": "ws_emulator"},
    add_arguments=add_arguments,
    search=True,
)
