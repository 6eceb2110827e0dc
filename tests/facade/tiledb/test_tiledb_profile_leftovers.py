"""A ``login`` killed with SIGKILL mid-write leaves a temporary profile file (0600, holding the token); the next
write removes it, and never the temporary file of a writer that is still alive (issue 9, item 10).

The writers are real processes running ``tiledb.login`` against the emulator; ``os.fsync`` is made to stall in
them only so the kill lands mid-write every time (the kill itself is a real SIGKILL).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from taskfacade import tiledb
from taskfacade_emulator import Emulator

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and file locks are POSIX")

TOKEN = "emulator-token"

_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from taskfacade import tiledb

    host, profile_dir, profile, stall = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    real_fsync = os.fsync

    def stalling_fsync(fd):
        real_fsync(fd)
        print("mid-write", flush=True)  # the temporary file is written and synced, not yet renamed
        time.sleep(stall)

    os.fsync = stalling_fsync
    tiledb.login(token="emulator-token", host=host, profile=profile, profile_dir=profile_dir).close()
    print("done", flush=True)
    """
)


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(seed_count=1, speed=0) as running:
        yield running


def _start_writer(emu: Emulator, profile_dir: Path, profile: str, stall: float) -> subprocess.Popen[str]:
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, emu.base_url("tiledb"), str(profile_dir), profile, str(stall)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "mid-write"
    return writer


def _leftovers(profile_dir: Path) -> list[Path]:
    return sorted(profile_dir.glob(".profiles-*.tmp"))


def _login(emu: Emulator, profile_dir: Path, profile: str) -> None:
    try:
        tiledb.login(token=TOKEN, host=emu.base_url("tiledb"), profile=profile, profile_dir=profile_dir).close()
    finally:
        tiledb.set_default_client(None)


def test_a_writer_killed_mid_write_leaves_nothing_after_the_next_write(emu: Emulator, tmp_path: Path) -> None:
    writer = _start_writer(emu, tmp_path, "killed", stall=60)
    writer.send_signal(signal.SIGKILL)
    assert writer.wait(timeout=30) == -signal.SIGKILL
    left = _leftovers(tmp_path)
    assert len(left) == 1, "the kill did not land mid-write"  # the state the fix must clean up, really produced
    assert stat.S_IMODE(left[0].stat().st_mode) == 0o600
    assert TOKEN in left[0].read_text(encoding="utf-8")

    _login(emu, tmp_path, "next")

    assert _leftovers(tmp_path) == []
    profiles = json.loads((tmp_path / "profiles.json").read_text(encoding="utf-8"))
    assert set(profiles) == {"next", "version"}  # the killed login stored nothing


def test_a_live_writer_is_waited_for_not_cleaned_up(emu: Emulator, tmp_path: Path) -> None:
    """Two logins at once: the second waits for the first's lock; both profiles are stored, no temp file lost."""
    writer = _start_writer(emu, tmp_path, "first", stall=1.0)
    started = time.monotonic()
    _login(emu, tmp_path, "second")
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "done"
    assert writer.wait(timeout=30) == 0
    assert time.monotonic() - started > 0.5  # the second writer really waited for the first
    profiles = json.loads((tmp_path / "profiles.json").read_text(encoding="utf-8"))
    assert set(profiles) == {"first", "second", "version"}  # neither update lost
    assert _leftovers(tmp_path) == []
    assert stat.S_IMODE((tmp_path / "profiles.json").stat().st_mode) == 0o600
    assert os.path.exists(tmp_path / ".profiles.lock")
