"""Make scripts/ (``specdiff``, ``sync_specs``, ``generate``) and this folder's ``spec_drills`` importable."""

from __future__ import annotations

import sys
from pathlib import Path

for _path in (Path(__file__).resolve().parents[2] / "scripts", Path(__file__).resolve().parent):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))
