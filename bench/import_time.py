"""Import time of ``taskfacade`` in a fresh interpreter, beside ``boto3`` and ``geobox``.

Method: each run is a new ``python -c`` process that reads ``time.perf_counter()`` just before and just after
``import <module>`` and prints the difference, so interpreter start-up and shutdown are not counted and no
baseline has to be subtracted. Modules are interleaved within each round, so drift on the machine hits all of
them alike. One untimed warm-up round comes first; it also writes ``__pycache__`` (``PYTHONDONTWRITEBYTECODE`` is
dropped for the children), so the timed runs load bytecode, as an installed package does. As a cross-check the
script also reports the whole-process wall time of ``python -c "import taskfacade"`` minus that of an empty
interpreter (``python -c pass``) run just before it in the same round (noisy: start-up varies by about a
millisecond), and adds a note with the heaviest modules under each taskfacade import from one
``python -X importtime`` run (single run: for finding what to import lazily, not for the numbers).

Aim (issue 6): ``import taskfacade`` under 60 ms.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from _harness import (
    BenchResult,
    ChildError,
    checked,
    direct_imports,
    emit,
    import_profile,
    log,
    make_parser,
    reproduce_command,
    run_python,
    run_snippet,
)

NAME = "import_time"
DESCRIPTION = "`import X` in a fresh interpreter (time inside the child around the import statement)."
#: (module, metric name, aim). The facade's service modules show what a first call pays on top.
MODULES: tuple[tuple[str, str, str | None], ...] = (
    ("taskfacade", "import_taskfacade_ms", "< 60 ms"),
    ("taskfacade.deadline", "import_taskfacade_deadline_ms", None),
    ("taskfacade.geobox", "import_taskfacade_geobox_ms", None),
    ("boto3", "import_boto3_ms", None),
    ("geobox", "import_geobox_ms", None),
)
DEFAULT_RUNS = 15


def _available(modules: Sequence[str], result: BenchResult) -> list[str]:
    """The modules that import cleanly (this is the warm-up round); the others get a "not available" note."""
    usable = []
    for module in modules:
        try:
            run_snippet(f"import {module}")
        except ChildError as exc:
            result.notes.append(f"{module}: not available yet ({exc})")
            continue
        usable.append(module)
    return usable


def _measure_imports(modules: Sequence[str], runs: int) -> dict[str, list[float]]:
    """Seconds per import for each module, ``runs`` interleaved rounds."""
    times: dict[str, list[float]] = {module: [] for module in modules}
    for round_no in range(runs):
        log(f"{NAME}: round {round_no + 1}/{runs}")
        for module in modules:
            times[module].append(run_snippet(f"import {module}").inner_wall_s)
    return times


def _process_walls_ms(runs: int) -> tuple[list[float], list[float]]:
    """Whole-process wall times of ``python -c pass`` and ``python -c 'import taskfacade'``, paired per round."""
    empty, with_import = [], []
    for _ in range(runs):
        empty.append(checked(run_python("pass")).wall_s * 1e3)
        with_import.append(checked(run_python("import taskfacade")).wall_s * 1e3)
    return empty, with_import


def _profile_note(module: str) -> str:
    """One line naming the heaviest direct imports of ``module`` (from a single ``-X importtime`` run)."""
    costs = import_profile(module)
    own = next((c for c in costs if c.module == module and c.depth == 0), None)
    heavy = direct_imports(costs, module)[:5]
    listed = ", ".join(f"{c.module} {c.cumulative_us / 1e3:.1f} ms" for c in heavy)
    total = f"{own.cumulative_us / 1e3:.1f} ms cumulative" if own else "already imported"
    return f"-X importtime (one run) {module}: {total}; heaviest direct imports: {listed or 'none'}"


def measure(runs: int) -> BenchResult:
    """Run every measurement and return the result."""
    result = BenchResult(NAME, DESCRIPTION, reproduce_command(__file__, "--runs", str(runs)))
    modules = _available([m for m, _, _ in MODULES], result)
    times = _measure_imports(modules, runs)
    for module, metric, aim in MODULES:
        if module in times:
            result.add(metric, [t * 1e3 for t in times[module]], "ms", aim=aim)
    if "taskfacade" in modules:
        empty, with_import = _process_walls_ms(runs)
        result.add("empty_interpreter_ms", empty, "ms")
        result.add("taskfacade_process_minus_empty_ms", [w - e for w, e in zip(with_import, empty, strict=True)], "ms")
        result.notes += [_profile_note(m) for m in modules if m.startswith("taskfacade")]
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    args = make_parser(__doc__, default_runs=DEFAULT_RUNS).parse_args(argv)
    emit(measure(args.runs), as_json=args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
