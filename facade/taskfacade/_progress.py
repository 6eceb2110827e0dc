"""Optional progress bars for waits: tqdm when it is installed (extra ``progress``), else a warning and no bar."""

from __future__ import annotations

import importlib
import warnings
from typing import Any

#: The warning ``progress_bar=True`` gives without tqdm.
MISSING_TQDM = "progress_bar=True shows no progress bar: tqdm is not installed (pip install 'taskfacade[progress]')"


class ProgressBar:
    """A thin wrapper over a tqdm bar; every method is a no-op when tqdm is missing or the bar is off."""

    def __init__(self, enabled: bool, total: float, desc: str, unit: str) -> None:
        self._bar: Any = None
        if not enabled:
            return
        try:
            tqdm = importlib.import_module("tqdm").tqdm
        except ImportError:
            # Issued from this line (stacklevel=1), so the default warning filter shows it once per process
            # however many waits ask for a bar; the wait itself goes on without one.
            warnings.warn(MISSING_TQDM, UserWarning, stacklevel=1)
            return
        counts = "{n:.0f}/{total:.0f}" if unit == "%" else "{n_fmt}/{total_fmt} " + unit
        self._bar = tqdm(
            total=total,
            desc=desc,
            leave=True,
            dynamic_ncols=True,
            bar_format="{l_bar}{bar}| " + counts + " [{elapsed}{postfix}]",
        )

    @property
    def active(self) -> bool:
        """Whether a bar is actually shown."""
        return self._bar is not None

    def update_to(self, value: float, note: str = "") -> None:
        """Move the bar to ``value`` (never backwards) and show ``note`` beside it."""
        if self._bar is None:
            return
        if value > self._bar.n:
            self._bar.update(value - self._bar.n)
        if note:
            self._bar.set_postfix_str(note, refresh=False)
        self._bar.refresh()

    def close(self) -> None:
        """Close the bar (idempotent)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
