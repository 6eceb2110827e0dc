"""Generate the low-level clients in generated/ from the specs in openapi/.

Usage:
    python scripts/generate.py            # regenerate generated/taskfacade_generated/
    python scripts/generate.py --check    # regenerate into a temporary directory and diff (non-zero on drift)
    python scripts/generate.py --only tiledb   # regenerate one service (its subpackage only)
    python scripts/generate.py --spec PLUGIN/openapi/jobs.yaml --out PLUGIN/pkg/generated [--check]
                                          # a plug-in's spec into its own package directory (docs/adding-a-service.md)

Every spec ``openapi/<service>.yaml`` becomes ``generated/taskfacade_generated/<service>/`` (``--meta none``),
built with the pinned openapi-python-client, our templates in ``openapi/templates/`` and isolated ruff post-hooks.
A plug-in's spec (``--spec``) is built the same way, with the same templates and config, into ``--out``.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "openapi"
TARGET = ROOT / "generated" / "taskfacade_generated"
PACKAGE_INIT = '"""Low-level clients generated from openapi/ by scripts/generate.py. Never edit by hand."""\n'


def generate_one(spec: Path, out_root: Path) -> None:
    bindir = Path(sys.executable).parent
    out = out_root / spec.stem
    cmd = [
        str(bindir / "openapi-python-client"),
        "generate",
        "--path",
        str(spec),
        "--output-path",
        str(out),
        "--meta",
        "none",
        "--config",
        str(SPECS / "config.yaml"),
        "--custom-template-path",
        str(SPECS / "templates"),
        "--overwrite",
        "--fail-on-warning",
    ]
    env = {"PATH": f"{bindir}:/usr/bin:/bin", "PYTHONHASHSEED": "0"}
    out_root.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=out_root)
    if proc.returncode != 0:
        raise SystemExit(f"generation of {spec.name} failed:\n{proc.stdout}\n{proc.stderr}")


def service_specs(only: list[str] | None = None) -> list[Path]:
    specs = [s for s in sorted(SPECS.glob("*.yaml")) if s.name != "config.yaml"]
    if only:
        unknown = set(only) - {s.stem for s in specs}
        if unknown:
            raise SystemExit(f"no spec for {sorted(unknown)}; known: {[s.stem for s in specs]}")
        specs = [s for s in specs if s.stem in only]
    return specs


def check_specs(specs: list[Path]) -> None:
    """Refuse to generate from a spec that does not parse, validate or resolve: one error naming file and place."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from specdiff import SpecError, load_spec

    for spec in specs:
        try:
            load_spec(spec)
        except SpecError as exc:
            raise SystemExit(f"not generating: {exc}") from None


def generate_all(out_root: Path, only: list[str] | None = None) -> None:
    specs = service_specs(only)
    check_specs(specs)
    out_root.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=len(specs) or 1) as pool:
        list(pool.map(lambda s: generate_one(s, out_root), specs))
    (out_root / "__init__.py").write_text(PACKAGE_INIT)
    (out_root / "py.typed").write_text("")


def generate_plugin(spec: Path, out: Path, check: bool) -> int:
    """Generate one plug-in spec into the package directory ``out`` (or, with ``check``, diff it against ``out``)."""
    if not spec.is_file():
        raise SystemExit(f"--spec {spec}: no such file")
    check_specs([spec])
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        generate_one(spec, Path(tmp))
        fresh = Path(tmp) / spec.stem
        if check:
            problems = diff_trees(out, fresh) if out.is_dir() else [f"missing: {out}"]
            if problems:
                hint = "run generate.py --spec ... --out ... and commit both"
                print(f"{out} drifted from {spec} ({hint}):", file=sys.stderr)
                print("\n".join(f"  {p}" for p in problems), file=sys.stderr)
                return 1
            print(f"{out} matches {spec} ({time.perf_counter() - started:.1f} s)")
            return 0
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(fresh, out)
    print(f"generated {out} in {time.perf_counter() - started:.1f} s")
    return 0


def diff_trees(a: Path, b: Path) -> list[str]:
    cmp = filecmp.dircmp(a, b, ignore=["__pycache__"])
    problems: list[str] = []

    def walk(d: filecmp.dircmp[str], rel: str) -> None:
        problems.extend(f"only in generated/: {rel}{n}" for n in d.left_only)
        problems.extend(f"missing from generated/: {rel}{n}" for n in d.right_only)
        _, mismatch, errors = filecmp.cmpfiles(d.left, d.right, d.common_files, shallow=False)
        problems.extend(f"differs: {rel}{n}" for n in mismatch + errors)
        for name, sub in d.subdirs.items():
            walk(sub, f"{rel}{name}/")

    walk(cmp, "")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail when generated/ differs from a fresh generation")
    parser.add_argument("--only", action="append", help="regenerate only this service (repeatable)")
    parser.add_argument("--spec", type=Path, help="a plug-in's spec, generated into --out instead of openapi/*.yaml")
    parser.add_argument("--out", type=Path, help="with --spec: the package directory to write (replaced whole)")
    args = parser.parse_args()
    if (args.spec is None) != (args.out is None) or (args.spec is not None and args.only):
        parser.error("--spec and --out go together, and not with --only")
    if args.spec is not None:
        return generate_plugin(args.spec.resolve(), args.out.resolve(), args.check)
    started = time.perf_counter()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "taskfacade_generated"
            generate_all(fresh)
            problems = diff_trees(TARGET, fresh)
        if problems:
            print("generated/ drifted from openapi/ (run `make generate` and commit both):", file=sys.stderr)
            print("\n".join(f"  {p}" for p in problems), file=sys.stderr)
            return 1
        print(f"generated/ matches openapi/ ({time.perf_counter() - started:.1f} s)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "taskfacade_generated"
        generate_all(fresh, args.only)
        if args.only:
            TARGET.mkdir(parents=True, exist_ok=True)
            for name in ["__init__.py", "py.typed", *args.only]:
                target, source = TARGET / name, fresh / name
                if target.is_dir():
                    shutil.rmtree(target)
                if source.is_dir():
                    shutil.copytree(source, target)
                else:
                    shutil.copy2(source, target)
        else:
            if TARGET.exists():
                shutil.rmtree(TARGET)
            shutil.copytree(fresh, TARGET)
    print(f"generated {TARGET.relative_to(ROOT)} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
