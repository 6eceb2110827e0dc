"""TensorBay as the command line knows it before running it: its options, config keys and secrets.

The commands themselves are in ``_tasks_tensorbay.py`` (imported, with the facade, only when a command uses
TensorBay).
"""

from __future__ import annotations

import argparse

from . import _options as opt
from ._registry import CliService

__all__ = ["ENV_ACCESS_KEY", "JOB_TYPES", "SERVICE"]

#: The kinds of job ``--job-type`` picks from.
JOB_TYPES = ("squashAndMerge", "basicSearch")
#: The access key's variable: the command line's own (the vendor SDK reads no environment).
ENV_ACCESS_KEY = "TENSORBAY_ACCESS_KEY"


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """``--dataset`` and ``--job-type``, on every ``tasks`` command."""
    tensorbay = parser.add_argument_group("tensorbay")
    tensorbay.add_argument("--dataset", type=opt.text, metavar="NAME", help="the dataset the jobs belong to")
    tensorbay.add_argument("--job-type", choices=JOB_TYPES, help="one kind of job (default: both)")


SERVICE = CliService(
    name="tensorbay",
    implementation="taskfacade_cli._tasks_tensorbay:SERVICE",
    keys={
        "endpoint": "site URL (default: the access key's site)",
        "access_key": "ACCESSKEY-...",
        "dataset": "default --dataset",
    },
    secret_keys=frozenset({"access_key"}),
    secret_env_vars=(ENV_ACCESS_KEY,),
    emulator_settings={"access_key": "ACCESSKEY-emulator"},
    add_arguments=add_arguments,
)
