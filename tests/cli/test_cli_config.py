"""``taskfacade config``: profiles written 0600, secrets masked, and profiles used for requests."""

from __future__ import annotations

import json
import stat
import tomllib
from pathlib import Path

import cli_support as cs
from taskfacade_emulator import Emulator


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_set_writes_0600_and_the_profile_is_used(bare_env: dict[str, str], emu: Emulator, tmp_path: Path) -> None:
    config = tmp_path / "conf" / "taskfacade" / "config.toml"
    env = {**bare_env, "TASKFACADE_CONFIG": str(config)}
    secret = cs.run("config", "set", "--profile", "work", "tiledb.token", stdin=cs.TILEDB_TOKEN + "\n", env=env)
    assert secret.code == 0, secret.stderr
    assert secret.stdout.strip() == f"{config} [work]: tiledb.token = ******"
    assert _mode(config) == 0o600
    assert _mode(config.parent) == 0o700
    for key, value in (("tiledb.endpoint", emu.base_url("tiledb")), ("tiledb.workspace", cs.TILEDB_WORKSPACE)):
        assert cs.run("config", "set", "--profile", "work", key, value, env=env).code == 0
    assert cs.run("config", "use", "work", env=env).code == 0
    assert _mode(config) == 0o600
    data = tomllib.loads(config.read_text())
    assert data["default_profile"] == "work"
    assert data["profiles"]["work"]["tiledb"]["token"] == cs.TILEDB_TOKEN

    listed = cs.run("tasks", "list", "tiledb", "--limit", "1", "--json", env=env)
    assert listed.code == 0, listed.stderr
    assert len(json.loads(listed.stdout)["tasks"]) == 1

    shown = cs.run("config", "show", "--json", env=env)
    assert shown.code == 0
    assert json.loads(shown.stdout)["settings"]["tiledb"] == {
        "token": "******",
        "endpoint": emu.base_url("tiledb"),
        "workspace": cs.TILEDB_WORKSPACE,
    }
    people = cs.run("config", "show", env=env)
    assert "tiledb.token      ******" in people.stdout
    assert "profile in use: work" in people.stdout


def test_secret_on_the_command_line_warns(bare_env: dict[str, str], tmp_path: Path) -> None:
    result = cs.run("config", "set", "geobox.access_token", cs.GEOBOX_TOKEN, env=bare_env)
    assert result.code == 0
    assert "can end up in your shell history" in result.stderr
    assert _mode(Path(bare_env["TASKFACADE_CONFIG"])) == 0o600


def test_profile_wins_over_the_environment(env: dict[str, str]) -> None:
    """GEOBOX_ACCESS_TOKEN is right, the profile's token is wrong: the profile is used (401, exit 4)."""
    config = Path(env["TASKFACADE_CONFIG"])
    original = config.read_text()
    table = "[profiles.default.geobox]\n"
    config.write_text(original.replace(table, table + 'access_token = "wrong-Ab12cd"\n'))
    assert cs.run("tasks", "list", "geobox", "--limit", "1", env=env).code == 4
    config.write_text(original)
    assert cs.run("tasks", "list", "geobox", "--limit", "1", env=env).code == 0


def test_config_errors_are_usage_errors(bare_env: dict[str, str], tmp_path: Path) -> None:
    config = Path(bare_env["TASKFACADE_CONFIG"])
    config.write_text('[profiles.default.tiledb]\ntoken = "x"\ncolour = "blue"\n')
    config.chmod(0o644)
    unknown = cs.run("tasks", "list", "tiledb", env=bare_env)
    assert unknown.code == 2
    accepted = "accepted: emulator, retry_mode, trust_env, tiledb.endpoint"
    assert f"unknown config key 'tiledb.colour'; {accepted}" in unknown.stderr
    assert "is readable by other users" not in unknown.stderr  # refused before the warning matters
    config.write_text("[profiles.default\n")
    broken = cs.run("config", "show", env=bare_env)
    assert broken.code == 2
    assert "is not valid TOML" in broken.error_lines[0]
    bad_key = cs.run("config", "set", "tiledb.colour", "blue", env=bare_env)
    assert bad_key.code == 2
    bad_value = cs.run(
        "config", "set", "retry_mode", "sometimes", env={**bare_env, "TASKFACADE_CONFIG": str(tmp_path / "n.toml")}
    )
    assert bad_value.code == 2
    assert "expected one of default, forceful, disabled" in bad_value.stderr


def test_readable_config_file_warns(env: dict[str, str]) -> None:
    config = Path(env["TASKFACADE_CONFIG"])
    config.chmod(0o644)
    result = cs.run("config", "show", env=env)
    assert result.code == 0
    assert f"warning: {config} is readable by other users; run: chmod 600 {config}" in result.stderr


def test_path_and_keys(bare_env: dict[str, str], tmp_path: Path) -> None:
    env = {k: v for k, v in bare_env.items() if k != "TASKFACADE_CONFIG"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg")
    assert cs.run("config", "path", env=env).stdout.strip() == str(tmp_path / "xdg" / "taskfacade" / "config.toml")
    keys = cs.run("config", "keys", env=env).stdout
    assert "tensorbay.access_key" in keys
    assert "deadline.farm_id" in keys


COMMENTED = """\
# My taskfacade settings: keep this comment.
default_profile = "work"   # the one I use most

[profiles.work]
retry_mode = "forceful"    # see docs/retry-modes.md

# Render farm
[profiles.work.deadline]
region    = "us-west-2"    # aligned on purpose
farm_id   = "farm-0123456789abcdef0123456789abcdef"

[profiles.work.geobox]
access_token = "old-token"  # rotate monthly
"""


def test_set_unset_and_use_keep_comments_and_layout(bare_env: dict[str, str], tmp_path: Path) -> None:
    config = tmp_path / "commented.toml"
    config.write_text(COMMENTED, encoding="utf-8")
    config.chmod(0o600)
    env = {**bare_env, "TASKFACADE_CONFIG": str(config)}
    steps = [
        ("config", "set", "--profile", "work", "deadline.queue_id", "queue-0123456789abcdef0123456789abcdef"),
        ("config", "set", "--profile", "work", "geobox.access_token", "new-token"),
        ("config", "set", "--profile", "emu", "emulator", "http://127.0.0.1:8765"),
        ("config", "set", "--profile", "work", "trust_env", "false"),
        ("config", "unset", "--profile", "work", "retry_mode"),
        ("config", "use", "emu"),
    ]
    for args in steps:
        result = cs.run(*args, env=env)
        assert result.code == 0, (args, result.stderr)
        assert _mode(config) == 0o600
    text = config.read_text(encoding="utf-8")
    for kept in (
        "# My taskfacade settings: keep this comment.\n",
        'default_profile = "emu"   # the one I use most\n',
        "# Render farm\n[profiles.work.deadline]\n",
        'region    = "us-west-2"    # aligned on purpose\n',
        'access_token = "new-token"  # rotate monthly\n',
    ):
        assert kept in text, text
    assert "retry_mode" not in text
    assert tomllib.loads(text) == {
        "default_profile": "emu",
        "profiles": {
            "work": {
                "trust_env": False,
                "deadline": {
                    "region": "us-west-2",
                    "farm_id": "farm-0123456789abcdef0123456789abcdef",
                    "queue_id": "queue-0123456789abcdef0123456789abcdef",
                },
                "geobox": {"access_token": "new-token"},
            },
            "emu": {"emulator": "http://127.0.0.1:8765"},
        },
    }
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".config-")], "no temporary file left behind"
