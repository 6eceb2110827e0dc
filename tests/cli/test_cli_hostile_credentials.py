"""Issue 9 items 1 and 11 on the command line: credentials checked where the CLI finds them, and ``trust_env``.

A credential with a control character, from an environment variable or a profile, is refused before any request
with exit 2 and one line naming the variable or the profile key, never the value in any form; one with whitespace
at its ends is trimmed and works. ``--no-trust-env`` and the profile key ``trust_env = false`` stop the clients
from reading ``HTTP_PROXY`` and the like.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import cli_support as cs
import pytest
from hostile import hostile_support
from taskfacade_emulator import Emulator

BAD = "cnry-hostile\x1b]52;c;ZXZpbA==\x07-value"


def _forms(secret: str) -> list[str]:
    """Every encoding the hostile suite checks (raw, repr, ascii, bytes-repr, JSON, percent, base64 at any
    offset), plus the secret's printable head."""
    return [*hostile_support.forms(secret), "cnry-hostile"]


def _assert_refused(result: cs.Result, names: str) -> None:
    assert result.code == 2, result.stderr
    assert len(result.error_lines) == 1, result.stderr
    assert names in result.error_lines[0]
    for form in _forms(BAD):
        assert form not in result.stdout + result.stderr


def _requests(emu: Emulator) -> int:
    return sum(sum(counts.values()) for counts in emu.request_counts().values())


@pytest.mark.parametrize(
    ("service", "variable"),
    [
        ("tiledb", "TILEDB_REST_TOKEN"),
        ("deadline", "AWS_SECRET_ACCESS_KEY"),
        ("geobox", "GEOBOX_ACCESS_TOKEN"),
        ("tensorbay", "TENSORBAY_ACCESS_KEY"),
    ],
)
def test_a_bad_credential_in_the_environment_is_refused_naming_the_variable(
    emu: Emulator, env: dict[str, str], service: str, variable: str
) -> None:
    before = _requests(emu)
    value = ("ACCESSKEY-" if service == "tensorbay" else "") + BAD
    result = cs.run("tasks", "list", service, "--limit", "1", env={**env, variable: value})
    _assert_refused(result, variable)
    assert _requests(emu) == before


def test_a_bad_credential_in_a_profile_is_refused_naming_the_key_and_profile(
    emu: Emulator, env: dict[str, str], tmp_path: Path
) -> None:
    config = tmp_path / "hostile.toml"
    config.write_text(
        f'[profiles.default.geobox]\nendpoint = "{emu.base_url("geobox")}"\naccess_token = {json.dumps(BAD)}\n'
    )
    config.chmod(0o600)
    before = _requests(emu)
    result = cs.run("tasks", "list", "geobox", env={**env, "TASKFACADE_CONFIG": str(config)})
    _assert_refused(result, "geobox.access_token")
    assert "default" in result.error_lines[0]
    assert _requests(emu) == before


def test_whitespace_around_a_credential_is_trimmed(env: dict[str, str]) -> None:
    result = cs.run("tasks", "list", "tiledb", "--limit", "1", env={**env, "TILEDB_REST_TOKEN": cs.TILEDB_TOKEN + "\n"})
    assert result.code == 0, result.stderr


@contextmanager
def _recording_proxy() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(502)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_no_trust_env_ignores_proxy_variables(env: dict[str, str], seeded: dict[str, Any], tmp_path: Path) -> None:
    task = seeded["geobox"]["task_ids"][0]
    with _recording_proxy() as (proxy, seen):
        proxied = {**env, "HTTP_PROXY": proxy}
        default = cs.run("tasks", "show", "geobox", task, "--retry-mode", "disabled", env=proxied)
        assert default.code == 4, default.stderr  # by default the proxy variables are honoured, as httpx does
        assert seen
        seen.clear()
        flag = cs.run("tasks", "show", "geobox", task, "--no-trust-env", env=proxied)
        assert flag.code == 0, flag.stderr
        assert seen == []
        config = Path(env["TASKFACADE_CONFIG"])
        config.write_text("[profiles.default]\ntrust_env = false\n" + config.read_text())
        profile = cs.run("tasks", "show", "geobox", task, env=proxied)
        assert profile.code == 0, profile.stderr
        assert seen == []
