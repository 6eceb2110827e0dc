"""Every ``python`` code block in README.md and docs/*.md runs, and every docs page is reachable from docs/index.md.

- Each file's ``python`` blocks run in order in one namespace, a fresh one per file, so a block may start an
  ``Emulator`` that later blocks use; any ``Emulator`` left in the namespace is stopped afterwards. The blocks run
  with ``HOME`` and the working directory in a temporary folder and without the vendors' environment variables,
  so no doc reads or writes a real profile.
- A file that already has its own docs test (``DEDICATED``) is not run twice. Instead the test checks that the
  dedicated test exists, names the file and executes its blocks, and that every python block of the file is one
  that the dedicated test's pattern finds (a fence at column 0).
- Blocks that are not meant to run must say so with another fence language (```sh, ```text, ```json, ...). A fence
  without a language, or a python dialect other than ``python`` (``py``, ``pycon``...), fails here, so no python
  block can go unrun.
- Every relative link in the docs and the README points to a file that exists, and any ``#anchor`` to a heading of
  that file. The README is also the package index's project page, where relative links break: it links files by
  their absolute URL in the repository that pyproject.toml declares (``Source``), and those links are checked
  against this checkout the same way.
"""

from __future__ import annotations

import contextlib
import os
import re
import textwrap
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from taskfacade.tiledb import set_default_client
from taskfacade_emulator import Emulator

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
INDEX = DOCS / "index.md"
#: Files of this checkout as the package index's README links them: the declared repository's main branch.
BLOB = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]["Source"] + "/blob/main/"

#: Docs whose python blocks a service's own test runs (and checks the output of): doc -> that test.
DEDICATED: dict[str, str] = {
    "docs/tiledb.md": "tests/facade/tiledb/test_tiledb_docs.py",
    "docs/deadline.md": "tests/facade/deadline/test_deadline_docs.py",
    "docs/geobox.md": "tests/facade/geobox/test_geobox_docs.py",
    "docs/tensorbay.md": "tests/facade/tensorbay/test_tensorbay_docs.py",
    "docs/adding-a-service.md": "tests/plugin/test_jobs_docs.py",
}

#: Text a page's blocks must print: the claims its ``print(...)  # ...`` comments make.
EXPECTED_OUTPUT: dict[str, tuple[str, ...]] = {
    "docs/quickstart.md": (
        "COMPLETED SUCCEEDED UTC",
        "SUCCEEDED UTC",
        "3 SUCCESS SUCCEEDED",
        "QUEUING PENDING",
        "['COMPLETED', 'SUCCEEDED', 'FAILURE', 'SUCCESS']",
        "['SUCCEEDED', 'SUCCEEDED', 'FAILED', 'SUCCEEDED']",
        "Task SUCCEEDED\nDeadlineTask SUCCEEDED\n",
        "1 True",
        "invalid state='DONE': expected None or a TaskStatus: PENDING, PROGRESS, SUCCESS, FAILURE, ABORTED",
        "404 ResourceNotFoundException",
    ),
    "docs/retry-modes.md": (
        "invalid retry_mode='sometimes': expected one of 'default', 'forceful', 'disabled' or a RetryPolicy",
        "demo: GET https://api.example.com/things/1 -> 520: <html>origin error</html>",
        "1048576 1",
        "adaptive",
    ),
    "docs/jobs.md": (
        "[]",
        "DemoTask: this service cannot abort a job",
        "{'SUCCEEDED'}",
        "[None, None, None] ResourceNotFoundException",
        "task-1-0",
    ),
}

#: The emulator's default secrets: no doc may print them (reprs, messages and logs hide credentials).
SECRETS = ("emulator-token", "emulator-secret", "ACCESSKEY-emulator")

#: Fence languages that are python but would not run here: write ```python instead.
PYTHON_DIALECTS = frozenset({"py", "py3", "python3", "pycon", "ipython", "ipython3", "pyi"})

#: What the dedicated tests look for: a ```python fence at column 0, closed by ``` at column 0.
DEDICATED_PATTERN = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)

OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
LINK = re.compile(r"\[[^\]]*\]\((?P<target>[^)\s]+)\)")


@attrs.frozen
class Block:
    """One fenced code block: its language (first word of the info string), dedented code, opening line, indent."""

    language: str
    code: str
    line: int
    indent: str


def parse(text: str, name: str) -> tuple[list[Block], list[str]]:
    """Split Markdown into its fenced blocks and its prose lines (outside any block, in order)."""
    blocks: list[Block] = []
    prose: list[str] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        match = OPENING.match(lines[index])
        if match is None:
            prose.append(lines[index])
            index += 1
            continue
        indent, fence = match["indent"], match["fence"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = next((i for i in range(index + 1, len(lines)) if closing.match(lines[i])), None)
        assert end is not None, f"{name}:{index + 1}: a code fence that is never closed"
        body = [line.removeprefix(indent) for line in lines[index + 1 : end]]
        language = match["info"].strip().split(" ")[0]
        blocks.append(Block(language, textwrap.dedent("\n".join(body)) + "\n", index + 1, indent))
        index = end + 1
    return blocks, prose


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def doc_files() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def python_blocks(path: Path) -> list[Block]:
    blocks, _ = parse(path.read_text(encoding="utf-8"), relative(path))
    return [block for block in blocks if block.language == "python"]


def runnable_docs() -> list[str]:
    """The files this test runs: those with python blocks and no dedicated test."""
    return [relative(p) for p in doc_files() if relative(p) not in DEDICATED and python_blocks(p)]


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary HOME and working directory, no vendor variables; the TileDB default client reset afterwards."""
    for name in list(os.environ):
        if name.startswith(("TILEDB_", "AWS_", "GEOBOX_")):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    set_default_client(None)


def run_blocks(name: str, blocks: list[Block]) -> None:
    """Run the blocks in order in one fresh namespace; stop every Emulator left in it, even after a failure."""
    namespace: dict[str, Any] = {"__name__": f"docs_{Path(name).stem.replace('-', '_')}"}
    try:
        for block in blocks:
            # Pad with newlines so a traceback's line numbers are the Markdown file's own.
            code = compile("\n" * block.line + block.code, name, "exec")
            exec(code, namespace)  # noqa: S102 - our own documentation
    finally:
        for value in list(namespace.values()):
            if isinstance(value, Emulator):
                with contextlib.suppress(Exception):
                    value.stop()


@pytest.mark.parametrize("doc", runnable_docs())
def test_python_blocks_run_in_order(doc: str, isolated: Path, capfd: pytest.CaptureFixture[str]) -> None:
    run_blocks(doc, python_blocks(ROOT / doc))
    captured = capfd.readouterr()
    for expected in EXPECTED_OUTPUT.get(doc, ()):
        assert expected in captured.out, f"{doc} no longer prints {expected!r}"
    for secret in SECRETS:
        assert secret not in captured.out + captured.err, f"{doc} printed the credential {secret!r}"


@pytest.mark.parametrize("doc", sorted(DEDICATED))
def test_dedicated_docs_test_runs_every_python_block(doc: str) -> None:
    path, test = ROOT / doc, ROOT / DEDICATED[doc]
    assert path.is_file(), f"DEDICATED lists {doc}, which does not exist: remove the entry"
    assert test.is_file(), f"{doc} is left to {DEDICATED[doc]}, which does not exist: run it here instead"
    source = test.read_text(encoding="utf-8")
    assert f'"{path.name}"' in source, f"{DEDICATED[doc]} does not name {path.name}"
    assert "```python" in source, f"{DEDICATED[doc]} does not look for python blocks"
    assert "exec(" in source, f"{DEDICATED[doc]} does not execute the blocks"
    blocks = python_blocks(path)
    assert blocks, f"{doc} has no python block for its dedicated test to run"
    for block in blocks:
        assert not block.indent, f"{doc}:{block.line}: an indented python block, which {DEDICATED[doc]} never runs"
    found = DEDICATED_PATTERN.findall(path.read_text(encoding="utf-8"))
    assert len(found) == len(blocks), f"{doc}: {len(blocks) - len(found)} python block(s) its dedicated test misses"


def test_expectations_name_pages_that_run_here() -> None:
    assert set(EXPECTED_OUTPUT) <= set(runnable_docs())


@pytest.mark.parametrize("doc", [relative(p) for p in doc_files()])
def test_every_fence_names_a_language_and_python_is_spelled_python(doc: str) -> None:
    blocks, _ = parse((ROOT / doc).read_text(encoding="utf-8"), doc)
    for block in blocks:
        where = f"{doc}:{block.line}"
        assert block.language, f"{where}: a fence without a language; use ```python (it runs) or ```sh, ```text..."
        assert block.language.lower() not in PYTHON_DIALECTS, f"{where}: write ```python so the block runs"
        assert block.language == "python" or block.language.lower() != "python", f"{where}: write ```python"


def test_every_docs_page_is_linked_from_the_index() -> None:
    _, prose = parse(INDEX.read_text(encoding="utf-8"), "docs/index.md")
    linked = {m["target"].split("#")[0] for line in prose for m in LINK.finditer(line)}
    pages = {p.name for p in DOCS.glob("*.md")} - {INDEX.name}
    missing = sorted(pages - linked)
    assert not missing, f"docs/index.md does not link {missing}: add one line per page"


def test_the_readme_links_the_docs_index() -> None:
    _, prose = parse((ROOT / "README.md").read_text(encoding="utf-8"), "README.md")
    assert any(m["target"] == BLOB + "docs/index.md" for line in prose for m in LINK.finditer(line))


def test_the_readme_has_only_absolute_links_as_a_package_index_needs() -> None:
    _, prose = parse((ROOT / "README.md").read_text(encoding="utf-8"), "README.md")
    relative = [m["target"] for line in prose for m in LINK.finditer(line) if not re.match(r"^[a-z]+:", m["target"])]
    assert not relative, f"README.md: use {BLOB}<path> (it is the package index page): {relative}"


def anchors(path: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped (``-`` and ``_`` kept), spaces to hyphens."""
    _, prose = parse(path.read_text(encoding="utf-8"), relative(path))
    headings = [line.lstrip("#").strip() for line in prose if re.match(r"^#{1,6} ", line)]
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


@pytest.mark.parametrize("doc", [relative(p) for p in doc_files()])
def test_relative_links_resolve(doc: str) -> None:
    path = ROOT / doc
    _, prose = parse(path.read_text(encoding="utf-8"), doc)
    for target in (m["target"] for line in prose for m in LINK.finditer(line)):
        in_repository = target.startswith(BLOB)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) and not in_repository:
            continue  # https:, mailto: ...
        file_part, _, anchor = target.removeprefix(BLOB).partition("#")
        base = ROOT if in_repository else path.parent
        linked = (base / file_part).resolve() if file_part else path
        assert linked.exists(), f"{doc}: broken link {target!r}"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked), f"{doc}: no heading for the anchor in {target!r}"
