"""Fixtures for the command-line tests: one emulator per test session (real HTTP on 127.0.0.1) accepting only
the unusual credentials of ``cli_support``, and an environment that points the real executable at it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from taskfacade_emulator import Credentials, Emulator

# --import-mode=importlib: make this folder's helper module importable by the tests.
if str(Path(__file__).parent) not in sys.path:
    sys.path.append(str(Path(__file__).parent))

import cli_support as cs

#: The emulator clock's speed: waits of a few emulator seconds take a fraction of a real second.
SPEED = 10.0


@pytest.fixture(scope="session")
def emu() -> Iterator[Emulator]:
    credentials = Credentials(
        tiledb_token=cs.TILEDB_TOKEN,
        tiledb_workspace=cs.TILEDB_WORKSPACE,
        deadline_keys={cs.AWS_KEY_ID: cs.AWS_SECRET},
        geobox_token=cs.GEOBOX_TOKEN,
        geobox_apikey=cs.GEOBOX_TOKEN,
        tensorbay_access_key=cs.TENSORBAY_KEY,
    )
    with Emulator(seed_count=40, speed=SPEED, credentials=credentials) as emulator:
        yield emulator


@pytest.fixture(scope="session")
def seeded(emu: Emulator) -> dict[str, Any]:
    return emu.seeded()


def _profile_toml(emu: Emulator, seeded: dict[str, Any]) -> str:
    """Endpoints and ids (no credentials: those come from the vendors' environment variables)."""
    dl = seeded["deadline"]
    return f"""
[profiles.default.deadline]
farm_id = "{dl["farmId"]}"
queue_id = "{dl["queueId"]}"
job_id = "{dl["jobId"]}"
step_id = "{dl["stepId"]}"

[profiles.default.geobox]
endpoint = "{emu.base_url("geobox")}"

[profiles.default.tensorbay]
endpoint = "{emu.base_url("tensorbay")}"
dataset = "{seeded["tensorbay"]["dataset_name"]}"
"""


@pytest.fixture
def env(tmp_path: Path, emu: Emulator, seeded: dict[str, Any]) -> dict[str, str]:
    """A private HOME, the credentials in each vendor's environment variables, endpoints and ids in a profile."""
    config = tmp_path / "config.toml"
    config.write_text(_profile_toml(emu, seeded), encoding="utf-8")
    config.chmod(0o600)
    return cs.base_env(
        tmp_path,
        {
            "TASKFACADE_CONFIG": str(config),
            "TILEDB_REST_TOKEN": cs.TILEDB_TOKEN,
            "TILEDB_REST_HOST": emu.base_url("tiledb"),
            "TILEDB_REST_WORKSPACE": cs.TILEDB_WORKSPACE,
            "AWS_ACCESS_KEY_ID": cs.AWS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": cs.AWS_SECRET,
            "AWS_DEFAULT_REGION": "us-west-2",
            "AWS_ENDPOINT_URL_DEADLINE": emu.base_url("deadline"),
            "GEOBOX_ACCESS_TOKEN": cs.GEOBOX_TOKEN,
            "TENSORBAY_ACCESS_KEY": cs.TENSORBAY_KEY,
        },
    )


@pytest.fixture
def bare_env(tmp_path: Path) -> dict[str, str]:
    """No credentials, no config file: what a new machine has."""
    return cs.base_env(tmp_path, {"TASKFACADE_CONFIG": str(tmp_path / "none.toml")})
