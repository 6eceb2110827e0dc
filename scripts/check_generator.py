"""Would our custom templates still fit another openapi-python-client version? ``make check-generator``.

Usage:
    python scripts/check_generator.py --version 0.30.0   # installs it into a scratch venv (needs PyPI)
    python scripts/check_generator.py --python PATH      # an interpreter that already has the generator

Per template in ``openapi/templates/`` it reports three things, so the one that no longer fits is named:

1. **upstream**: is the stock template we override (and every stock template it imports) byte-identical to the
   one our override was written against? Their SHA-256 are recorded in ``openapi/templates/BASE.json``; a changed
   one means upstream moved on and our copy may miss its changes (the diff against the pinned venv is printed).
2. **renders**: does the golden spec (``tests/generated/golden/spec.yaml``) generate with our templates?
3. **golden**: does the file the template shapes still equal its golden copy (``tests/generated/golden/``)?

Exit code 0 when every template fits, 1 otherwise. ``--record`` rewrites BASE.json from the given generator (do
that only after re-basing the overrides on its stock templates).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "openapi" / "templates"
BASE = TEMPLATES / "BASE.json"
GOLDEN = ROOT / "tests" / "generated" / "golden"
#: our template -> the generated file of the golden spec that it shapes (its golden is tests/generated/golden/)
SHAPES = {
    "str_enum.py.jinja": "models/status.py",
    "types.py.jinja": "types.py",
    "endpoint_module.py.jinja": "api/default/get_task.py",
    "models_init.py.jinja": "models/__init__.py",
}
IMPORTS = re.compile(r"""{%-?\s*(?:from|import|include|extends)\s+["']([^"']+)["']""")


@attrs.frozen
class Verdict:
    """What one template's check found."""

    template: str
    upstream: str  # "unchanged" | "changed: <stock names>" | "missing: <names>"
    renders: bool
    golden: str  # "matches" | "differs" | "not generated"

    @property
    def fits(self) -> bool:
        """Whether the template can be kept as it is with this generator."""
        return self.upstream == "unchanged" and self.renders and self.golden == "matches"


def tracked(template: str) -> list[str]:
    """The stock templates an override stands for: itself and what it imports."""
    text = (TEMPLATES / template).read_text()
    return [template, *sorted(set(IMPORTS.findall(text)) - {template})]


def stock_dir(python: Path) -> Path:
    """The stock template folder of the generator installed for ``python``."""
    code = "import openapi_python_client, pathlib; print(pathlib.Path(openapi_python_client.__file__).parent)"
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    return Path(out) / "templates"


def generator_version(python: Path) -> str:
    """The generator's version for ``python``."""
    code = "import importlib.metadata as m; print(m.version('openapi-python-client'))"
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def record(stock: Path, version: str) -> dict[str, object]:
    """BASE.json's content for ``stock``: the hash of every stock template our overrides stand for."""
    hashes = {name: _sha(stock / name) for template in sorted(SHAPES) for name in tracked(template)}
    return {"openapi-python-client": version, "sha256": dict(sorted(hashes.items()))}


def upstream(template: str, stock: Path, base: dict[str, str]) -> str:
    """``unchanged``, or which stock templates changed or disappeared since BASE.json was recorded."""
    missing = [n for n in tracked(template) if not (stock / n).is_file()]
    if missing:
        return f"missing: {', '.join(missing)}"
    changed = [n for n in tracked(template) if base.get(n) != _sha(stock / n)]
    return f"changed: {', '.join(changed)}" if changed else "unchanged"


def generate(python: Path, out: Path) -> tuple[bool, str]:
    """Generate the golden spec with ``python``'s generator and our templates; (succeeded, output)."""
    bindir = python.parent
    cmd = [
        str(bindir / "openapi-python-client"), "generate", "--path", str(GOLDEN / "spec.yaml"),
        "--output-path", str(out), "--meta", "none", "--config", str(ROOT / "openapi" / "config.yaml"),
        "--custom-template-path", str(TEMPLATES), "--fail-on-warning",
    ]  # fmt: skip
    env = {"PATH": f"{bindir}:/usr/bin:/bin", "PYTHONHASHSEED": "0"}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=out.parent, check=False)
    return proc.returncode == 0, proc.stdout + proc.stderr


def check(python: Path) -> tuple[list[Verdict], str]:
    """Every template's verdict with ``python``'s generator, and the generator's output (for failures)."""
    base: dict[str, str] = json.loads(BASE.read_text())["sha256"]
    stock = stock_dir(python)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "golden_client"
        ok, log = generate(python, out)
        verdicts = []
        for template, shaped in sorted(SHAPES.items()):
            failed_here = not ok and template in log
            produced = out / shaped
            if not produced.is_file():
                golden = "not generated"
            else:
                expected = (GOLDEN / (shaped.replace("/", "__") + ".golden")).read_text()
                golden = "matches" if produced.read_text() == expected else "differs"
            verdicts.append(Verdict(template, upstream(template, stock, base), ok or not failed_here, golden))
    return verdicts, log


def scratch_python(version: str, tmp: Path) -> Path:
    """A scratch venv with openapi-python-client ``version`` and our pinned ruff (needs the package index)."""
    ruff = subprocess.run([sys.executable, "-m", "ruff", "--version"], capture_output=True, text=True, check=True)
    venv.create(tmp / "venv", with_pip=True)
    python = tmp / "venv" / "bin" / "python"
    pins = [f"openapi-python-client=={version}", f"ruff=={ruff.stdout.split()[-1]}"]
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *pins], check=True)
    return python


def report(verdicts: list[Verdict], version: str, stock: Path, pinned: Path | None) -> str:
    """A table of verdicts, then the upstream diffs worth reading."""
    lines = [f"openapi-python-client {version}: custom templates", "", "| template | upstream | renders | golden |"]
    lines.append("|---|---|---|---|")
    for v in verdicts:
        lines.append(f"| {v.template} | {v.upstream} | {'yes' if v.renders else 'NO'} | {v.golden} |")
    for v in verdicts:
        if v.upstream.startswith("changed") and pinned is not None:
            for name in v.upstream.removeprefix("changed: ").split(", "):
                old, new = (pinned / name).read_text().splitlines(True), (stock / name).read_text().splitlines(True)
                diff = difflib.unified_diff(old, new, f"pinned/{name}", f"{version}/{name}")
                lines += [
                    "",
                    f"upstream change in {name} (re-base openapi/templates/{v.template} on it):",
                    "".join(diff),
                ]
    bad = [v.template for v in verdicts if not v.fits]
    lines += ["", f"no longer fit: {', '.join(bad)}" if bad else "every custom template fits"]
    return "\n".join(lines)


def failure_summary(log: str) -> str:
    """Where generation failed (our template and line) and the error, out of the generator's traceback."""
    places = re.findall(r"openapi/templates/(\S+?\.jinja):(\d+)", log)
    errors = [line.strip() for line in log.splitlines() if re.match(r"^\s*\w+(Error|Exception)\b.*:", line)]
    where = f"{places[-1][0]} line {places[-1][1]}" if places else "(no template named in the traceback)"
    return f"generation failed in {where}: {errors[-1] if errors else log.strip().splitlines()[-1:]}"


def main(argv: list[str] | None = None) -> int:
    """Run the check; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--version", help="install this openapi-python-client version into a scratch venv")
    which.add_argument("--python", type=Path, help="use the generator installed for this interpreter")
    parser.add_argument("--record", action="store_true", help="rewrite openapi/templates/BASE.json and stop")
    args = parser.parse_args(argv)
    pinned_python = Path(sys.executable)
    with tempfile.TemporaryDirectory() as tmp:
        python = scratch_python(args.version, Path(tmp)) if args.version else (args.python or pinned_python)
        version, stock = generator_version(python), stock_dir(python)
        if args.record:
            BASE.write_text(json.dumps(record(stock, version), indent=2) + "\n")
            print(f"recorded {BASE.relative_to(ROOT)} for openapi-python-client {version}")
            return 0
        verdicts, log = check(python)
        print(report(verdicts, version, stock, stock_dir(pinned_python)))
        if not all(v.renders for v in verdicts):
            print("\n" + failure_summary(log))
    return 0 if all(v.fits for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
