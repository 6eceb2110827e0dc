"""``taskfacade.tiledb.client``: Client, configuration sources, login and its profile file, Config, Ctx."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from taskfacade import InvalidArgument, NotFound, Unauthorized
from taskfacade.tiledb import Client, ConfigurationError, TasksError, client, default_client, set_default_client, tasks
from taskfacade.tiledb._cloud_client import _workspace_from_token
from taskfacade_emulator import Emulator
from taskfacade_generated.tiledb import Client as GeneratedClient
from taskfacade_generated.tiledb.api.user import get_user
from tiledb_helpers import TOKEN, WORKSPACE, make_client, requests_made

SESSION_ROUTE = "GET /v1/session"
USER_ROUTE = "GET /v1/user"


def _profiles(tmp_path: Path) -> Path:
    return tmp_path / "profiles" / "profiles.json"


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))


def test_arguments_beat_environment_which_beats_the_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(
        _profiles(tmp_path),
        {
            "default": {
                "rest.token": "profile-token",
                "rest.server_address": "profile.example",
                "rest.workspace": "ws_p",
            },
            "other": {"rest.username": "u", "rest.password": "p", "rest.verify_ssl": "false"},
            "version": 1,
        },
    )
    from_profile = Client()
    assert from_profile.settings.token == "profile-token"
    assert from_profile.settings.source == "profile"
    assert from_profile.host == "https://profile.example"
    assert from_profile.workspace == "ws_p"
    other = Client(profile="other")
    assert (other.settings.username, other.settings.password, other.settings.verify_ssl) == ("u", "p", False)

    monkeypatch.setenv("TILEDB_REST_SERVER_ADDRESS", "http://env.example/")
    monkeypatch.setenv("TILEDB_REST_WORKSPACE", "ws_env")
    monkeypatch.setenv("TILEDB_REST_TOKEN", "env-token")
    monkeypatch.setenv("TILEDB_REST_IGNORE_SSL_VALIDATION", "true")
    from_env = Client(profile="other")
    assert from_env.settings.token == "env-token"
    assert from_env.settings.username is None
    assert (from_env.host, from_env.workspace, from_env.settings.verify_ssl) == ("http://env.example", "ws_env", False)
    monkeypatch.setenv("TILEDB_REST_HOST", "http://host.example")
    assert Client().host == "http://host.example"

    given = Client(host="arg.example", username="me", password="secret", workspace="ws_arg", verify_ssl=True)
    assert (given.host, given.workspace, given.settings.source) == ("https://arg.example", "ws_arg", "arguments")
    assert given.settings.token is None
    assert given.settings.verify_ssl is True


def test_the_legacy_cloud_json_is_read_when_there_is_no_profile(tmp_path: Path) -> None:
    _write(
        tmp_path / "profiles" / "cloud.json",
        {"api_key": {"X-TILEDB-REST-API-KEY": "legacy-token"}, "host": "https://legacy.example", "verify_ssl": True},
    )
    legacy = Client()
    assert legacy.settings.token == "legacy-token"
    assert legacy.host == "https://legacy.example"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", json.dumps({"default": {"rest.token": 5}})])
def test_an_unreadable_profile_is_a_configuration_error(tmp_path: Path, content: str) -> None:
    path = _profiles(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(content)
    with pytest.raises(ConfigurationError, match="profile"):
        Client()


def test_a_workspace_given_by_name_is_resolved_once(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    """As tiledb-client's ``get_workspace_id``: a name is turned into the id with ``GET /v4/workspaces/{name}``."""
    by_name = make_client(emu, workspace="emulator")
    seeded = str(emu.seeded()["tiledb"]["task_ids"][0])
    assert tasks.task(seeded, client=by_name).id == seeded
    assert len(tasks.fetch_tasks(client=by_name)) > 0
    assert by_name.workspace == WORKSPACE
    assert requests_made(emu, "GET /v4/workspaces/{workspace}") == 1  # remembered by the client
    assert requests_made(emu, "GET /v1/task/{workspace}/{id}") == 1

    monkeypatch.setenv("TILEDB_REST_WORKSPACE", "emulator")  # the environment works the same way
    monkeypatch.setenv("TILEDB_REST_TOKEN", TOKEN)
    monkeypatch.setenv("TILEDB_REST_SERVER_ADDRESS", emu.base_url("tiledb"))
    assert tasks.task(seeded).id == seeded

    unknown = make_client(emu, workspace="nobody-has-this")
    with pytest.raises(ConfigurationError, match="'nobody-has-this' not found") as caught:
        tasks.task(seeded, client=unknown)
    assert isinstance(caught.value.__cause__, NotFound)
    emu.clear_request_counts()
    assert tasks.task(seeded, client=make_client(emu)).id == seeded  # an id is never looked up
    assert requests_made(emu, "GET /v4/workspaces/{workspace}") == 0


def test_missing_credentials_or_workspace_fail_before_any_request(emu: Emulator) -> None:
    bare = Client(host=emu.base_url("tiledb"))
    with pytest.raises(ConfigurationError, match="credentials"):
        client.user_profile(client=bare)
    no_workspace = Client(host=emu.base_url("tiledb"), token=TOKEN)
    with pytest.raises(ConfigurationError, match="TILEDB_REST_WORKSPACE"):
        tasks.task("0c6b2c1e-38d2-4a47-9a2f-9c1e0bd1c0ab", client=no_workspace)
    assert requests_made(emu) == 0
    assert client.user_profile(client=no_workspace).username == "emulator"  # account calls need no workspace
    assert _workspace_from_token("abc-ws_123-secret") == "ws_123"
    assert _workspace_from_token("plain") is None


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ({"token": ""}, "token"),
        ({"token": "t", "username": "u", "password": "p"}, "token"),
        ({"username": "u"}, "password"),
        ({"password": "p"}, "username"),
        ({"pool_threads": 0}, "pool_threads"),
        ({"retry_mode": "sometimes"}, "retry_mode"),
        ({"verify_ssl": "yes"}, "verify_ssl"),
        ({"host": "ftp://example.com"}, "host"),
        ({"workspace": ""}, "workspace"),
        ({"profile": "version"}, "profile"),
        ({"clock": object()}, "clock"),
        ({"timeout": None}, "timeout"),
        ({"timeout": 0}, "timeout"),
    ],
)
def test_bad_client_arguments(arguments: dict[str, Any], parameter: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        Client(**arguments)
    assert caught.value.parameter == parameter
    assert "secret" not in str(caught.value)


def test_secrets_stay_out_of_reprs(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TILEDB_PROFILE_DIR")  # the native tiledb.Config fails to list itself if it names no file
    basic = Client(host=emu.base_url("tiledb"), username="emulator", password="emulator-password-123")
    for text in (repr(basic), repr(basic.settings), repr(basic.transport), repr(client.Config(client=basic))):
        assert "emulator-password-123" not in text
    tokened = make_client(emu, token="token-abc-123")
    for text in (repr(tokened), repr(tokened.settings), repr(client.Config(client=tokened))):
        assert "token-abc-123" not in text
    with pytest.raises(InvalidArgument) as caught:
        Client(token="token-abc-123", username="x", password="y")
    assert "token-abc-123" not in str(caught.value)


def test_retry_mode_and_threads_can_change(emu: Emulator) -> None:
    tuned = make_client(emu, pool_threads=3, retry_mode="disabled")
    assert tuned.transport.pool_size == 3
    assert tuned.retry_policy.name == "disabled"
    emu.add_faults(service="tiledb", path="^/v1/user", action="status", status=503, count=1)
    with pytest.raises(Exception, match="503"):
        client.user_profile(client=tuned)
    tuned.retry_mode("default")
    emu.add_faults(service="tiledb", path="^/v1/user", action="status", status=503, count=1)
    assert client.user_profile(client=tuned).username == "emulator"
    assert requests_made(emu, USER_ROUTE) == 3
    old = tuned.transport
    tuned.set_threads(7)
    assert old.closed
    assert tuned.transport.pool_size == 7
    assert tuned.transport.retry.name == "default"
    tuned.set_threads()
    assert tuned.pool_threads is None
    with pytest.raises(InvalidArgument):
        tuned.set_threads(0)
    with pytest.raises(InvalidArgument):
        tuned.retry_mode("always")
    tuned.close()


def test_build_binds_a_generated_client(emu: Emulator) -> None:
    made = make_client(emu)
    generated = made.build(GeneratedClient)
    response = get_user.sync_detailed(client=generated)
    assert response.status_code == 200
    assert response.parsed.username == "emulator"


def test_login_with_a_token_stores_a_0600_profile_and_sets_the_default(emu: Emulator, tmp_path: Path) -> None:
    path = _profiles(tmp_path)
    _write(path, {"keep-me": {"rest.token": "other"}, "version": 1})
    logged = client.login(token=TOKEN, host=emu.base_url("tiledb"), workspace=WORKSPACE, threads=2)
    assert default_client() is logged
    assert logged.pool_threads == 2
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    stored = json.loads(path.read_text())
    assert stored["default"] == {
        "rest.server_address": emu.base_url("tiledb"),
        "rest.token": TOKEN,
        "rest.workspace": WORKSPACE,
    }
    assert stored["keep-me"] == {"rest.token": "other"}
    assert stored["version"] == 1
    assert not list(path.parent.glob(".profiles-*"))  # no temporary file left behind
    assert requests_made(emu, USER_ROUTE) == 1
    set_default_client(None)
    assert default_client().settings.token == TOKEN
    assert default_client().settings.source == "profile"
    assert len(list(tasks.fetch_tasks())) > 0  # the stored profile is all a new process needs


def test_login_with_a_password_stores_only_a_session_token(emu: Emulator, tmp_path: Path) -> None:
    logged = client.login(username="emulator", password="emulator", host=emu.base_url("tiledb"), profile="work")
    text = _profiles(tmp_path).read_text()
    entry = json.loads(text)["work"]
    assert set(entry) == {"rest.server_address", "rest.token"}
    assert entry["rest.token"] != TOKEN
    assert "rest.password" not in text
    assert requests_made(emu, SESSION_ROUTE) == 1
    assert client.user_profile(client=logged).username == "emulator"


def test_login_without_a_session_stores_the_password_0600(emu: Emulator, tmp_path: Path) -> None:
    client.login(username="emulator", password="emulator", host=emu.base_url("tiledb"), no_session=True)
    path = _profiles(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    entry = json.loads(path.read_text())["default"]
    assert (entry["rest.username"], entry["rest.password"]) == ("emulator", "emulator")
    assert requests_made(emu, SESSION_ROUTE) == 0
    assert client.default_user().username == "emulator"


def test_refused_credentials_store_nothing(emu: Emulator, tmp_path: Path) -> None:
    before = make_client(emu)
    set_default_client(before)
    with pytest.raises(Unauthorized) as caught:
        client.login(token="wrong-token", host=emu.base_url("tiledb"))
    assert "wrong-token" not in str(caught.value)
    with pytest.raises(Unauthorized):
        client.login(username="emulator", password="wrong", host=emu.base_url("tiledb"))
    assert not _profiles(tmp_path).exists()
    assert default_client() is before


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ({}, "token"),
        ({"token": "t", "username": "u", "password": "p"}, "token"),
        ({"username": "u"}, "password"),
        ({"token": "t", "no_session": "x"}, "no_session"),
        ({"token": "t", "threads": 0}, "threads"),
        ({"token": "t", "host": "ftp://x"}, "host"),
        ({"token": "t", "verify_ssl": 1}, "verify_ssl"),
    ],
)
def test_bad_login_arguments_make_no_request(
    emu: Emulator, tmp_path: Path, arguments: dict[str, Any], parameter: str
) -> None:
    with pytest.raises(InvalidArgument) as caught:
        client.login(**{"host": emu.base_url("tiledb"), **arguments})
    assert caught.value.parameter == parameter
    assert requests_made(emu) == 0
    assert not _profiles(tmp_path).exists()


def test_config_is_a_plain_mapping_without_the_native_library(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tiledb", None)  # as if the native package were not installed
    tokened = make_client(emu)
    config = client.Config({"sm.tile_cache_size": 1000, "rest.use_refactored_array_open": True}, client=tokened)
    assert isinstance(config, client.TileDBConfig)
    assert dict(config) == {
        "rest.server_address": emu.base_url("tiledb"),
        "rest.verify_ssl": "true",
        "rest.token": TOKEN,
        "rest.workspace": WORKSPACE,
        "sm.tile_cache_size": "1000",
        "rest.use_refactored_array_open": "true",
    }
    basic = Client(host="h.example", username="u", password="p", verify_ssl=False)
    assert {k: v for k, v in client.Config(client=basic).items() if k != "rest.server_address"} == {
        "rest.verify_ssl": "false",
        "rest.username": "u",
        "rest.password": "p",
    }
    with pytest.raises(InvalidArgument):
        client.Config(["not", "a", "mapping"], client=tokened)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        client.Config({"key": None}, client=tokened)
    with pytest.raises(ImportError, match="pip install tiledb"):
        client.Ctx(client=tokened)


def test_config_and_ctx_are_native_when_tiledb_is_installed(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the real native package (a dev dependency): ``tiledb.Ctx(client.Config())`` works, as with the vendor."""
    import tiledb

    monkeypatch.delenv("TILEDB_PROFILE_DIR")  # the native library reads it too, and fails when it names no file

    tokened = make_client(emu, token="token-abc-123")
    config = client.Config({"sm.tile_cache_size": 1000, "rest.use_refactored_array_open": True}, client=tokened)
    assert isinstance(config, tiledb.Config)
    assert config["rest.server_address"] == emu.base_url("tiledb")
    assert config["rest.token"] == "token-abc-123"
    assert config["rest.workspace"] == WORKSPACE
    assert config["sm.tile_cache_size"] == "1000"
    assert config["rest.use_refactored_array_open"] == "true"
    assert "token-abc-123" not in repr(config)
    assert "token-abc-123" not in str(config)

    ctx = tiledb.Ctx(client.Config(client=tokened))
    assert ctx.config()["rest.token"] == "token-abc-123"
    assert ctx.config()["rest.server_address"] == emu.base_url("tiledb")
    made = client.Ctx({"sm.tile_cache_size": "77"}, client=tokened)
    assert isinstance(made, tiledb.Ctx)
    assert made.config()["sm.tile_cache_size"] == "77"
    assert made.config()["rest.token"] == "token-abc-123"

    basic = Client(host="h.example", username="u", password="p-secret-9", verify_ssl=False)
    native_basic = client.Config(client=basic)
    assert (native_basic["rest.username"], native_basic["rest.password"]) == ("u", "p-secret-9")
    assert native_basic["rest.verify_ssl"] == "false"
    assert "p-secret-9" not in repr(native_basic)
    with pytest.raises(InvalidArgument):
        client.Config({"key": None}, client=tokened)


def test_the_default_client_comes_from_the_environment_and_can_be_replaced(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TILEDB_REST_TOKEN", TOKEN)
    monkeypatch.setenv("TILEDB_REST_HOST", emu.base_url("tiledb"))
    monkeypatch.setenv("TILEDB_REST_WORKSPACE", WORKSPACE)
    set_default_client(None)
    built = default_client()
    assert built.settings.source == "environment"
    assert default_client() is built
    task_id = emu.seeded()["tiledb"]["task_ids"][0]
    assert tasks.task(task_id).id == task_id
    mine = make_client(emu, retry_mode="disabled")
    set_default_client(mine)
    assert default_client() is mine
    assert built._transport is None  # the library-built default was closed when replaced
    emu.add_faults(service="tiledb", path="^/v1/task/", action="status", status=503, count=1)
    with pytest.raises(TasksError):
        tasks.task(task_id)  # the replaced default (disabled retries) is used
    with pytest.raises(InvalidArgument):
        set_default_client("nope")  # type: ignore[arg-type]
