"""The emulator's STS (``/deadline/sts``) and Deadline's acceptance of the session credentials it issues, driven by
boto3 (the reference client) and, where boto3 refuses to send a bad request, by raw httpx."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import boto3
import botocore.config
import botocore.exceptions
import httpx
import pytest
from taskfacade_emulator import Emulator

KEY, SECRET = "AKIDEMULATOR", "emulator-secret"
ROLE_ARN = "arn:aws:iam::123456789012:role/render"


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(seed_count=5, speed=0) as emulator:
        yield emulator


def sts(emu: Emulator, secret: str = SECRET) -> Any:
    return boto3.session.Session().client(
        "sts",
        endpoint_url=emu.base_url("deadline") + "/sts",
        region_name="us-east-1",
        aws_access_key_id=KEY,
        aws_secret_access_key=secret,
    )


def deadline_with(emu: Emulator, creds: dict[str, Any], token: str | None = None) -> Any:
    config = botocore.config.Config(inject_host_prefix=False, retries={"mode": "standard", "total_max_attempts": 1})
    return boto3.session.Session().client(
        "deadline",
        endpoint_url=emu.base_url("deadline"),
        region_name="us-east-1",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"] if token is None else token,
        config=config,
    )


def job_ids(emu: Emulator) -> dict[str, str]:
    seeded = emu.seeded()["deadline"]
    return {k: seeded[k] for k in ("farmId", "queueId", "jobId")}


def code(error: pytest.ExceptionInfo[botocore.exceptions.ClientError]) -> str:
    return str(error.value.response["Error"]["Code"])


def test_assume_role_issues_session_credentials_deadline_accepts(emu: Emulator) -> None:
    answer = sts(emu).assume_role(RoleArn=ROLE_ARN, RoleSessionName="render-node", DurationSeconds=900)
    creds = answer["Credentials"]
    assert creds["AccessKeyId"].startswith("ASIA")
    assert answer["AssumedRoleUser"]["Arn"] == "arn:aws:sts::123456789012:assumed-role/render/render-node"
    remaining = creds["Expiration"].timestamp() - time.time()
    assert 880 < remaining <= 900
    assert deadline_with(emu, creds).get_job(**job_ids(emu))["jobId"] == job_ids(emu)["jobId"]
    chained = sts_with(emu, creds).assume_role(RoleArn=ROLE_ARN, RoleSessionName="chained")["Credentials"]
    assert chained["AccessKeyId"] != creds["AccessKeyId"]


def sts_with(emu: Emulator, creds: dict[str, Any]) -> Any:
    return boto3.session.Session().client(
        "sts",
        endpoint_url=emu.base_url("deadline") + "/sts",
        region_name="us-east-1",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def test_web_identity_is_unsigned(emu: Emulator) -> None:
    unsigned = boto3.session.Session().client(
        "sts",
        endpoint_url=emu.base_url("deadline") + "/sts",
        region_name="us-east-1",
        config=botocore.config.Config(signature_version=botocore.UNSIGNED),
    )
    answer = unsigned.assume_role_with_web_identity(RoleArn=ROLE_ARN, RoleSessionName="pod", WebIdentityToken="jwt.jwt")
    assert deadline_with(emu, answer["Credentials"]).get_job(**job_ids(emu))["jobId"] == job_ids(emu)["jobId"]


def test_refusals(emu: Emulator) -> None:
    with pytest.raises(botocore.exceptions.ClientError) as bad_signature:
        sts(emu, secret="wrong-secret").assume_role(RoleArn=ROLE_ARN, RoleSessionName="x1")
    assert code(bad_signature) == "InvalidSignatureException"
    creds = sts(emu).assume_role(RoleArn=ROLE_ARN, RoleSessionName="x2")["Credentials"]
    with pytest.raises(botocore.exceptions.ClientError) as wrong_token:
        deadline_with(emu, creds, token="not-the-session-token").get_job(**job_ids(emu))
    assert code(wrong_token) == "UnrecognizedClientException"
    url = emu.base_url("deadline") + "/sts"
    web = {"Action": "AssumeRoleWithWebIdentity", "RoleArn": ROLE_ARN, "RoleSessionName": "pod"}
    short = httpx.post(url, data={**web, "WebIdentityToken": "jwt", "DurationSeconds": "60"})
    assert (short.status_code, "<Code>ValidationError</Code>" in short.text) == (400, True)
    unknown = httpx.post(url, data={"Action": "GetFederationToken"})
    assert (unknown.status_code, "<Code>InvalidAction</Code>" in unknown.text) == (400, True)
    unsigned = httpx.post(url, data={"Action": "AssumeRole", "RoleArn": ROLE_ARN, "RoleSessionName": "x"})
    assert (unsigned.status_code, "MissingAuthenticationToken" in unsigned.text) == (403, True)


def test_expired_sessions_are_refused_as_expired(emu: Emulator) -> None:
    sessions = emu.services["deadline"].handlers.sessions  # type: ignore[attr-defined]
    session = sessions.issue("arn:aws:sts::123456789012:assumed-role/render/old", 900, time.time() - 901)
    creds = {"AccessKeyId": session.access_key, "SecretAccessKey": session.secret_key, "SessionToken": session.token}
    with pytest.raises(botocore.exceptions.ClientError) as expired:
        deadline_with(emu, creds).get_job(**job_ids(emu))
    assert code(expired) == "ExpiredTokenException"
    assert expired.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert session.secret_key not in repr(session)
