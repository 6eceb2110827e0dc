"""boto3's default credential chain beyond static keys, for real: ``credential_process``, container credentials,
IMDSv2, assume-role and web identity against the emulator's STS, and credentials that expire and refresh during a
long wait. Each source is set up in the process environment (botocore reads it), used by taskfacade and by boto3
(the oracle) against the same emulator."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import boto3
import botocore.config
import pytest
import taskfacade
from credential_servers import CONTAINER_AUTH, serve, sts_issuer
from deadline_support import KEY, SECRET, EmulatorClock, task_ids
from taskfacade import deadline
from taskfacade_emulator import Emulator

ROLE_ARN = "arn:aws:iam::123456789012:role/render"


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A process environment with no AWS settings but empty shared files in tmp_path (and IMDS off)."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return tmp_path


def facade(emu: Emulator, **kwargs: Any) -> deadline.DeadlineClient:
    """A facade client reading the process environment (so botocore's chain may run)."""
    return deadline.client(endpoint_url=emu.base_url("deadline"), region_name="us-east-1", **kwargs)


def oracle(emu: Emulator, **session: Any) -> Any:
    """boto3 on the same environment and emulator (a fresh session: it reads the environment now)."""
    config = botocore.config.Config(inject_host_prefix=False, retries={"mode": "standard", "total_max_attempts": 1})
    return boto3.session.Session(**session).client(
        "deadline", endpoint_url=emu.base_url("deadline"), region_name="us-east-1", config=config
    )


def first_task(emu: Emulator) -> dict[str, str]:
    seeded = emu.seeded()["deadline"]
    return {**{k: seeded[k] for k in ("farmId", "queueId", "jobId", "stepId")}, "taskId": seeded["task_ids"][0]}


def signing(client: deadline.DeadlineClient) -> deadline.Credentials:
    auth = client._transport.httpx_client.auth
    assert isinstance(auth, deadline.SigV4Auth)
    return auth.credentials


def same_answer(emu: Emulator, client: deadline.DeadlineClient, **session: Any) -> None:
    """taskfacade and boto3 read the same task through the same credential source."""
    ids = first_task(emu)
    ours, theirs = client.get_task(**ids), oracle(emu, **session).get_task(**ids)
    assert (ours["taskId"], ours["runStatus"]) == (theirs["taskId"], theirs["runStatus"])


def test_credential_process(emu: Emulator, aws_env: Path) -> None:
    script = aws_env / "creds.py"
    script.write_text(f"import json; print(json.dumps({{'Version': 1, 'AccessKeyId': {KEY!r}, "
                      f"'SecretAccessKey': {SECRET!r}}}))\n")  # fmt: skip
    (aws_env / "config").write_text(f"[default]\ncredential_process = {sys.executable} {script}\n")
    with facade(emu) as client:
        creds = signing(client)
        assert (creds.access_key, creds.source) == (KEY, "botocore custom-process")
        same_answer(emu, client)
        assert SECRET not in repr(client._transport.httpx_client.auth)
        assert SECRET not in repr(creds)
    boto_creds = boto3.session.Session().get_credentials()
    assert (boto_creds.method, boto_creds.access_key) == ("custom-process", KEY)


def test_assume_role_against_the_emulator_sts(emu: Emulator, aws_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (aws_env / "credentials").write_text(f"[base]\naws_access_key_id = {KEY}\naws_secret_access_key = {SECRET}\n")
    profile = f"[profile render]\nrole_arn = {ROLE_ARN}\nsource_profile = base\nregion = us-east-1\n"
    (aws_env / "config").write_text(profile)
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", emu.base_url("deadline") + "/sts")
    sessions = emu.services["deadline"].handlers.sessions  # type: ignore[attr-defined]
    with facade(emu, profile_name="render") as client:
        same_answer(emu, client, profile_name="render")
        creds = signing(client)
        assert creds.source == "botocore assume-role"
        assert creds.access_key.startswith("ASIA")
        assert creds.token
        issued = sessions.get(creds.access_key)
        assert issued is not None
        assert issued.arn.startswith("arn:aws:sts::123456789012:assumed-role/render/")
        assert client._transport.redactor.redact(f"x {creds.secret_key} {creds.token} x") == "x *** *** x"
    assert boto3.session.Session(profile_name="render").get_credentials().method == "assume-role"


def test_web_identity_outranks_static_profile_keys(
    emu: Emulator, aws_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (aws_env / "credentials").write_text("[default]\naws_access_key_id = AKIDSTATIC\naws_secret_access_key = nope\n")
    (aws_env / "token").write_text("eyJhbGciOiJSUzI1NiJ9.e30.signature")
    monkeypatch.setenv("AWS_WEB_IDENTITY_TOKEN_FILE", str(aws_env / "token"))
    monkeypatch.setenv("AWS_ROLE_ARN", ROLE_ARN)
    monkeypatch.setenv("AWS_ROLE_SESSION_NAME", "render-node")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")  # botocore signs STS for the session region
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", emu.base_url("deadline") + "/sts")
    with facade(emu) as client:
        same_answer(emu, client)
        creds = signing(client)
        assert creds.source == "botocore assume-role-with-web-identity"
        assert creds.access_key.startswith("ASIA")
    assert boto3.session.Session().get_credentials().method == "assume-role-with-web-identity"


def test_imds_v2(emu: Emulator, aws_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_EC2_METADATA_DISABLED")
    with serve(sts_issuer(emu), imds=True) as (url, record):
        monkeypatch.setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", url)
        with facade(emu) as client:
            same_answer(emu, client)
            creds = signing(client)
            assert creds.source == "botocore iam-role"
            assert creds.access_key in {c["AccessKeyId"] for c in record.issued}
        assert boto3.session.Session().get_credentials().method == "iam-role"
    assert record.refused == []  # every metadata read carried the IMDSv2 session token


class SlowEmulatorClock(EmulatorClock):
    """An emulator clock whose sleeps also take some real time, so real-time credential expiry happens mid-wait."""

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        if seconds > 0:
            time.sleep(0.3)


def test_container_credentials_expire_and_refresh_during_a_long_wait(
    emu: Emulator, aws_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each set lives 1.5 s on the emulator (room for a loaded machine) and the wait takes over 3 s of real time.
    # The endpoint reports 12 minutes, inside botocore's 15-minute advisory window, so botocore refreshes before
    # every request. A client that kept one set would be refused (ExpiredTokenException) mid-wait.
    with serve(sts_issuer(emu, lifetime_s=1.5, reported_s=12 * 60), imds=False) as (url, record):
        monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url + "/creds")
        monkeypatch.setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", CONTAINER_AUTH)
        ids = first_task(emu)
        [task_id] = emu.create_tasks("deadline", 1, queued_s=0, run_s=50)
        with facade(emu, clock=SlowEmulatorClock(emu)) as client:
            assert client.task(**task_ids({k: ids[k] for k in ids if k != "taskId"}, task_id)).wait(interval=5) == (
                "SUCCEEDED"
            )
            used = emu.services["deadline"].handlers.sessions.used()  # type: ignore[attr-defined]
            assert len(used) >= 5  # the emulator accepted at least five successive sets during the wait
            redactor = client._transport.redactor
            for creds in record.issued:  # the redactor learnt every set a request was signed with
                if creds["AccessKeyId"] in used:
                    assert redactor.redact(f"{creds['SecretAccessKey']}|{creds['Token']}") == "***|***"
            with ThreadPoolExecutor(8) as pool:  # concurrent requests, each signed with one coherent set
                answers = list(pool.map(lambda _: client.get_task(**ids)["taskId"], range(16)))
            assert answers == [ids["taskId"]] * 16
            assert SECRET not in repr(client)
            assert record.issued[-1]["SecretAccessKey"] not in repr(signing(client))
        assert boto3.session.Session().get_credentials().method == "container-role"
        stale = record.issued[0]
        sessions = emu.services["deadline"].handlers.sessions  # type: ignore[attr-defined]
        time.sleep(max(0.0, sessions.get(stale["AccessKeyId"]).expires_at - time.time() + 0.05))
        with (
            deadline.client(
                endpoint_url=emu.base_url("deadline"),
                aws_access_key_id=stale["AccessKeyId"],
                aws_secret_access_key=stale["SecretAccessKey"],
                aws_session_token=stale["Token"],
                environ={},
                retry_mode="disabled",
            ) as kept,
            pytest.raises(deadline.ClientError) as expired,
        ):
            kept.get_task(**ids)
        assert expired.value.response["Error"]["Code"] == "ExpiredTokenException"


def test_refreshed_credentials_are_checked(emu: Emulator, aws_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    issue = sts_issuer(emu)

    def garbled() -> dict[str, str]:
        creds = issue()
        return {**creds, "SecretAccessKey": creds["SecretAccessKey"] + "\u00e9"}

    with serve(garbled, imds=False) as (url, record):
        monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url + "/creds")
        monkeypatch.setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", CONTAINER_AUTH)
        with pytest.raises(taskfacade.InvalidArgument) as caught:
            facade(emu)
    assert caught.value.parameter == "SecretAccessKey"
    assert caught.value.source == "botocore container-role"
    assert record.issued[0]["SecretAccessKey"][:-1] not in str(caught.value)


def test_a_failed_mandatory_refresh_is_a_transport_error(
    emu: Emulator, aws_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    issue = sts_issuer(emu, reported_s=5 * 60)  # inside botocore's 10-minute mandatory window
    down: list[bool] = []

    def until_down() -> dict[str, str] | None:
        return None if down else issue()  # once down, the endpoint answers 500

    with serve(until_down, imds=False) as (url, record):
        monkeypatch.setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url + "/creds")
        monkeypatch.setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", CONTAINER_AUTH)
        ids = first_task(emu)
        with facade(emu) as client:
            down.append(True)
            with pytest.raises(taskfacade.TransportError) as caught:
                client.get_task(**ids)
    assert "could not refresh AWS credentials (botocore container-role)" in str(caught.value)
    assert record.issued[0]["SecretAccessKey"] not in str(caught.value)


def _run(code: str, env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_botocore_is_imported_only_off_the_static_path(aws_env: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env = {**base, "AWS_CONFIG_FILE": str(aws_env / "config"), "AWS_SHARED_CREDENTIALS_FILE": str(aws_env / "c")}
    static = _run(
        "import json, sys; from taskfacade import deadline; "
        "deadline.client(endpoint_url='http://127.0.0.1:9', aws_access_key_id='AKIDX', aws_secret_access_key='abcd'); "
        "print(json.dumps({'botocore': 'botocore' in sys.modules}))",
        env,
    )
    assert static == {"botocore": False}
    (aws_env / "config").write_text(f"[default]\ncredential_process = {sys.executable} -c pass\n")
    missing = _run(
        "import json, sys; sys.modules['botocore'] = None; from taskfacade import deadline, InvalidArgument\n"
        "try:\n    deadline.client(endpoint_url='http://127.0.0.1:9')\n"
        "except InvalidArgument as e:\n    print(json.dumps({'error': str(e)}))",
        env,
    )
    assert "credential_process" in missing["error"]
    assert "taskfacade[aws]" in missing["error"]
