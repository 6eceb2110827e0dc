"""Shared helpers for the benchmark scripts in ``bench/``: repeat, summarise, time, measure memory, emit JSON.

Every ``bench/<name>.py`` builds its command line with :func:`make_parser` (``--json`` and ``--runs``), collects
numbers into a :class:`BenchResult` and finishes with :func:`emit`, which prints either a readable summary or
exactly one JSON object in the shape ``bench/README.md`` documents (the "Benchmarks convention")::

    {"name": str, "description": str,
     "metrics": {metric: {"median": float, "min": float, "max": float, "unit": str, "runs": int}},
     "aim": {metric: "<= 1.3x"}, "command": str, "notes": [str]}

``aim`` and ``notes`` are optional; a metric may also carry ``"iqr"``. Aims are ``<op> <number><unit>`` with
``op`` one of ``<``, ``<=``, ``>``, ``>=``; they are judged on the median (:func:`evaluate_aim`).

Clocks: wall time is ``time.perf_counter``; CPU time is ``time.process_time`` (every thread of the process,
so it includes an in-process emulator's threads) and ``time.thread_time`` (the calling thread only, which is the
one to use when the emulator runs in the same process). Memory: see :func:`measure_peak_rss_growth`.

This file is a plain module next to the scripts (``python bench/x.py`` puts ``bench/`` on ``sys.path``); it
uses only the standard library and attrs so that ``--help`` stays instant.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import re
import resource
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

T = TypeVar("T")

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent

# ---------------------------------------------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------------------------------------------


@attrs.frozen
class Metric:
    """One measured quantity summarised over its runs (the ``metrics`` entry of the convention)."""

    median: float
    min: float
    max: float
    unit: str
    runs: int
    iqr: float | None = None

    @property
    def spread(self) -> float:
        """Relative spread ``(max - min) / median`` (0.0 for one run; ``inf`` when the median is 0)."""
        if self.max == self.min:
            return 0.0
        return (self.max - self.min) / abs(self.median) if self.median else math.inf

    def to_json(self) -> dict[str, Any]:
        """The convention's JSON object for this metric (``iqr`` only when known)."""
        data: dict[str, Any] = {
            "median": self.median,
            "min": self.min,
            "max": self.max,
            "unit": self.unit,
            "runs": self.runs,
        }
        if self.iqr is not None:
            data["iqr"] = self.iqr
        return data

    @classmethod
    def from_json(cls, data: Any) -> Metric:
        """Read a metric back from JSON; raises ``ValueError`` naming the field that is missing or wrong."""
        if not isinstance(data, Mapping):
            raise ValueError(f"a metric must be a JSON object, got {type(data).__name__}")
        numbers = {}
        for key in ("median", "min", "max"):
            value = data.get(key)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"metric field {key!r} must be a number, got {value!r}")
            numbers[key] = float(value)
        unit, runs, iqr = data.get("unit"), data.get("runs"), data.get("iqr")
        if not isinstance(unit, str):
            raise ValueError(f"metric field 'unit' must be a string, got {unit!r}")
        if isinstance(runs, bool) or not isinstance(runs, int) or runs < 1:
            raise ValueError(f"metric field 'runs' must be a positive integer, got {runs!r}")
        iqr_value = float(iqr) if isinstance(iqr, int | float) and not isinstance(iqr, bool) else None
        return cls(numbers["median"], numbers["min"], numbers["max"], unit, runs, iqr_value)


def summarize(values: Sequence[float], unit: str) -> Metric:
    """Summarise repeated measurements: median, min, max, count and interquartile range.

    Raises:
        ValueError: when ``values`` is empty or holds a NaN.
    """
    if not values:
        raise ValueError("summarize() needs at least one value")
    if any(math.isnan(v) for v in values):
        raise ValueError("summarize() got a NaN value")
    iqr = None
    if len(values) >= 2:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
        iqr = q3 - q1
    return Metric(float(statistics.median(values)), float(min(values)), float(max(values)), unit, len(values), iqr)


def pairwise_ratios(numerators: Sequence[float], denominators: Sequence[float]) -> list[float]:
    """Per-run ratios ``numerators[i] / denominators[i]`` (runs interleaved in one loop pair up naturally)."""
    if len(numerators) != len(denominators):
        raise ValueError(f"ratio needs as many runs on both sides, got {len(numerators)} and {len(denominators)}")
    if any(d <= 0 for d in denominators):
        raise ValueError("ratio denominators must be positive")
    return [n / d for n, d in zip(numerators, denominators, strict=True)]


# ---------------------------------------------------------------------------------------------------------------
# Aims ("<= 1.3x", "< 60 ms", ">= 1000 req/s")
# ---------------------------------------------------------------------------------------------------------------

_AIM_RE = re.compile(r"^\s*(<=|>=|<|>|≤|≥)\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*(.*?)\s*$")
_OPS = {"≤": "<=", "≥": ">="}
_UNIT_SCALES: tuple[dict[str, float], ...] = (
    {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0},
    {"B": 1.0, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9, "KiB": 1024.0, "MiB": 1024.0**2, "GiB": 1024.0**3},
)
_RATIO_UNITS = {"", "x", "ratio"}


@attrs.frozen
class Aim:
    """A parsed aim: ``op`` one of ``<``, ``<=``, ``>``, ``>=``; ``unit`` as written ("" when none)."""

    op: str
    threshold: float
    unit: str

    @classmethod
    def parse(cls, text: str) -> Aim:
        """Parse ``"<= 1.3x"``-style text; raises ``ValueError`` saying what form is accepted."""
        match = _AIM_RE.match(text)
        if match is None:
            raise ValueError(f"aim {text!r} is not '<op> <number>[unit]' with op one of <, <=, >, >=")
        op, number, unit = match.groups()
        return cls(_OPS.get(op, op), float(number), unit)

    def threshold_in(self, unit: str) -> float | None:
        """The threshold converted to ``unit``, or None when the two units cannot be compared."""
        if self.unit == unit or (self.unit in _RATIO_UNITS and unit in _RATIO_UNITS):
            return self.threshold
        if self.unit == "":
            return self.threshold
        for scales in _UNIT_SCALES:
            if self.unit in scales and unit in scales:
                return self.threshold * scales[self.unit] / scales[unit]
        return None


def evaluate_aim(metric: Metric, aim_text: str) -> bool | None:
    """Whether the metric's median meets the aim; None when the aim cannot be read or its unit does not match."""
    try:
        aim = Aim.parse(aim_text)
    except ValueError:
        return None
    threshold = aim.threshold_in(metric.unit)
    if threshold is None:
        return None
    value = metric.median
    return {"<": value < threshold, "<=": value <= threshold, ">": value > threshold, ">=": value >= threshold}[aim.op]


def aim_fraction(metric: Metric, aim_text: str) -> float | None:
    """The median as a fraction of the aim, oriented so that ``<= 1`` meets it (for charts); None if unknown."""
    try:
        aim = Aim.parse(aim_text)
    except ValueError:
        return None
    threshold = aim.threshold_in(metric.unit)
    if threshold is None or threshold <= 0:
        return None
    if aim.op in ("<", "<="):
        return metric.median / threshold
    return threshold / metric.median if metric.median > 0 else math.inf


# ---------------------------------------------------------------------------------------------------------------
# In-process timing and memory
# ---------------------------------------------------------------------------------------------------------------


@attrs.frozen
class Timing:
    """Wall time, process CPU time (all threads) and calling-thread CPU time of one call, in seconds."""

    wall_s: float
    cpu_s: float
    thread_cpu_s: float


def timed(fn: Callable[[], T]) -> tuple[T, Timing]:
    """Call ``fn()`` once and return its result with its :class:`Timing`."""
    w0, c0, t0 = time.perf_counter(), time.process_time(), time.thread_time()
    result = fn()
    w1, c1, t1 = time.perf_counter(), time.process_time(), time.thread_time()
    return result, Timing(w1 - w0, c1 - c0, t1 - t0)


def repeat(fn: Callable[[], object], runs: int, *, warmup: int = 1) -> list[Timing]:
    """Time ``fn()`` ``runs`` times after ``warmup`` untimed calls (which fill caches and connection pools)."""
    if runs < 1 or warmup < 0:
        raise ValueError(f"repeat() needs runs >= 1 and warmup >= 0, got runs={runs}, warmup={warmup}")
    for _ in range(warmup):
        fn()
    return [timed(fn)[1] for _ in range(runs)]


def _status_kib(field: str) -> int | None:
    """A ``kB`` field of ``/proc/self/status`` (Linux), or None where that file does not exist."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def current_rss_bytes() -> int | None:
    """Resident set size now (``VmRSS``), or None where ``/proc`` is not available."""
    kib = _status_kib("VmRSS")
    return None if kib is None else kib * 1024


def peak_rss_bytes() -> int:
    """Peak resident set size so far: ``VmHWM`` from ``/proc/self/status``, else ``getrusage().ru_maxrss``.

    ``ru_maxrss`` is in KiB on Linux and in bytes on macOS.
    """
    kib = _status_kib("VmHWM")
    if kib is not None:
        return kib * 1024
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(maxrss) if sys.platform == "darwin" else int(maxrss) * 1024


def reset_peak_rss() -> bool:
    """Reset the peak (``VmHWM``) to the current RSS by writing ``5`` to ``/proc/self/clear_refs`` (Linux >= 4.0).

    Returns False where that is not possible.
    """
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


@attrs.frozen
class RssGrowth:
    """How far the peak RSS rose during a call; ``kind`` says whether that is exact or a bound."""

    bytes: int
    kind: str  # "exact", "upper bound" or "lower bound"
    method: str


def measure_peak_rss_growth(fn: Callable[[], T]) -> tuple[T, RssGrowth]:
    """Run ``fn()`` and measure its peak RSS growth: ``peak RSS during the call - RSS just before it``.

    Method on Linux: collect garbage, read ``VmRSS``, reset ``VmHWM`` through ``/proc/self/clear_refs``, call,
    read ``VmHWM``: exact. Where the reset is refused, ``peak since process start - RSS before`` is an upper
    bound. Without ``/proc``, the growth of ``getrusage().ru_maxrss`` is a lower bound (it stays 0 while the call
    peaks below an earlier peak). Measuring in a fresh process makes both bounds tight.
    """
    gc.collect()
    before = current_rss_bytes()
    if before is None:
        peak_before = peak_rss_bytes()
        result = fn()
        growth = RssGrowth(max(0, peak_rss_bytes() - peak_before), "lower bound", "ru_maxrss after - before")
        return result, growth
    kind = "exact" if reset_peak_rss() else "upper bound"
    result = fn()
    return result, RssGrowth(max(0, peak_rss_bytes() - before), kind, "VmHWM after the call - VmRSS before")


# ---------------------------------------------------------------------------------------------------------------
# Fresh processes
# ---------------------------------------------------------------------------------------------------------------


class ChildError(RuntimeError):
    """A benchmark subprocess exited with an error; the message holds the last line of its stderr."""


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for child interpreters: ours, minus settings that would distort timings.

    ``PYTHONDONTWRITEBYTECODE`` is dropped so that the warm-up run writes ``__pycache__`` and timed runs load
    bytecode, as an installed package does (pip compiles bytecode at install time).
    """
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME"}}
    env.update(extra or {})
    return env


@attrs.frozen
class ChildRun:
    """One finished child interpreter: its whole-process wall time and its output."""

    wall_s: float
    returncode: int
    stdout: str
    stderr: str


def last_line(text: str) -> str:
    """The last non-empty line of ``text`` ("" when there is none), for one-line error reports."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def run_python(
    code: str,
    args: Sequence[str] = (),
    *,
    python_options: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    timeout: float = 120.0,
    python: str | None = None,
) -> ChildRun:
    """Run ``python [python_options] -c code [args]`` in a fresh interpreter and time the whole process.

    ``python`` is the interpreter to run (default: this one), e.g. one of a separate virtual environment.
    """
    command = [python or sys.executable, *python_options, "-c", code, *args]
    start = time.perf_counter()
    proc = subprocess.run(
        command, capture_output=True, text=True, env=child_env(env), timeout=timeout, cwd=REPO_ROOT, check=False
    )
    return ChildRun(time.perf_counter() - start, proc.returncode, proc.stdout, proc.stderr)


def checked(run: ChildRun) -> ChildRun:
    """Return ``run`` when it exited 0; raise :class:`ChildError` with its last stderr line otherwise."""
    if run.returncode != 0:
        raise ChildError(last_line(run.stderr) or f"exit code {run.returncode}")
    return run


def time_python(code: str, runs: int, *, warmup: int = 1, timeout: float = 120.0) -> list[float]:
    """Whole-process wall times (seconds) of ``runs`` fresh interpreters running ``code``, after ``warmup``."""
    for _ in range(warmup):
        checked(run_python(code, timeout=timeout))
    return [checked(run_python(code, timeout=timeout)).wall_s for _ in range(runs)]


_SNIPPET_TEMPLATE = """\
import json as _bench_json, sys as _bench_sys, time as _bench_time
P = _bench_json.loads(_bench_sys.argv[1])
_bench_w0, _bench_c0 = _bench_time.perf_counter(), _bench_time.process_time()
{body}
_bench_w1, _bench_c1 = _bench_time.perf_counter(), _bench_time.process_time()
print("BENCH_TIMING", _bench_w1 - _bench_w0, _bench_c1 - _bench_c0)
"""


@attrs.frozen
class SnippetRun:
    """A timed snippet: the child's own wall and CPU time around the body, and the whole process's wall time."""

    inner_wall_s: float
    inner_cpu_s: float
    process_wall_s: float


def snippet_code(body: str) -> str:
    """The child program that times ``body`` (module-level code; parameters arrive as the dict ``P``)."""
    return _SNIPPET_TEMPLATE.format(body=body.strip("\n"))


def run_snippet(
    body: str,
    params: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    timeout: float = 120.0,
    python: str | None = None,
) -> SnippetRun:
    """Run ``body`` in a fresh interpreter, timed from inside the child.

    The body sees its parameters as the dict ``P`` (passed as JSON in ``argv``, never pasted into code). ``json``,
    ``sys`` and ``time`` are imported before the clock starts; everything the body imports is timed. ``env``
    adds to the child's environment (:func:`child_env`); ``python`` picks the interpreter (:func:`run_python`).

    Raises:
        ChildError: when the child fails, with the last line of its stderr.
    """
    run = checked(
        run_python(snippet_code(body), [json.dumps(dict(params or {}))], env=env, timeout=timeout, python=python)
    )
    for line in reversed(run.stdout.splitlines()):
        if line.startswith("BENCH_TIMING "):
            wall, cpu = (float(x) for x in line.split()[1:3])
            return SnippetRun(wall, cpu, run.wall_s)
    raise ChildError("the snippet printed no BENCH_TIMING line")


@attrs.frozen
class ImportCost:
    """One line of ``python -X importtime``: module, nesting depth, self and cumulative microseconds."""

    module: str
    depth: int
    self_us: int
    cumulative_us: int


def import_profile(module: str, *, timeout: float = 120.0) -> list[ImportCost]:
    """``python -X importtime -c 'import module'`` parsed, in the order Python prints it (children first)."""
    run = checked(run_python(f"import {module}", python_options=("-X", "importtime"), timeout=timeout))
    costs = []
    for line in run.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[0].strip().isdigit():
            name = parts[2].removeprefix(" ")
            depth = (len(name) - len(name.lstrip(" "))) // 2
            costs.append(ImportCost(name.strip(), depth, int(parts[0]), int(parts[1])))
    return costs


def direct_imports(costs: Sequence[ImportCost], module: str) -> list[ImportCost]:
    """The modules first imported by the top-level import of ``module``, heaviest cumulative first."""
    top = next((i for i, c in enumerate(costs) if c.module == module and c.depth == 0), None)
    if top is None:
        return []
    children = []
    for cost in reversed(costs[:top]):
        if cost.depth == 0:
            break
        if cost.depth == 1:
            children.append(cost)
    return sorted(children, key=lambda c: c.cumulative_us, reverse=True)


# ---------------------------------------------------------------------------------------------------------------
# Command line and output
# ---------------------------------------------------------------------------------------------------------------


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--runs must be a positive integer, got {text!r}")
    return value


def make_parser(description: str | None, *, default_runs: int, epilog: str | None = None) -> argparse.ArgumentParser:
    """The standard command line of a benchmark script: ``--json`` and ``--runs N``."""
    parser = argparse.ArgumentParser(
        description=description, epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--json", action="store_true", help="print exactly one JSON object (bench/README.md) instead of a summary"
    )
    parser.add_argument(
        "--runs", type=_positive_int, default=default_runs, help=f"repetitions per measurement (default {default_runs})"
    )
    return parser


def reproduce_command(script: str | Path, *args: str) -> str:
    """The command line that reproduces a run, relative to the repository root (``--json`` left out)."""
    path = Path(script).resolve()
    shown = path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path
    return shlex.join([".venv/bin/python", str(shown), *args])


def log(message: str) -> None:
    """Progress for people, on stderr (stdout carries the result)."""
    print(message, file=sys.stderr, flush=True)


@attrs.define
class BenchResult:
    """What one benchmark script measured, in the shape of the convention."""

    name: str
    description: str
    command: str
    metrics: dict[str, Metric] = attrs.field(factory=dict)
    aim: dict[str, str] = attrs.field(factory=dict)
    notes: list[str] = attrs.field(factory=list)

    def add(self, metric: str, values: Sequence[float], unit: str, *, aim: str | None = None) -> Metric:
        """Summarise ``values`` as ``metric`` (with an optional aim) and return the summary."""
        summary = summarize(values, unit)
        self.metrics[metric] = summary
        if aim is not None:
            self.aim[metric] = aim
        return summary

    def to_json(self) -> dict[str, Any]:
        """The convention's JSON object."""
        data: dict[str, Any] = {
            "name": self.name,
            "description": self.description,
            "metrics": {key: metric.to_json() for key, metric in self.metrics.items()},
            "command": self.command,
        }
        if self.aim:
            data["aim"] = dict(self.aim)
        if self.notes:
            data["notes"] = list(self.notes)
        return data


def format_number(value: float) -> str:
    """A compact human form: 4 significant digits, no exponent for everyday magnitudes."""
    if math.isinf(value) or math.isnan(value):
        return str(value)
    if value == 0 or 1e-3 <= abs(value) < 1e7:
        return f"{value:.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    return f"{value:.3e}"


def aim_verdict(metric: Metric, aim_text: str | None) -> str:
    """``"yes"``, ``"NO"``, ``"?"`` (aim unreadable or units differ) or ``""`` (no aim)."""
    if aim_text is None:
        return ""
    met = evaluate_aim(metric, aim_text)
    return "?" if met is None else ("yes" if met else "NO")


def render_text(result: BenchResult) -> str:
    """A readable summary of one result: a table of metrics with spread and aims, then notes and the command."""
    header = ("metric", "median", "min", "max", "spread", "unit", "runs", "aim", "met")
    rows: list[tuple[str, ...]] = [header]
    for key, m in result.metrics.items():
        aim_text = result.aim.get(key)
        spread = f"{m.spread:.0%}" if math.isfinite(m.spread) else "-"
        cells = (key, *(format_number(v) for v in (m.median, m.min, m.max)), spread, m.unit, str(m.runs))
        rows.append((*cells, aim_text or "", aim_verdict(m, aim_text)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [f"{result.name}: {result.description}", ""]
    lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines += [f"note: {note}" for note in result.notes]
    lines.append(f"reproduce: {result.command}")
    return "\n".join(lines)


def emit(result: BenchResult, *, as_json: bool) -> None:
    """Print the result: exactly one JSON object with ``as_json``, a readable summary otherwise."""
    if as_json:
        print(json.dumps(result.to_json()))
    else:
        print(render_text(result))
