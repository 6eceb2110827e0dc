"""The jobs service in the ``taskfacade`` command line: ``SERVICE``, what the command line knows of it before
running a command (its config keys, secrets and emulator settings; it adds no options of its own).

Settings: the profile's ``jobs.endpoint`` and ``jobs.token`` (``--endpoint`` overrides the first), else
``$JOBS_ENDPOINT`` and ``$JOBS_TOKEN``; with ``--emulator URL``, the emulator's jobs service and its default token.
This module imports neither the facade nor attrs (``taskfacade --help`` loads it); the commands are in ``_tasks``.
"""

from __future__ import annotations

from taskfacade_cli import CliService

__all__ = ["ENV_ENDPOINT", "ENV_TOKEN", "SERVICE"]

#: Where the command line looks when the profile has no endpoint or token.
ENV_ENDPOINT = "JOBS_ENDPOINT"
ENV_TOKEN = "JOBS_TOKEN"

SERVICE = CliService(
    name="jobs",
    implementation="taskfacade_jobs.cli._tasks:JobsService",
    keys={"endpoint": "the jobs service's URL", "token": "bearer token"},
    secret_keys=frozenset({"token"}),
    secret_env_vars=(ENV_TOKEN,),
    emulator_settings={"token": "emulator-token"},
)
