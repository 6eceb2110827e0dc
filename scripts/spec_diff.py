"""Compare OpenAPI specs and say what a change means for the facade: ``make spec-diff`` (see scripts/specdiff/)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from specdiff._cli import main

if __name__ == "__main__":
    raise SystemExit(main())
