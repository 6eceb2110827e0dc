"""Run every benchmark in bench/ and write bench/RESULTS.md, bench/results.png and bench/results.json.

A benchmark is any ``bench/*.py`` whose name does not start with ``_`` (other than this file). Each runs as
``python bench/<name>.py --json`` in its own subprocess and process group, with a per-script timeout; a script
that fails, times out or prints something other than one JSON object in the convention's shape is reported as
failed in the results, and the runner carries on. ``make bench`` runs this file.

Outputs (in ``--out-dir``, default ``bench/``):
  RESULTS.md    the machine and date, aims at a glance, then per benchmark: description, metrics (median, min,
                max, spread, unit, runs), aims and whether the median meets them, notes, the command to reproduce
  results.png   one chart: each aimed metric's median as a fraction of its aim (log scale; <= 1 meets it)
  results.json  everything above, raw (``--from-json`` re-renders the other two from it without running)

Examples:
  .venv/bin/python bench/run_all.py                         # everything, as `make bench` does
  .venv/bin/python bench/run_all.py --only import_time --runs 5
  .venv/bin/python bench/run_all.py --from-json bench/results.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import math
import os
import platform
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from _harness import (
    BENCH_DIR,
    REPO_ROOT,
    Metric,
    aim_fraction,
    aim_verdict,
    format_number,
    last_line,
    log,
    reproduce_command,
)

DEFAULT_TIMEOUT_S = 900.0
PACKAGES = ("taskfacade", "httpx", "boto3", "botocore", "geobox", "starlette", "uvicorn")
STDERR_TAIL_LINES = 15

# ---------------------------------------------------------------------------------------------------------------
# Discovery and running
# ---------------------------------------------------------------------------------------------------------------


def discover(bench_dir: Path = BENCH_DIR) -> list[Path]:
    """The benchmark scripts: ``*.py`` not starting with ``_``, except this runner, in name order."""
    return sorted(p for p in bench_dir.glob("*.py") if not p.name.startswith("_") and p.name != "run_all.py")


def parse_output(stdout: str) -> dict[str, Any]:
    """Check a script's ``--json`` output against the convention and return it normalised.

    Stray lines printed before the object (a library's log line, say) are tolerated when the last line is the
    object; the entry then gets a note, since the convention asks for exactly one JSON object.

    Raises:
        ValueError: naming what is wrong (not JSON, not an object, a missing or malformed field).
    """
    data, extra_notes = _load_json(stdout)
    if not isinstance(data, dict):
        raise ValueError(f"stdout is JSON {type(data).__name__}, not an object")
    for key in ("name", "command"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ValueError(f"field {key!r} must be a non-empty string")
    if not isinstance(data.get("metrics"), dict):
        raise ValueError("field 'metrics' must be an object")
    metrics = {}
    for key, value in data["metrics"].items():
        try:
            metrics[key] = Metric.from_json(value).to_json()
        except ValueError as exc:
            raise ValueError(f"metric {key!r}: {exc}") from None
    aim = data.get("aim") or {}
    if not isinstance(aim, dict) or not all(isinstance(v, str) for v in aim.values()):
        raise ValueError("field 'aim' must be an object of strings")
    notes = data.get("notes") or []
    if not isinstance(notes, list):
        raise ValueError("field 'notes' must be a list of strings")
    description = data.get("description")
    return {
        "name": data["name"],
        "description": description if isinstance(description, str) else "",
        "metrics": metrics,
        "aim": dict(aim),
        "command": data["command"],
        "notes": [str(n) for n in notes] + extra_notes,
    }


def _load_json(stdout: str) -> tuple[Any, list[str]]:
    """The JSON on stdout, or on its last line when other lines came first (with a note saying so)."""
    try:
        return json.loads(stdout), []
    except json.JSONDecodeError as exc:
        error = exc
    lines = [line for line in stdout.splitlines() if line.strip()]
    if len(lines) > 1:
        try:
            data = json.loads(lines[-1])
        except json.JSONDecodeError:
            pass
        else:
            if isinstance(data, dict):
                return data, [f"stdout held {len(lines) - 1} line(s) besides the JSON object (convention: only it)"]
    raise ValueError(f"stdout is not one JSON object ({error})") from None


@attrs.frozen
class Finished:
    """A benchmark subprocess that ended (``returncode`` None when it was killed on timeout)."""

    returncode: int | None
    stdout: str
    stderr: str
    duration_s: float


def _stop_group(proc: subprocess.Popen[str]) -> None:
    """End the process group this runner started for ``proc`` (SIGTERM, then SIGKILL after 5 s)."""
    for sig, wait_s in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue


def run_process(command: Sequence[str], timeout: float) -> Finished:
    """Run ``command`` in a new process group; on timeout end that whole group (emulators the script started)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO_ROOT, start_new_session=True
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
        returncode: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        _stop_group(proc)
        stdout, stderr = proc.communicate()
        returncode = None
    return Finished(returncode, stdout, stderr, time.perf_counter() - start)


def _failed(script: Path, status: str, error: str) -> dict[str, Any]:
    return {
        "name": script.stem,
        "description": "",
        "metrics": {},
        "aim": {},
        "command": reproduce_command(script),
        "notes": [],
        "status": status,
        "error": error,
    }


def run_script(script: Path, *, timeout: float = DEFAULT_TIMEOUT_S, runs: int | None = None) -> dict[str, Any]:
    """Run one benchmark with ``--json`` and return its results entry (``status`` ok, failed or timeout)."""
    extra = ["--runs", str(runs)] if runs is not None else []
    done = run_process([sys.executable, str(script), "--json", *extra], timeout)
    if done.returncode is None:
        entry = _failed(script, "timeout", f"no result within {timeout:g} s")
    elif done.returncode != 0:
        entry = _failed(script, "failed", f"exit code {done.returncode}: {last_line(done.stderr)}")
    else:
        try:
            entry = {**parse_output(done.stdout), "status": "ok", "error": None}
        except ValueError as exc:
            entry = _failed(script, "failed", f"invalid output: {exc}")
    entry["script"] = str(script.relative_to(REPO_ROOT)) if script.is_relative_to(REPO_ROOT) else str(script)
    entry["duration_s"] = round(done.duration_s, 3)
    if entry["status"] != "ok":
        entry["stderr_tail"] = "\n".join(done.stderr.splitlines()[-STDERR_TAIL_LINES:])
    return entry


# ---------------------------------------------------------------------------------------------------------------
# The machine
# ---------------------------------------------------------------------------------------------------------------


def _proc_field(path: str, key: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as file:
            for line in file:
                name, _, value = line.partition(":")
                if name.strip() == key:
                    return value.strip()
    except OSError:
        return None
    return None


def _ram_bytes() -> int | None:
    mem_total = _proc_field("/proc/meminfo", "MemTotal")
    if mem_total is not None:
        return int(mem_total.split()[0]) * 1024
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine_info() -> dict[str, Any]:
    """CPU model, cores, RAM, OS, Python, the compared packages' versions and the load average (busy machine?)."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu": _proc_field("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "ram_bytes": _ram_bytes(),
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": {name: _version(name) for name in PACKAGES},
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


# ---------------------------------------------------------------------------------------------------------------
# RESULTS.md
# ---------------------------------------------------------------------------------------------------------------


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _verdict(metric: Metric | None, aim: str | None) -> str:
    if aim is None:
        return ""
    if metric is None:
        return "not measured"
    return {"yes": "yes", "NO": "**no**", "?": "? (unit)"}[aim_verdict(metric, aim)]


def _load_text(load: Any) -> str:
    if not isinstance(load, list) or len(load) != 3:
        return "unknown"
    return f"{load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1 / 5 / 15 min, when the run started)"


def _machine_section(machine: Mapping[str, Any], date: str) -> list[str]:
    ram = machine.get("ram_bytes")
    packages = ", ".join(f"{k} {v}" for k, v in (machine.get("packages") or {}).items())
    rows = [
        ("date", date),
        ("CPU", machine.get("cpu")),
        ("cores", f"{machine.get('cores')} ({machine.get('usable_cores')} usable by this process)"),
        ("RAM", f"{ram / 1024**3:.1f} GiB" if isinstance(ram, int) else "unknown"),
        ("OS", machine.get("os")),
        ("Python", machine.get("python")),
        ("packages", packages),
        ("load average", _load_text(machine.get("load_average"))),
    ]
    return ["## Machine", "", *_table(("", ""), rows), ""]


def _aims_section(benchmarks: Sequence[Mapping[str, Any]], chart: str | None) -> list[str]:
    rows = []
    for bench in benchmarks:
        for key, aim in bench.get("aim", {}).items():
            data = bench["metrics"].get(key)
            metric = Metric.from_json(data) if data else None
            median = f"{format_number(metric.median)} {metric.unit}" if metric else "-"
            rows.append((bench["name"], key, median, aim, _verdict(metric, aim)))
    lines = ["## Aims at a glance", ""]
    lines += (
        _table(("benchmark", "metric", "median", "aim", "met"), rows) if rows else ["No benchmark declared an aim."]
    )
    if chart:
        lines += ["", f"![each aimed metric's median as a fraction of its aim]({chart})"]
    return [*lines, ""]


def _metric_row(key: str, metric: Metric, aim: str | None) -> tuple[str, ...]:
    spread = f"{metric.spread:.0%}" if math.isfinite(metric.spread) else "-"
    iqr = format_number(metric.iqr) if metric.iqr is not None else "-"
    numbers = (format_number(v) for v in (metric.median, metric.min, metric.max))
    return (f"`{key}`", *numbers, spread, iqr, metric.unit, str(metric.runs), aim or "", _verdict(metric, aim))


def _bench_section(bench: Mapping[str, Any]) -> list[str]:
    lines = [f"## {bench['name']}", ""]
    if bench.get("description"):
        lines += [bench["description"], ""]
    if bench.get("status", "ok") != "ok":
        lines += [f"**{bench['status']}**: {_cell(bench.get('error') or '')}", ""]
    metrics = {k: Metric.from_json(v) for k, v in bench.get("metrics", {}).items()}
    aims = bench.get("aim", {})
    if metrics:
        header = ("metric", "median", "min", "max", "spread", "IQR", "unit", "runs", "aim", "met")
        lines += [*_table(header, [_metric_row(k, m, aims.get(k)) for k, m in metrics.items()]), ""]
    missing = [k for k in aims if k not in metrics]
    notes = [*bench.get("notes", []), *(f"aim `{k}` ({aims[k]}): not measured" for k in missing)]
    lines += [f"- {note}" for note in notes] + ([""] if notes else [])
    return [*lines, "Reproduce:", "", "```sh", bench["command"], "```", ""]


def render_markdown(report: Mapping[str, Any], *, chart: str | None = "results.png") -> str:
    """RESULTS.md from a report (the content of results.json)."""
    benchmarks = report.get("benchmarks", [])
    failed = [b["name"] for b in benchmarks if b.get("status", "ok") != "ok"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (`{report.get('command', '.venv/bin/python bench/run_all.py')}`). These are the",
        "numbers measured on the machine below; each benchmark's command reproduces them. Every metric is the median",
        "over its runs, with min, max, spread = (max - min) / median and the interquartile range. An aim is judged",
        "on the median.",
        "",
    ]
    if failed:
        lines += [f"**Failed or timed out:** {', '.join(failed)} (see below).", ""]
    lines += _machine_section(report.get("machine", {}), report.get("date", "unknown"))
    lines += _aims_section(benchmarks, chart)
    for bench in benchmarks:
        lines += _bench_section(bench)
    return "\n".join(lines).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------------------------------------------
# results.png
# ---------------------------------------------------------------------------------------------------------------


@attrs.frozen
class Bar:
    """One aimed metric on the chart: its label, the median/min/max as fractions of the aim, and the verdict."""

    label: str
    fraction: float
    low: float
    high: float
    met: bool


def chart_bars(benchmarks: Sequence[Mapping[str, Any]]) -> list[Bar]:
    """Every measured metric with a readable aim, as fractions of that aim (``<= 1`` meets it)."""
    bars = []
    for bench in benchmarks:
        for key, aim in bench.get("aim", {}).items():
            if key not in bench.get("metrics", {}):
                continue
            metric = Metric.from_json(bench["metrics"][key])
            fractions = [
                aim_fraction(attrs.evolve(metric, median=v), aim) for v in (metric.median, metric.min, metric.max)
            ]
            if any(f is None or not math.isfinite(f) or f <= 0 for f in fractions):
                continue
            mid, a, b = (float(f) for f in fractions if f is not None)
            label = f"{bench['name']}: {key}\n{format_number(metric.median)} {metric.unit} (aim {aim})"
            bars.append(Bar(label, mid, min(a, b), max(a, b), mid <= 1.0))
    return bars


def _draw_bars(ax: Any, bars: Sequence[Bar]) -> None:
    """Dots with min..max whiskers on a log axis, green where the median meets its aim, the aim line at 1."""
    low = min(min(b.low for b in bars), 1.0) / 2
    high = max(max(b.high for b in bars), 1.0) * 2
    ax.set_xscale("log")
    ax.set_xlim(low, high)
    ax.axvspan(low, 1.0, color="#e8f5e9", zorder=0)
    ax.axvline(1.0, color="black", linestyle="--", linewidth=1)
    for y, bar in enumerate(bars):
        color = "#2e7d32" if bar.met else "#c62828"
        whiskers = [[bar.fraction - bar.low], [bar.high - bar.fraction]]
        ax.errorbar([bar.fraction], [y], xerr=whiskers, fmt="o", color=color, markersize=8, capsize=4)
    ax.set_yticks(range(len(bars)), [b.label for b in bars], fontsize=8)
    ax.set_ylim(len(bars) - 0.5, -0.5)
    ax.set_xlabel("median / aim (log scale; the shaded side of the dashed line meets the aim; whiskers: min..max)")


def render_chart(report: Mapping[str, Any], path: Path) -> None:
    """Draw results.png: one horizontal bar per aimed metric, median / aim on a log axis, the aim at 1."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bars = chart_bars(report.get("benchmarks", []))
    fig, ax = plt.subplots(figsize=(10, 1.6 + 0.7 * max(len(bars), 1)), layout="constrained")
    if bars:
        _draw_bars(ax, bars)
    else:
        ax.text(0.5, 0.5, "no aimed metric was measured", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
    ax.set_title(f"taskfacade benchmarks: medians against their aims ({report.get('date', '')})")
    fig.savefig(path, dpi=120)
    plt.close(fig)


# ---------------------------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this benchmark (repeatable)")
    parser.add_argument("--runs", type=int, help="pass --runs N to every benchmark (default: each script's own)")
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT_S, help=f"seconds per script (default {DEFAULT_TIMEOUT_S:g})"
    )
    parser.add_argument("--out-dir", type=Path, default=BENCH_DIR, help="where to write the outputs (default bench/)")
    parser.add_argument("--from-json", type=Path, metavar="PATH", help="re-render RESULTS.md and the chart only")
    return parser


def _select(scripts: Sequence[Path], only: Sequence[str] | None, parser: argparse.ArgumentParser) -> list[Path]:
    if not only:
        return list(scripts)
    known = {p.stem: p for p in scripts}
    unknown = [name for name in only if name not in known]
    if unknown:
        parser.error(f"--only: unknown benchmark(s) {unknown}; available: {sorted(known)}")
    return [known[name] for name in only]


def run_all(scripts: Sequence[Path], *, timeout: float, runs: int | None, command: str) -> dict[str, Any]:
    """Run ``scripts`` one after the other and return the report (the content of results.json).

    ``command`` is the runner's own command line, recorded so the whole report can be reproduced.
    """
    report: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine_info(),  # before running anything, so the load average is the machine's own
        "command": command,
        "benchmarks": [],
    }
    for script in scripts:
        log(f"run_all: {script.name} ...")
        entry = run_script(script, timeout=timeout, runs=runs)
        log(f"run_all: {script.name}: {entry['status']} in {entry['duration_s']:.1f} s")
        report["benchmarks"].append(entry)
    return report


def write_outputs(report: Mapping[str, Any], out_dir: Path) -> None:
    """Write RESULTS.md and results.png into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    render_chart(report, out_dir / "results.png")
    (out_dir / "RESULTS.md").write_text(render_markdown(report, chart="results.png"), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point: 0 when every benchmark produced results, 1 when one failed or timed out."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error(f"--runs must be a positive integer, got {args.runs}")
    if args.timeout <= 0:
        parser.error(f"--timeout must be a positive number of seconds, got {args.timeout:g}")
    if args.from_json is not None:
        report = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        command = reproduce_command(__file__, *(sys.argv[1:] if argv is None else argv))
        scripts = _select(discover(), args.only, parser)
        report = run_all(scripts, timeout=args.timeout, runs=args.runs, command=command)
        args.out_dir.mkdir(parents=True, exist_ok=True)
        (args.out_dir / "results.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    write_outputs(report, args.out_dir)
    log(f"run_all: wrote RESULTS.md and results.png{'' if args.from_json else ' and results.json'} in {args.out_dir}")
    return 0 if all(b.get("status", "ok") == "ok" for b in report.get("benchmarks", [])) else 1


if __name__ == "__main__":
    sys.exit(main())
