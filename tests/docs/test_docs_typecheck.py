"""``mypy --strict`` over every ``python`` example of README.md and docs/*.md, and over typical user code.

Users copy the examples into projects that run ``mypy --strict``; an example that only type-checks with ``Any``
sprinkled in, or a library signature that makes ``len(client.get_tasks())`` an error, fails here. Each Markdown
file becomes one module whose example lines keep their Markdown line numbers (its blocks share a namespace when
the docs tests run them, so they are checked together), and one mypy process checks them all, reusing the
project's mypy cache and configuration (pyproject.toml) so that it takes seconds once ``make typecheck`` ran.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")

#: What users write against the library: each ``assert_type`` is the type a user's annotation relies on.
USER_CODE = """
from typing import Any, assert_type

import taskfacade
from taskfacade import Job
from taskfacade.geobox import GeoboxClient, Task


def count_and_page(client: GeoboxClient, flag: bool) -> int:
    page = client.get_tasks(limit=5)
    assert_type(page, list[Task])
    assert_type(client.get_tasks(return_count=True), int)
    assert_type(client.get_tasks(return_count=False), list[Task])
    assert_type(client.get_tasks(return_count=flag), list[Task] | int)
    return len(page) + client.get_tasks(return_count=True)


def phases(jobs: list[Job]) -> list[str]:
    assert_type(jobs, list[Job[Any]])
    return [job.phase.name for job in jobs] + [str(status) for status in taskfacade.wait_all(jobs, timeout=1)]
"""


def example_module(markdown: Path) -> str | None:
    """The file's ``python`` blocks as one module, each line at its Markdown line number (None: no block)."""
    lines = markdown.read_text(encoding="utf-8").splitlines()
    module = [""] * len(lines)
    found = False
    index = 0
    while index < len(lines):
        match = OPENING.match(lines[index])
        if match is None:
            index += 1
            continue
        fence = match["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = next(i for i in range(index + 1, len(lines)) if closing.match(lines[i]))
        if match["info"].strip().split(" ")[0] == "python":
            body = textwrap.dedent("\n".join(line.removeprefix(match["indent"]) for line in lines[index + 1 : end]))
            module[index + 1 : end] = body.split("\n")
            found = True
        index = end + 1
    return "\n".join(module) + "\n" if found else None


def test_documentation_examples_and_user_code_pass_mypy_strict(tmp_path: Path) -> None:
    files = []
    for markdown in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        module = example_module(markdown)
        if module is not None:
            target = tmp_path / f"doc_{markdown.stem.replace('-', '_').lower()}.py"
            target.write_text(module, encoding="utf-8")
            files.append(target)
    assert len(files) >= 8, [f.name for f in files]  # the README, the quickstart and every service page
    user = tmp_path / "user_code.py"
    user.write_text(USER_CODE, encoding="utf-8")
    config = ["--config-file", str(ROOT / "pyproject.toml"), "--strict", "--cache-dir", str(ROOT / ".mypy_cache")]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", *config, *map(str, [*files, user])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # Name the Markdown file in each message: doc_quickstart.py:42 is docs/quickstart.md line 42.
    report = result.stdout.replace(str(tmp_path) + "/", "")
    assert result.returncode == 0, report
    assert "Success: no issues found" in result.stdout, report
