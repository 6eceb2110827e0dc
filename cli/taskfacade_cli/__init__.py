"""The taskfacade command line: ``taskfacade tasks list|show|wait|cancel|retry|results``, ``config``,
``emulator`` and ``demo``. A user of the facade (``taskfacade``) and the emulator (``taskfacade_emulator``);
nothing imports it. See docs/cli.md.
"""

from __future__ import annotations

from collections.abc import Sequence

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `import taskfacade_cli` stays free
if TYPE_CHECKING:
    from ._registry import CliService
    from ._service import Listing, ListQuery, Row, Service, peek_row, phase_names

#: What a plug-in service builds on, loaded on first use (name -> private module).
_EXPORTS = {
    "CliService": "_registry",
    "ListQuery": "_service",
    "Listing": "_service",
    "Row": "_service",
    "Service": "_service",
    "peek_row": "_service",
    "phase_names": "_service",
}

__all__ = [
    "CliService",
    "ListQuery",
    "Listing",
    "Row",
    "Service",
    "main",
    "peek_row",
    "phase_names",
    "register_service",
    "unregister_service",
]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``taskfacade`` console script; returns the exit code (see ``taskfacade --help``)."""
    from ._main import main as run  # deferred: `import taskfacade_cli` stays free

    return run(argv)


def register_service(service: CliService) -> CliService:
    """Add a plug-in service to the command line in this process: ``main([...])`` then takes ``service.name`` as a
    ``SERVICE`` and its options (an installed plug-in uses the entry-point group ``taskfacade_cli.services``).

    Args:
        service: the plug-in's ``taskfacade_cli.CliService``; its ``implementation`` is a ``taskfacade_cli.Service``
            subclass (see docs/architecture.md, "Registries").

    Returns:
        ``service``.
    """
    from ._registry import register_service as register

    return register(service)


def unregister_service(name: str) -> bool:
    """Undo ``register_service`` for ``name`` (a test's teardown); returns whether a registration was removed."""
    from ._registry import unregister_service as unregister

    return unregister(name)


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'taskfacade_cli' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{module}", __name__), name)
