"""Geobox as the command line knows it before running it: its config keys and secrets (it has no options of its
own; ``tasks list --search`` filters its tasks).

The commands themselves are in ``_tasks_geobox.py`` (imported, with the facade, only when a command uses Geobox).
"""

from __future__ import annotations

from ._registry import CliService

__all__ = ["SERVICE"]

SERVICE = CliService(
    name="geobox",
    implementation="taskfacade_cli._tasks_geobox:SERVICE",
    keys={
        "endpoint": "server URL (default https://api.geobox.ir)",
        "access_token": "access token",
        "apikey": "API key",
        "username": "user name, exchanged for a token",
        "password": "password",
    },
    secret_keys=frozenset({"access_token", "apikey", "password"}),
    secret_env_vars=("GEOBOX_ACCESS_TOKEN", "GEOBOX_APIKEY", "GEOBOX_PASSWORD"),
    emulator_settings={"access_token": "emulator-token"},
    search=True,
)
