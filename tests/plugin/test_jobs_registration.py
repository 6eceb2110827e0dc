"""One registration call per layer makes the plug-in a service like the built-in four, and only while registered."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import taskfacade
import taskfacade_emulator
import taskfacade_jobs.facade
from jobs_support import unregister
from taskfacade_emulator import Emulator

BUILT_IN = ("tiledb", "deadline", "geobox", "tensorbay")
AGREE = Path(__file__).parents[1] / "registries" / "test_registries_agree.py"


def _agreement_checks() -> list[str]:
    return [
        line[4:].split("(")[0]
        for line in AGREE.read_text(encoding="utf-8").splitlines()
        if line.startswith("def test_")
    ]


@pytest.mark.parametrize("check", _agreement_checks())
def test_the_registries_agree_with_the_plugin_registered(check: str) -> None:
    """tests/registries/test_registries_agree.py's checks, run again while the plug-in is registered in all three."""
    spec = importlib.util.spec_from_file_location("registries_agree_with_jobs", AGREE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert "jobs" in taskfacade.service_names()
    getattr(module, check)()


def test_registered_in_every_layer(emu: Emulator) -> None:
    assert taskfacade.jobs is taskfacade_jobs.facade  # a registered plug-in is taskfacade.<name>
    assert taskfacade.service_info("jobs").job_types == (taskfacade_jobs.facade.JobsJob,)
    assert "jobs" in taskfacade.service_names()
    assert "jobs" in taskfacade_emulator.service_names()
    assert list(emu.seeded()) == [*BUILT_IN, "jobs"]
    assert emu.base_url("jobs") == emu.url + "/jobs"


def test_unregistered_it_is_gone() -> None:
    unregister("jobs")  # what the autouse fixture does after each test
    assert "jobs" not in taskfacade.service_names()
    assert "jobs" not in dir(taskfacade)
    with Emulator(seed_count=1, speed=0) as plain:
        assert list(plain.seeded()) == list(BUILT_IN)
