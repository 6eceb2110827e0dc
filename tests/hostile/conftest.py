from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from taskfacade_emulator import Emulator

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator(seed_count=3, speed=0) as running:
        yield running


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No vendor credentials or profiles from the machine: every variable the four services read is unset."""
    import os

    for name in list(os.environ):
        if name.startswith(("TILEDB_", "AWS_", "GEOBOX_", "TENSORBAY_")) or name.upper().endswith("_PROXY"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TILEDB_PROFILE_DIR", str(tmp_path / "tiledb"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "aws-credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "aws-config"))
    return tmp_path
