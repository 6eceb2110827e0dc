"""The taskfacade command line: ``taskfacade tasks list|show|wait|cancel|retry|results``, ``config``,
``emulator`` and ``demo``. A user of the facade (``taskfacade``) and the emulator (``taskfacade_emulator``);
nothing imports it. See docs/cli.md.
"""

from __future__ import annotations

from collections.abc import Sequence

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `import taskfacade_cli` stays free
if TYPE_CHECKING:
    from ._registry import CliService

__all__ = ["CliService", "main", "register_service"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``taskfacade`` console script; returns the exit code (see ``taskfacade --help``)."""
    from ._main import main as run  # deferred: `import taskfacade_cli` stays free

    return run(argv)


def register_service(service: CliService) -> CliService:
    """Add a plug-in service to the command line in this process: ``main([...])`` then takes ``service.name`` as a
    ``SERVICE`` and its options (an installed plug-in uses the entry-point group ``taskfacade_cli.services``).

    Args:
        service: the plug-in's ``taskfacade_cli.CliService`` (see ``taskfacade_cli._registry``).

    Returns:
        ``service``.
    """
    from ._registry import register_service as register

    return register(service)


def __getattr__(name: str) -> object:
    if name == "CliService":  # the value a plug-in declares, importable without loading the rest
        from ._registry import CliService

        return CliService
    raise AttributeError(f"module 'taskfacade_cli' has no attribute {name!r}")
