"""Helpers of the jobs plug-in's tests (named to avoid clashes with other test folders' helpers)."""

from __future__ import annotations

import taskfacade
from taskfacade_emulator import Emulator

#: The bearer token the tests' emulator accepts for the jobs service (not the default, so nothing passes by luck).
TOKEN = "jobs-test-token"


class EmulatorClock(taskfacade.ManualClock):
    """The facade's clock (retries, waits): each sleep advances the emulator's clock by as much."""

    def __init__(self, emu: Emulator) -> None:
        super().__init__()
        self.emu = emu

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        if seconds > 0:
            self.emu.advance(seconds)


def unregister(name: str) -> None:
    """Undo ``register_service`` in the facade's, the emulator's and the command line's registries.

    The registries have no public way to do this (a process registers its plug-ins once), so this reaches into
    their private tables: the one place the plug-in's tests do.
    """
    from taskfacade import _registry as facade_registry
    from taskfacade_cli import _registry as cli_registry
    from taskfacade_emulator import _registry as emulator_registry

    for registry in (facade_registry, emulator_registry, cli_registry):
        registry._REGISTRY.registered.pop(name, None)
