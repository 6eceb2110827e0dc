"""``make spec-diff``: compare specs, print Markdown (or JSON), exit with the worst severity.

Exit codes: 0 no change, 1 only non-breaking changes, 2 at least one breaking change, 3 a spec could not be read
(the message names the file and the location).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from . import report_for
from ._diff import worst
from ._impact import ROOT
from ._load import SpecError, load_spec, parse_spec
from ._report import ServiceReport, to_json, to_markdown

EXIT_ERROR = 3


def _services() -> list[str]:
    return sorted(p.stem for p in (ROOT / "openapi").glob("*.yaml") if p.name != "config.yaml")


def _committed(ref: str, service: str) -> tuple[dict[str, object], str] | None:
    """The spec of ``service`` at git ``ref``, or None when the spec did not exist there."""
    name = f"{ref}:openapi/{service}.yaml"
    proc = subprocess.run(["git", "show", name], cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        if "exists on disk, but not in" in proc.stderr or "does not exist in" in proc.stderr:
            return None
        raise SpecError(f"{name}: {proc.stderr.strip()}")
    return parse_spec(proc.stdout, name), name


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="spec-diff", description=__doc__)
    parser.add_argument("services", nargs="*", help="services to compare (default: every openapi/<service>.yaml)")
    parser.add_argument("--base", default="HEAD", help="git revision holding the old specs (default HEAD)")
    parser.add_argument("--old", type=Path, help="old spec file (with --new and one service)")
    parser.add_argument("--new", type=Path, help="new spec file (default: openapi/<service>.yaml)")
    parser.add_argument("--format", choices=["markdown", "json"], default="markdown")
    parser.add_argument("--json-out", type=Path, help="also write the JSON report to this file")
    args = parser.parse_args(argv)
    services = args.services or _services()
    try:
        reports: list[ServiceReport] = []
        if args.old is not None:
            if len(services) != 1:
                parser.error("--old compares one service: name it")
            new_path = args.new or ROOT / "openapi" / f"{services[0]}.yaml"
            old, new = load_spec(args.old), load_spec(new_path)
            reports.append(report_for(services[0], old, new, str(args.old), str(new_path)))
        else:
            for service in services:
                new_path = ROOT / "openapi" / f"{service}.yaml"
                new = load_spec(new_path)
                committed = _committed(args.base, service)
                old, old_name = committed if committed else ({"openapi": "3.0.3", "paths": {}}, "(none)")
                rel = new_path.relative_to(ROOT).as_posix()
                reports.append(report_for(service, old, new, old_name, rel))
    except SpecError as exc:
        print(f"spec-diff: {exc}", file=sys.stderr)
        return EXIT_ERROR
    document = to_json(reports)
    if args.json_out:
        args.json_out.write_text(json.dumps(document, indent=2) + "\n")
    if args.format == "json":
        print(json.dumps(document, indent=2))
    else:
        print(to_markdown(reports), end="")
    return int(worst(c for r in reports for c in r.changes))
