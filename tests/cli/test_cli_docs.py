"""docs/cli.md: its ``sh`` blocks run, in order, as one bash script against an emulator started the way the page
says (speed 60, default credentials); ``text`` blocks are sample output. The page's ``taskfacade emulator`` line
is a ``text`` block: that command is run by test_cli_emulator_demo.py."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import cli_support as cs
import pytest
from taskfacade_emulator import Emulator

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
BLOCK = re.compile(r"^```(?P<lang>\w*)\n(?P<code>.*?)^```$", re.DOTALL | re.MULTILINE)
DOC_URL = "http://127.0.0.1:8765"


def _blocks(lang: str) -> list[str]:
    return [m.group("code") for m in BLOCK.finditer(DOC.read_text(encoding="utf-8")) if m.group("lang") == lang]


def test_every_block_is_sh_or_text() -> None:
    langs = {m.group("lang") for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))}
    assert langs == {"sh", "text"}


@pytest.mark.skipif(shutil.which("curl") is None, reason="the page's helper uses curl")
def test_sh_blocks_run_in_order(tmp_path: Path) -> None:
    bin_dir = str(Path(cs.TASKFACADE).parent)
    script = "set -euo pipefail\n" + "\n".join(_blocks("sh"))
    env = cs.base_env(tmp_path, {"TASKFACADE_CONFIG": str(tmp_path / "config.toml")})
    env["PATH"] = bin_dir + ":" + env.get("PATH", "")
    with Emulator(speed=60, seed_count=60) as emu:
        proc = subprocess.run(
            ["bash", "-c", script.replace(DOC_URL, emu.url)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    result = cs.Result(proc.returncode, proc.stdout, proc.stderr)
    cs.assert_no_secret(result)
    assert result.code == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout
    assert "showing 5 of " in result.stderr  # the footer goes to stderr: a pipe gets the table only
    assert "exit code 1" in out
    assert "exit code 3" in out
    assert "retried tensorbay task" in out
    assert "retried deadline task" in out
    assert "canceled geobox task" in out
    assert "canceled deadline task" in out
    assert (tmp_path / "result.bin").read_bytes().startswith(b"[")
    assert "tiledb.token      ******" in out
    for secret in ("emulator-token", "emulator-secret", "ACCESSKEY-emulator", "my-api-token"):
        assert secret not in out + result.stderr
