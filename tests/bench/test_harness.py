"""The benchmark harness's own logic: statistics, aims, fresh-process timing, the runner and its report.

No real benchmark runs here: the runner is exercised on tiny fake scripts, the report on sample JSON, and every
``bench/*.py`` script only with ``--help``.
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"


def _load(name: str) -> ModuleType:
    """Import ``bench/<name>.py`` as the scripts see it (``run_all`` imports ``_harness`` by that name)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH_DIR / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


h = _load("_harness")
run_all = _load("run_all")


def _metric(median: float, unit: str, lo: float | None = None, hi: float | None = None) -> Any:
    return h.Metric(median, median if lo is None else lo, median if hi is None else hi, unit, 5)


# --- statistics --------------------------------------------------------------------------------------------------


def test_summarize_gives_median_min_max_runs_and_iqr() -> None:
    m = h.summarize([4.0, 1.0, 100.0, 3.0, 2.0], "ms")
    assert (m.median, m.min, m.max, m.unit, m.runs) == (3.0, 1.0, 100.0, "ms", 5)
    assert m.iqr == pytest.approx(2.0)  # inclusive quartiles of 1..4,100: 2 and 4
    assert m.spread == pytest.approx(99.0 / 3.0)


def test_summarize_one_value_has_no_spread_and_no_iqr() -> None:
    m = h.summarize([7.5], "s")
    assert (m.median, m.min, m.max, m.runs, m.iqr, m.spread) == (7.5, 7.5, 7.5, 1, None, 0.0)


@pytest.mark.parametrize("values", [[], [1.0, math.nan]])
def test_summarize_refuses_empty_or_nan(values: list[float]) -> None:
    with pytest.raises(ValueError, match="summarize"):
        h.summarize(values, "ms")


def test_metric_json_round_trip_and_validation() -> None:
    m = h.summarize([1.0, 2.0, 3.0], "ms")
    assert h.Metric.from_json(json.loads(json.dumps(m.to_json()))) == m
    good = {"median": 1, "min": 1, "max": 1, "unit": "ms", "runs": 1}
    for field, bad in [("median", None), ("min", "1"), ("max", True), ("unit", 3), ("runs", 0), ("runs", 1.5)]:
        with pytest.raises(ValueError, match=repr(field)):
            h.Metric.from_json({**good, field: bad})
    with pytest.raises(ValueError, match="JSON object"):
        h.Metric.from_json([1, 2])


def test_pairwise_ratios() -> None:
    assert h.pairwise_ratios([1.0, 3.0], [2.0, 4.0]) == [0.5, 0.75]
    with pytest.raises(ValueError, match="as many runs"):
        h.pairwise_ratios([1.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="positive"):
        h.pairwise_ratios([1.0], [0.0])


# --- aims --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aim", "median", "unit", "expected"),
    [
        ("< 60 ms", 59.9, "ms", True),
        ("< 60 ms", 60.0, "ms", False),
        ("< 60 ms", 0.05, "s", True),
        ("<= 0.6x", 0.6, "x", True),
        ("<= 0.6x", 0.61, "x", False),
        ("<= 1.3x", 1.2, "ratio", True),
        (">= 1000 req/s", 1500.0, "req/s", True),
        (">= 1000 req/s", 999.0, "req/s", False),
        ("> 5", 5.0, "tasks/s", False),
        ("<= 30 MB", 12.0, "MB", True),
        ("<= 30 MB", 31e6, "B", False),
        ("<= 30 MiB", 31e6, "B", True),
        ("≤ 2 s", 1500.0, "ms", True),
        ("<= 1.3x", 1.0, "ms", None),
        ("flat per page", 1.0, "ms", None),
    ],
)
def test_evaluate_aim(aim: str, median: float, unit: str, expected: bool | None) -> None:
    assert h.evaluate_aim(_metric(median, unit), aim) is expected


def test_aim_parse_error_names_the_accepted_form() -> None:
    with pytest.raises(ValueError, match="<, <=, >, >="):
        h.Aim.parse("about 3")


def test_aim_fraction_is_oriented_so_one_is_the_aim() -> None:
    assert h.aim_fraction(_metric(30.0, "ms"), "< 60 ms") == pytest.approx(0.5)
    assert h.aim_fraction(_metric(2000.0, "req/s"), ">= 1000 req/s") == pytest.approx(0.5)
    assert h.aim_fraction(_metric(1.0, "ms"), "<= 2x") is None


# --- in-process timing and memory ----------------------------------------------------------------------------------


def test_repeat_runs_warmup_untimed_then_times_each_run() -> None:
    calls: list[int] = []
    timings = h.repeat(lambda: calls.append(1), 3, warmup=2)
    assert len(calls) == 5
    assert len(timings) == 3
    assert all(t.wall_s >= 0 and t.cpu_s >= 0 and t.thread_cpu_s >= 0 for t in timings)
    with pytest.raises(ValueError, match="runs >= 1"):
        h.repeat(lambda: None, 0)


def test_timed_counts_cpu_for_busy_work() -> None:
    result, timing = h.timed(lambda: sum(i * i for i in range(200_000)))
    assert result == sum(i * i for i in range(200_000))
    assert timing.thread_cpu_s > 0
    assert timing.wall_s >= timing.thread_cpu_s * 0.5


def test_peak_rss_growth_sees_a_temporary_allocation() -> None:
    size = 64 * 1024 * 1024

    def allocate() -> int:
        block = b"\x01" * size  # touches every page, unlike a calloc-backed bytearray
        return len(block)

    result, growth = h.measure_peak_rss_growth(allocate)
    assert result == size
    assert growth.bytes >= size * 0.9
    if Path("/proc/self/clear_refs").exists():
        assert growth.kind in {"exact", "upper bound"}
        _, small = h.measure_peak_rss_growth(lambda: None)
        if small.kind == "exact":
            assert small.bytes < size / 2  # the earlier peak was reset, not carried over


# --- fresh processes -----------------------------------------------------------------------------------------------


def test_run_snippet_passes_params_and_times_inside_the_child() -> None:
    run = h.run_snippet("value = P['a'] + 1\nassert value == 42", {"a": 41})
    assert 0 <= run.inner_wall_s <= run.process_wall_s
    assert run.inner_cpu_s >= 0


def test_run_snippet_failure_names_the_error() -> None:
    with pytest.raises(h.ChildError, match="RuntimeError: boom"):
        h.run_snippet("raise RuntimeError('boom')")


def test_time_python_returns_one_wall_time_per_run() -> None:
    walls = h.time_python("pass", 2, warmup=0)
    assert len(walls) == 2
    assert all(w > 0 for w in walls)


def test_child_env_drops_bytecode_suppression(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = h.child_env({"EXTRA": "x"})
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["EXTRA"] == "x"


def test_direct_imports_reads_the_importtime_tree() -> None:
    costs = [
        h.ImportCost("deep", 2, 5, 5),
        h.ImportCost("light", 1, 10, 15),
        h.ImportCost("heavy", 1, 1, 100),
        h.ImportCost("pkg", 0, 3, 118),
    ]
    assert [c.module for c in h.direct_imports(costs, "pkg")] == ["heavy", "light"]
    assert h.direct_imports(costs, "absent") == []


# --- command line and output -----------------------------------------------------------------------------------


def test_parser_has_json_and_runs_and_refuses_bad_runs(capsys: pytest.CaptureFixture[str]) -> None:
    parser = h.make_parser("demo", default_runs=7)
    args = parser.parse_args(["--json"])
    assert (args.json, args.runs) == (True, 7)
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(["--runs", "0"])
    assert exc.value.code == 2
    assert "--runs must be a positive integer" in capsys.readouterr().err


def test_emit_json_is_one_object_the_runner_accepts(capsys: pytest.CaptureFixture[str]) -> None:
    result = h.BenchResult("demo", "a demo", h.reproduce_command(BENCH_DIR / "demo.py", "--runs", "3"))
    result.add("ratio", [0.5, 0.7, 0.6], "x", aim="<= 0.6x")
    result.notes.append("one side missing")
    h.emit(result, as_json=True)
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    parsed = run_all.parse_output(out)
    assert parsed["command"] == ".venv/bin/python bench/demo.py --runs 3"
    assert parsed["metrics"]["ratio"]["median"] == pytest.approx(0.6)
    assert parsed["aim"] == {"ratio": "<= 0.6x"}
    assert parsed["notes"] == ["one side missing"]


def test_render_text_shows_aims_and_verdicts() -> None:
    result = h.BenchResult("demo", "a demo", "cmd")
    result.add("fast_ms", [1.0, 2.0], "ms", aim="< 60 ms")
    result.add("ratio", [0.9], "x", aim="<= 0.6x")
    text = h.render_text(result)
    assert "< 60 ms" in text
    lines = {line.split()[0]: line for line in text.splitlines() if line.startswith(("fast_ms", "ratio"))}
    assert lines["fast_ms"].endswith("yes")
    assert lines["ratio"].endswith("NO")


# --- the runner ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stdout", "message"),
    [
        ("not json", "not one JSON object"),
        ("[1]", "not an object"),
        ('{"metrics": {}, "command": "c"}', "'name'"),
        ('{"name": "n", "metrics": [], "command": "c"}', "'metrics'"),
        ('{"name": "n", "command": "c", "metrics": {"m": {"median": 1}}}', "metric 'm'"),
        ('{"name": "n", "command": "c", "metrics": {}, "aim": {"m": 1}}', "'aim'"),
    ],
)
def test_parse_output_refuses_what_breaks_the_convention(stdout: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        run_all.parse_output(stdout)


def test_parse_output_tolerates_stray_lines_before_the_object_with_a_note() -> None:
    stdout = 'INFO: started\n{"name": "n", "command": "c", "metrics": {}}\n'
    parsed = run_all.parse_output(stdout)
    assert parsed["name"] == "n"
    assert parsed["notes"] == ["stdout held 1 line(s) besides the JSON object (convention: only it)"]
    with pytest.raises(ValueError, match="not one JSON object"):
        run_all.parse_output('{"name": "n"}\nINFO: trailing')


def test_discover_skips_private_modules_and_the_runner(tmp_path: Path) -> None:
    for name in ("b.py", "a.py", "_harness.py", "run_all.py", "notes.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in run_all.discover(tmp_path)] == ["a.py", "b.py"]


OK_SCRIPT = """
import json, sys
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 1
metric = {"median": 2.0, "min": 1.0, "max": 3.0, "unit": "ms", "runs": runs}
print(json.dumps({"name": "fake", "description": "d", "metrics": {"t_ms": metric}, "command": "c"}))
"""


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (OK_SCRIPT, "ok", None),
        (
            "import sys\nsys.stderr.write('setup\\nboom happened\\n')\nsys.exit(3)",
            "failed",
            "exit code 3: boom happened",
        ),
        ("print('hello')", "failed", "invalid output: stdout is not one JSON object"),
        ("import time\ntime.sleep(60)", "timeout", "no result within 1 s"),
    ],
)
def test_run_script_reports_failures_instead_of_crashing(
    tmp_path: Path, body: str, status: str, error: str | None
) -> None:
    script = tmp_path / "fake.py"
    script.write_text(body, encoding="utf-8")
    entry = run_all.run_script(script, timeout=1.0, runs=4)
    assert entry["status"] == status
    assert entry["script"] == str(script)
    if status == "ok":
        assert entry["error"] is None
        assert entry["metrics"]["t_ms"]["runs"] == 4
    else:
        assert entry["error"].startswith(error)
        assert entry["name"] == "fake"
        assert entry["metrics"] == {}


def test_run_all_carries_on_past_a_failing_script(tmp_path: Path) -> None:
    (tmp_path / "a_fails.py").write_text("raise SystemExit('nope')", encoding="utf-8")
    (tmp_path / "b_ok.py").write_text(OK_SCRIPT, encoding="utf-8")
    report = run_all.run_all(run_all.discover(tmp_path), timeout=30.0, runs=None, command="cmd")
    assert [(b["name"], b["status"]) for b in report["benchmarks"]] == [("a_fails", "failed"), ("fake", "ok")]
    assert report["command"] == "cmd"
    assert report["machine"]["cpu"]
    run_all.write_outputs(report, tmp_path / "out")
    text = (tmp_path / "out" / "RESULTS.md").read_text(encoding="utf-8")
    assert "**failed**: exit code 1: nope" in text
    assert "| `t_ms` | 2 | 1 | 3 |" in text


def test_machine_info_names_cpu_ram_os_python_and_packages() -> None:
    info = run_all.machine_info()
    assert info["cpu"]
    assert info["cores"] >= 1
    assert info["python"].endswith(".".join(map(str, sys.version_info[:3])))
    assert set(info["packages"]) >= {"httpx", "boto3", "geobox", "taskfacade"}


def _sample_report() -> dict[str, Any]:
    def metric(median: float, lo: float, hi: float, unit: str) -> dict[str, Any]:
        return {"median": median, "min": lo, "max": hi, "unit": unit, "runs": 15}

    return {
        "date": "2025-01-02 03:04 UTC",
        "command": ".venv/bin/python bench/run_all.py",
        "machine": {
            "cpu": "Test CPU 9000",
            "cores": 2,
            "usable_cores": 2,
            "ram_bytes": 8 * 1024**3,
            "os": "Linux-test",
            "python": "CPython 3.11.7",
            "packages": {"httpx": "0.28.1", "boto3": "1.40.0", "geobox": "2.11.0"},
            "load_average": [0.5, 0.25, 0.125],
        },
        "benchmarks": [
            {
                "name": "import_time",
                "description": "import cost",
                "metrics": {"import_taskfacade_ms": metric(12.5, 11.0, 14.0, "ms")},
                "aim": {"import_taskfacade_ms": "< 60 ms"},
                "command": ".venv/bin/python bench/import_time.py --runs 15",
                "notes": [],
                "status": "ok",
            },
            {
                "name": "first_task",
                "description": "first task | fresh process",
                "metrics": {"deadline_ratio": metric(0.7, 0.65, 0.8, "x")},
                "aim": {"deadline_ratio": "<= 0.6x", "geobox_ratio": "<= 0.7x"},
                "command": ".venv/bin/python bench/first_task.py --runs 15",
                "notes": ["geobox via taskfacade: not available yet"],
                "status": "ok",
            },
            {
                "name": "broken",
                "description": "",
                "metrics": {},
                "aim": {},
                "command": ".venv/bin/python bench/broken.py",
                "notes": [],
                "status": "failed",
                "error": "exit code 1: ZeroDivisionError",
            },
        ],
    }


def test_render_markdown_from_sample_json() -> None:
    text = run_all.render_markdown(json.loads(json.dumps(_sample_report())))
    assert text.startswith("# Benchmark results\n")
    for expected in (
        "| CPU | Test CPU 9000 |",
        "| RAM | 8.0 GiB |",
        "| load average | 0.50 / 0.25 / 0.12 (1 / 5 / 15 min, when the run started) |",
        "| date | 2025-01-02 03:04 UTC |",
        "httpx 0.28.1, boto3 1.40.0, geobox 2.11.0",
        "| import_time | import_taskfacade_ms | 12.5 ms | < 60 ms | yes |",
        "| first_task | deadline_ratio | 0.7 x | <= 0.6x | **no** |",
        "| first_task | geobox_ratio | - | <= 0.7x | not measured |",
        "| `import_taskfacade_ms` | 12.5 | 11 | 14 | 24% | - | ms | 15 | < 60 ms | yes |",
        "first task | fresh process\n",
        "- geobox via taskfacade: not available yet",
        "- aim `geobox_ratio` (<= 0.7x): not measured",
        "**Failed or timed out:** broken",
        "**failed**: exit code 1: ZeroDivisionError",
        "```sh\n.venv/bin/python bench/first_task.py --runs 15\n```",
        "![each aimed metric's median as a fraction of its aim](results.png)",
    ):
        assert expected in text, expected


def test_chart_bars_and_png(tmp_path: Path) -> None:
    report = _sample_report()
    bars = run_all.chart_bars(report["benchmarks"])
    assert [(b.met, round(b.fraction, 4)) for b in bars] == [(True, round(12.5 / 60, 4)), (False, round(0.7 / 0.6, 4))]
    assert bars[1].low == pytest.approx(0.65 / 0.6)
    run_all.render_chart(report, tmp_path / "with.png")
    run_all.render_chart({"benchmarks": []}, tmp_path / "without.png")
    for name in ("with.png", "without.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_main_from_json_writes_report_and_signals_failures(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(_sample_report()), encoding="utf-8")
    assert run_all.main(["--from-json", str(source), "--out-dir", str(tmp_path / "out")]) == 1
    assert "Test CPU 9000" in (tmp_path / "out" / "RESULTS.md").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "results.png").stat().st_size > 0
    assert not (tmp_path / "out" / "results.json").exists()


# --- every script's --help ---------------------------------------------------------------------------------------

SCRIPTS = sorted(p for p in BENCH_DIR.glob("*.py") if not p.name.startswith("_"))
BENCHMARKS = [p for p in SCRIPTS if p.name != "run_all.py"]


def _help(script: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(script), "--help"], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_every_script_supports_help(script: Path) -> None:
    proc = _help(script)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage:")


@pytest.mark.parametrize("script", BENCHMARKS, ids=[p.name for p in BENCHMARKS])
def test_every_benchmark_offers_the_conventions_options(script: Path) -> None:
    """run_all.py calls every benchmark with --json (and --runs N when asked): the convention in bench/README.md."""
    usage = _help(script).stdout
    assert "--json" in usage
    assert "--runs" in usage
