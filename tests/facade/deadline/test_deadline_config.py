"""Credentials, region and endpoint resolution: arguments, environment, shared credentials and config files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import taskfacade
from deadline_support import KEY, SECRET
from taskfacade import deadline
from taskfacade_emulator import Emulator


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """An environment pointing at (not yet written) credentials and config files in tmp_path."""
    return {
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials"),
        "AWS_CONFIG_FILE": str(tmp_path / "config"),
    }


def write(path: str, text: str) -> None:
    Path(path).write_text(text)
    os.chmod(path, 0o600)


def make(environ: dict[str, str], **kwargs: Any) -> deadline.DeadlineClient:
    return deadline.client(environ=environ, **kwargs)


def test_arguments_win(files: dict[str, str]) -> None:
    env = {
        **files,
        "AWS_ACCESS_KEY_ID": "AKIDENV",
        "AWS_SECRET_ACCESS_KEY": "env-secret",
        "AWS_DEFAULT_REGION": "eu-west-3",
    }
    with make(env, aws_access_key_id="AKIDARG", aws_secret_access_key="arg-secret", region_name="us-west-2") as client:
        auth = client._transport.httpx_client.auth
        assert isinstance(auth, deadline.SigV4Auth)
        assert auth.credentials.source == "arguments"
        assert auth.credentials.access_key == "AKIDARG"
        assert auth.region == "us-west-2"
        assert client.meta.endpoint_url == "https://management.deadline.us-west-2.amazonaws.com"


@pytest.mark.parametrize("token_var", ["AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"])
def test_environment(files: dict[str, str], token_var: str) -> None:
    env = {**files, "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", token_var: "tok"}
    with make({**env, "AWS_DEFAULT_REGION": "eu-central-1"}) as client:
        creds = client._transport.httpx_client.auth.credentials  # type: ignore[union-attr]
        assert (creds.access_key, creds.token, creds.source) == ("AKIDENV", "tok", "environment")
        assert client.meta.region_name == "eu-central-1"


def test_partial_credentials_are_refused(files: dict[str, str]) -> None:
    with pytest.raises(taskfacade.InvalidArgument) as env_error:
        make({**files, "AWS_ACCESS_KEY_ID": "AKIDENV"}, region_name="us-east-1")
    assert env_error.value.parameter == "AWS_SECRET_ACCESS_KEY"
    with pytest.raises(taskfacade.InvalidArgument) as arg_error:
        make(files, aws_secret_access_key="very-secret-value", region_name="us-east-1")
    assert arg_error.value.parameter == "aws_access_key_id"
    assert "very-secret-value" not in str(arg_error.value)


def test_default_profile_from_the_credentials_file(files: dict[str, str]) -> None:
    write(
        files["AWS_SHARED_CREDENTIALS_FILE"],
        "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s3cr3t\n",
    )
    write(files["AWS_CONFIG_FILE"], "[default]\nregion = ap-northeast-1\n")
    with make(files) as client:
        creds = client._transport.httpx_client.auth.credentials  # type: ignore[union-attr]
        assert creds.access_key == "AKIDFILE"
        assert creds.source.startswith("profile default (")
        assert client.meta.region_name == "ap-northeast-1"


def test_named_profile_from_the_config_file_and_env_selection(files: dict[str, str]) -> None:
    write(
        files["AWS_CONFIG_FILE"],
        "[profile render]\naws_access_key_id = AKIDCFG\naws_secret_access_key = cfg-secret\n"
        "aws_session_token = cfg-token\nregion = sa-east-1\n",
    )
    env = {**files, "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"}
    with make(env, profile_name="render") as client:  # an explicit profile skips the environment, as in botocore
        creds = client._transport.httpx_client.auth.credentials  # type: ignore[union-attr]
        assert (creds.access_key, creds.token) == ("AKIDCFG", "cfg-token")
        assert client.meta.region_name == "sa-east-1"
    with make({**files, "AWS_PROFILE": "render"}) as client:
        assert client._transport.httpx_client.auth.credentials.access_key == "AKIDCFG"  # type: ignore[union-attr]


def test_credentials_file_overrides_config_file_for_one_profile(files: dict[str, str]) -> None:
    write(
        files["AWS_CONFIG_FILE"],
        "[profile p]\naws_access_key_id = AKIDCFG\naws_secret_access_key = a\nregion = us-east-2\n",
    )
    write(files["AWS_SHARED_CREDENTIALS_FILE"], "[p]\naws_access_key_id = AKIDCRED\naws_secret_access_key = b\n")
    with make(files, profile_name="p") as client:
        assert client._transport.httpx_client.auth.credentials.access_key == "AKIDCRED"  # type: ignore[union-attr]
        assert client.meta.region_name == "us-east-2"


@pytest.mark.parametrize(
    ("config", "profile", "parameter", "text"),
    [
        ("", "missing", "profile_name", "a profile defined"),
        ("[profile sso]\nsso_session = corp\nregion = us-east-1\n", "sso", "profile_name", "sso_session"),
        ("[profile role]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = d\n", "role", "profile_name", "role_arn"),
        ("[profile half]\naws_access_key_id = AKIDHALF\n", "half", "profile_name", "only one of"),
        ("[default]\nregion = us-east-1\n", None, "aws_access_key_id", "AWS credentials"),
        ("not an ini file", None, "AWS_CONFIG_FILE", "INI file"),
    ],
)
def test_unusable_profiles_are_explained(
    files: dict[str, str], config: str, profile: str | None, parameter: str, text: str
) -> None:
    write(files["AWS_CONFIG_FILE"], config)
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        make(files, profile_name=profile)
    assert caught.value.parameter == parameter
    assert text in str(caught.value)


def test_region_rules(files: dict[str, str]) -> None:
    creds = {"aws_access_key_id": KEY, "aws_secret_access_key": SECRET}
    with pytest.raises(taskfacade.InvalidArgument) as missing:
        make(files, **creds)
    assert missing.value.parameter == "region_name"
    for bad in ("us west 2", "-us-west-2", "", "1234"):
        with pytest.raises(taskfacade.InvalidArgument, match="region_name"):
            make(files, region_name=bad, **creds)
    with make(files, region_name="cn-north-1", **creds) as china:
        assert china.meta.endpoint_url == "https://management.deadline.cn-north-1.amazonaws.com.cn"
    with make(files, endpoint_url="http://127.0.0.1:1/deadline", **creds) as local:
        assert local.meta.region_name == "us-east-1"
        assert local.meta.endpoint_url == "http://127.0.0.1:1/deadline"


def test_configured_endpoints(files: dict[str, str]) -> None:
    creds = {"aws_access_key_id": KEY, "aws_secret_access_key": SECRET, "region_name": "us-west-2"}
    env = {**files, "AWS_ENDPOINT_URL": "http://generic:1", "AWS_ENDPOINT_URL_DEADLINE": "http://deadline:2/x"}
    with make(env, **creds) as client:
        assert client.meta.endpoint_url == "http://deadline:2/x"  # used as given: no management. prefix
    with make({**env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, **creds) as client:
        assert client.meta.endpoint_url == "https://management.deadline.us-west-2.amazonaws.com"
    with make(env, endpoint_url="http://explicit:3", **creds) as client:
        assert client.meta.endpoint_url == "http://explicit:3"
    with pytest.raises(taskfacade.InvalidArgument, match="endpoint_url"):
        make(files, endpoint_url="ftp://x", **creds)


def test_secrets_never_shown(files: dict[str, str]) -> None:
    credentials = deadline.Credentials("AKIDVISIBLEPART", "the-secret-key", "the-session-token")
    text = repr(credentials)
    assert "the-secret-key" not in text
    assert "the-session-token" not in text
    assert "AKIDVISIBLE" not in text
    with make(files, aws_access_key_id=KEY, aws_secret_access_key="the-secret-key", region_name="us-east-1") as client:
        assert "the-secret-key" not in repr(client) + repr(client._transport.httpx_client.auth)


def test_profile_credentials_work_against_the_emulator(files: dict[str, str]) -> None:
    write(files["AWS_SHARED_CREDENTIALS_FILE"], f"[emu]\naws_access_key_id = {KEY}\naws_secret_access_key = {SECRET}\n")
    with Emulator(seed_count=5, speed=0) as emu:
        seeded = emu.seeded()["deadline"]
        env = {**files, "AWS_PROFILE": "emu", "AWS_ENDPOINT_URL_DEADLINE": emu.base_url("deadline")}
        with make(env) as client:
            job = client.get_job(farmId=seeded["farmId"], queueId=seeded["queueId"], jobId=seeded["jobId"])
    assert job["jobId"] == seeded["jobId"]
