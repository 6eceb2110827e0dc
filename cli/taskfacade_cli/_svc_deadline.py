"""AWS Deadline Cloud as the command line knows it before running it: its options, config keys and secrets.

The commands themselves are in ``_tasks_deadline.py`` (imported, with the facade, only when a command uses
Deadline).
"""

from __future__ import annotations

import argparse

from . import _options as opt
from ._registry import CliService

__all__ = ["ID_OPTIONS", "SERVICE"]

#: (Deadline's name, the option, the profile key) of the ids that locate a task.
ID_OPTIONS = (
    ("farmId", "--farm-id", "farm_id"),
    ("queueId", "--queue-id", "queue_id"),
    ("jobId", "--job-id", "job_id"),
    ("stepId", "--step-id", "step_id"),
)


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """``--farm-id``, ``--queue-id``, ``--job-id`` and ``--step-id``, on every ``tasks`` command."""
    deadline = parser.add_argument_group("deadline (a task lives in a farm, queue, job and step)")
    for _name, option, _key in ID_OPTIONS:
        deadline.add_argument(option, type=opt.text, metavar="ID", help=f"the {option[2:-3]} id")


SERVICE = CliService(
    name="deadline",
    implementation="taskfacade_cli._tasks_deadline:SERVICE",
    keys={
        "endpoint": "endpoint URL (default https://management.deadline.<region>.amazonaws.com)",
        "region": "AWS region",
        "aws_profile": "profile in ~/.aws/credentials and ~/.aws/config",
        "access_key_id": "AWS access key id",
        "secret_access_key": "AWS secret access key",
        "session_token": "AWS session token",
        **{key: f"default {option}" for _name, option, key in ID_OPTIONS},
    },
    secret_keys=frozenset({"access_key_id", "secret_access_key", "session_token"}),
    secret_env_vars=("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"),
    emulator_settings={"access_key_id": "AKIDEMULATOR", "secret_access_key": "emulator-secret", "region": "us-east-1"},
    add_arguments=add_arguments,
)
