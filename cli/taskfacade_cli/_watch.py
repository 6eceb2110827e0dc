"""One live progress display for waiting on many jobs, over ``taskfacade.as_completed``.

On a terminal it is one line redrawn in place (a bar, counts per phase, elapsed time), with a line printed above
it as each job finishes. Elsewhere (a pipe, a log file, CI) it prints a line per finished job and a summary line
every few seconds. Polling is the facade's: batched per service, adaptive interval, one overall deadline. The
display only reads each job's last known state (no requests).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, TextIO

import attrs

from ._render import text
from ._service import Row
from ._terminal import CLEAR_LINE, write_control
from ._times import format_duration

__all__ = ["WaitOutcome", "Watched", "watch"]

_PHASE_ORDER = ("SUCCEEDED", "FAILED", "CANCELED", "RUNNING", "PENDING", "SUSPENDED", "UNKNOWN")
_FINISHED = ("SUCCEEDED", "FAILED", "CANCELED")
_BAR = 24


@attrs.frozen(eq=False)
class Watched:
    """A job being waited on, with how to describe it."""

    job: Any
    row: Callable[[Any], Row]

    def current(self) -> Row:
        """The job's row as last seen (no request)."""
        return self.row(self.job)


@attrs.frozen
class WaitOutcome:
    """How a wait ended.

    Attributes:
        rows: every job's final (or last seen) row, in the order given.
        elapsed: seconds each finished job took to be seen finished (to the millisecond), by position.
        timed_out: whether the deadline passed with jobs unfinished.
    """

    rows: list[Row]
    elapsed: dict[int, float]
    timed_out: bool

    @property
    def pending(self) -> list[Row]:
        """Rows of the jobs not finished."""
        return [row for row in self.rows if row.phase not in _FINISHED]


def summary(rows: Sequence[Row], elapsed: float, *, bar: bool) -> str:
    """``[#####-----] 5/12 done  4 succeeded, 1 failed, 7 running  12.4s``."""
    counts = Counter(row.phase for row in rows)
    done = sum(counts[p] for p in _FINISHED)
    parts = ", ".join(f"{counts[p]} {p.lower()}" for p in _PHASE_ORDER if counts[p])
    head = f"{done}/{len(rows)} done"
    if bar:
        filled = round(_BAR * done / len(rows)) if rows else _BAR
        head = f"[{'#' * filled}{'-' * (_BAR - filled)}] {head}"
    return f"{head}  {parts}  {format_duration(elapsed)}"


def finished_line(row: Row, elapsed: float, id_width: int = 0) -> str:
    """One line for a job that just finished (ids padded to ``id_width``)."""
    error = f"  {text(row.error)}" if row.error and row.phase != "SUCCEEDED" else ""
    head = f"{row.phase:<9}  {row.service:<9}  {text(row.id):<{id_width}}  {text(row.status):<10}"
    return f"{head}  after {format_duration(elapsed)}{error}"


class _Display:
    """Writes the progress to ``stream``: live on a terminal, periodic lines elsewhere."""

    def __init__(self, stream: TextIO, watched: Sequence[Watched], live: bool, every: float) -> None:
        self.stream = stream
        self.watched = watched
        self.live = live
        self.every = every
        self.started = time.monotonic()
        self.id_width = max((len(text(w.current().id)) for w in watched), default=0)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="taskfacade-progress", daemon=True)

    def start(self) -> None:
        if not self.live:
            services = sorted({w.current().service for w in self.watched})
            self.stream.write(f"waiting for {len(self.watched)} task(s) on {', '.join(services)}\n")
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        with self._lock:
            self._draw(final=True)

    def event(self, line: str) -> None:
        with self._lock:
            if self.live:
                write_control(self.stream, CLEAR_LINE)
            self.stream.write(line + "\n")
            if self.live:
                self._draw(final=False)
            self.stream.flush()

    def _run(self) -> None:
        period = 0.2 if self.live else self.every
        while not self._stop.wait(period):
            with self._lock:
                self._draw(final=False)

    def _draw(self, *, final: bool) -> None:
        rows = [w.current() for w in self.watched]
        line = summary(rows, time.monotonic() - self.started, bar=True)
        if self.live:
            write_control(self.stream, CLEAR_LINE)
            self.stream.write(line + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def watch(
    watched: Sequence[Watched],
    *,
    timeout: float | None,
    interval: float,
    stream: TextIO,
    live: bool | None = None,
    every: float = 5.0,
) -> WaitOutcome:
    """Wait for every job with one progress display on ``stream``; returns how it ended.

    Args:
        watched: the jobs (any mix of services).
        timeout: one overall deadline in seconds (None: none).
        interval: the longest gap between polls.
        stream: where the display goes (stderr for ``tasks wait``, so stdout stays parseable).
        live: redraw one line (default: when ``stream`` is a terminal).
        every: seconds between summary lines when not live.

    Raises:
        Exception: a polling error the facade does not tolerate (API, network), after closing the display.
    """
    import taskfacade

    by_job = {id(w.job): i for i, w in enumerate(watched)}
    display = _Display(stream, watched, stream.isatty() if live is None else live, every)
    elapsed: dict[int, float] = {}
    timed_out = False
    display.start()
    try:
        jobs = [w.job for w in watched]
        for job in taskfacade.as_completed(jobs, timeout=timeout, interval=interval):
            position = by_job[id(job)]
            elapsed[position] = round(time.monotonic() - display.started, 3)  # milliseconds: not 0.0018260829...
            display.event(finished_line(watched[position].current(), elapsed[position], display.id_width))
    except taskfacade.WaitTimeout:
        timed_out = True
    finally:
        display.stop()
    return WaitOutcome([w.current() for w in watched], elapsed, timed_out)
