"""The taskfacade command line (a user of the facade and the emulator; filled by the CLI issue)."""


def main() -> int:
    """Entry point of the `taskfacade` console script."""
    raise SystemExit("taskfacade: the command line is not built yet")
