"""Configuration read as botocore reads it: retry mode and attempts, endpoint, region and profile, compared with
what boto3 resolves from the same environment and files (no request is made)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import boto3
import botocore.config
import botocore.exceptions
import pytest
import taskfacade
from deadline_support import KEY, SECRET, EmulatorClock, deadline_requests
from taskfacade import deadline
from taskfacade_emulator import Emulator

EMU = "http://127.0.0.1:9/deadline"
#: botocore's default total attempts per retry mode (legacy's _retry.json, standard's DEFAULT_MAX_ATTEMPTS).
BOTOCORE_MODES = {"legacy": 5, "standard": 3, "adaptive": 3}
SERVICES = "\n[services local]\ndeadline =\n  endpoint_url = http://127.0.0.1:9/service\n"


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    return tmp_path


def both(**kwargs: Any) -> tuple[deadline.DeadlineClient, Any]:
    """taskfacade's and boto3's clients built from the same process environment and arguments."""
    return deadline.client(**kwargs), boto3.session.Session().client("deadline", **kwargs)


def boto_retries(client: Any) -> tuple[str, int]:
    retries = client.meta.config.retries
    return retries["mode"], retries.get("total_max_attempts", BOTOCORE_MODES[retries["mode"]])


@pytest.mark.parametrize(
    ("env", "config"),
    [
        ({"AWS_RETRY_MODE": "standard", "AWS_MAX_ATTEMPTS": "7"}, ""),
        ({}, "retry_mode = adaptive\n"),
        ({}, "max_attempts = 2\n"),
        ({"AWS_RETRY_MODE": "legacy"}, ""),
        ({"AWS_MAX_ATTEMPTS": "4"}, "retry_mode = standard\nmax_attempts = 9\n"),
        ({"AWS_RETRY_MODE": "adaptive"}, "retry_mode = standard\nmax_attempts = 1\n"),
    ],
)
def test_retry_settings_as_boto3_resolves_them(
    aws_env: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], config: str
) -> None:
    (aws_env / "config").write_text("[default]\n" + config)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    ours, theirs = both(endpoint_url=EMU, region_name="us-east-1")
    mode, attempts = boto_retries(theirs)
    assert ours.retry_mode.name == f"botocore-{mode}"
    assert ours.retry_mode.max_attempts == attempts
    assert 500 in ours.retry_mode.retry_statuses  # botocore retries 500 in every mode


def test_nothing_configured_keeps_taskfacade_default(aws_env: Path) -> None:
    with deadline.client(endpoint_url=EMU) as client:
        assert client.retry_mode.name == "default"


def test_an_explicit_retry_mode_wins(aws_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_RETRY_MODE", "standard")
    with deadline.client(endpoint_url=EMU, retry_mode="disabled") as client:
        assert client.retry_mode.name == "disabled"
    with deadline.client(endpoint_url=EMU, retry_mode="legacy") as client:
        assert (client.retry_mode.name, client.retry_mode.max_attempts) == ("botocore-legacy", 5)
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        deadline.client(endpoint_url=EMU, retry_mode="eager")
    assert caught.value.parameter == "retry_mode"
    assert "'standard'" in caught.value.accepted


@pytest.mark.parametrize(
    ("env", "config", "parameter"),
    [
        ({"AWS_RETRY_MODE": "bogus"}, "", "AWS_RETRY_MODE"),
        ({}, "retry_mode = Standard\n", "retry_mode"),
        ({"AWS_MAX_ATTEMPTS": "three"}, "", "AWS_MAX_ATTEMPTS"),
        ({}, "max_attempts = -1\n", "max_attempts"),
    ],
)
def test_bad_retry_settings_are_refused_naming_their_source(
    aws_env: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], config: str, parameter: str
) -> None:
    (aws_env / "config").write_text("[default]\n" + config)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(Exception):
        boto3.session.Session().client("deadline", endpoint_url=EMU, region_name="us-east-1")
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        deadline.client(endpoint_url=EMU, region_name="us-east-1")
    assert caught.value.parameter == parameter
    assert caught.value.source == (None if parameter.startswith("AWS_") else f"{aws_env / 'config'} [default]")


@pytest.mark.parametrize(
    ("env", "config"),
    [
        ({"AWS_ENDPOINT_URL": "http://127.0.0.1:9/global"}, ""),
        ({"AWS_ENDPOINT_URL": "http://127.0.0.1:9/global", "AWS_ENDPOINT_URL_DEADLINE": "http://127.0.0.1:9/dl"}, ""),
        ({}, "endpoint_url = http://127.0.0.1:9/from-config\n"),
        ({}, "services = local\nendpoint_url = http://127.0.0.1:9/g\n" + SERVICES),
        ({"AWS_ENDPOINT_URL": "http://127.0.0.1:9/global"}, "services = local\n" + SERVICES),
        ({"AWS_ENDPOINT_URL_DEADLINE": "http://127.0.0.1:9/dl"}, "endpoint_url = http://127.0.0.1:9/from-config\n"),
    ],
)
def test_endpoint_as_boto3_resolves_it(
    aws_env: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], config: str
) -> None:
    (aws_env / "config").write_text("[default]\nregion = eu-west-1\n" + config)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    ours, theirs = both()
    assert ours.meta.endpoint_url == theirs.meta.endpoint_url
    assert ours.meta.region_name == theirs.meta.region_name == "eu-west-1"


def test_ignore_configured_endpoint_urls(aws_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (aws_env / "config").write_text("[default]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:9/x\n")
    monkeypatch.setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")
    ours, theirs = both()
    assert theirs.meta.endpoint_url == "https://deadline.eu-west-1.amazonaws.com"
    assert ours.meta.endpoint_url == "https://management.deadline.eu-west-1.amazonaws.com"  # the model's host prefix


def test_region_and_profile_as_boto3_resolves_them(aws_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (aws_env / "config").write_text(
        "[default]\nregion = eu-west-1\n[profile dev]\nregion = ap-south-1\nmax_attempts = 6\n"
    )
    ours, theirs = both()
    assert ours.meta.region_name == theirs.meta.region_name == "eu-west-1"
    monkeypatch.setenv("AWS_PROFILE", "dev")
    ours, theirs = both()
    assert ours.meta.region_name == theirs.meta.region_name == "ap-south-1"
    assert ours.retry_mode.max_attempts == boto_retries(theirs)[1] == 6
    monkeypatch.setenv("AWS_DEFAULT_REGION", "sa-east-1")
    monkeypatch.setenv("AWS_REGION", "us-west-1")  # boto3 ignores AWS_REGION while another source names one
    ours, theirs = both()
    assert ours.meta.region_name == theirs.meta.region_name == "sa-east-1"


def test_aws_region_alone(aws_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_REGION", "us-west-1")
    with deadline.client() as client:
        assert client.meta.region_name == "us-west-1"  # where boto3 raises NoRegionError (see docs/deadline.md)
    with pytest.raises(Exception, match="region"):
        boto3.session.Session().client("deadline")


def test_configured_attempts_are_the_attempts_made(
    aws_env: Path, monkeypatch: pytest.MonkeyPatch, emu: Emulator, clock: EmulatorClock
) -> None:
    monkeypatch.setenv("AWS_RETRY_MODE", "standard")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "2")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    seeded = emu.seeded()["deadline"]
    ids = {k: seeded[k] for k in ("farmId", "queueId", "jobId")}
    config = botocore.config.Config(inject_host_prefix=False)
    theirs = boto3.session.Session().client("deadline", endpoint_url=emu.base_url("deadline"), config=config)
    emu.add_faults(service="deadline", action="status", status=503)
    before = deadline_requests(emu)
    with pytest.raises(botocore.exceptions.ClientError) as boto_error:
        theirs.get_job(**ids)
    boto_requests = deadline_requests(emu) - before
    with (
        deadline.client(endpoint_url=emu.base_url("deadline"), clock=clock) as ours,
        pytest.raises(deadline.ClientError) as our_error,
    ):
        ours.get_job(**ids)
    assert deadline_requests(emu) - before - boto_requests == boto_requests == 2
    assert our_error.value.response["ResponseMetadata"]["RetryAttempts"] == 1
    assert boto_error.value.response["ResponseMetadata"]["RetryAttempts"] == 1
