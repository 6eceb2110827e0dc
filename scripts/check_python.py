"""Refuse an interpreter outside the supported range before ``make`` builds a virtual environment with it.

The range is pyproject.toml's ``requires-python`` (read here, so it is written once). Only the standard library is
used, and nothing newer than Python 3.6's syntax, so that an old ``python3`` gets this message, not a SyntaxError.

Usage: ``python3 scripts/check_python.py [PYPROJECT]`` (exit 0 when this interpreter is supported, else 1).
"""

import re
import sys
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def supported_minimum(text):
    """The ``(major, minor)`` of ``requires-python = ">=X.Y"``."""
    match = re.search(r'^requires-python\s*=\s*">=\s*(\d+)\.(\d+)"', text, re.MULTILINE)
    if match is None:
        raise SystemExit('check_python: pyproject.toml has no requires-python = ">=X.Y"')
    return int(match.group(1)), int(match.group(2))


def main(argv):
    pyproject = Path(argv[1]) if len(argv) > 1 else PYPROJECT
    minimum = supported_minimum(pyproject.read_text(encoding="utf-8"))
    found = sys.version_info[:2]
    if found < minimum:
        wanted, have = ".".join(map(str, minimum)), ".".join(map(str, found))
        sys.stderr.write(
            f"taskfacade needs Python {wanted} or newer; {sys.executable} is {have}. "
            "Run `make PYTHON=python3.X ...` with a supported interpreter.\n"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
