"""Golden tests of our generator templates (openapi/templates/): one per change we make to the stock output.

A tiny spec is generated with the project's pinned generator, templates and config; the files each template
shapes must equal the committed golden copies in tests/generated/golden/, and behave as intended:
- str_enum.py.jinja: an unknown value becomes a pseudo-member named UNKNOWN that keeps the raw value;
- types.py.jinja + endpoint_module.py.jinja: a status code outside HTTPStatus (520) is kept as an int;
- endpoint_module.py.jinja: an operation module has ``sync_detailed`` and ``asyncio_detailed`` only (the facade's
  transport calls the first, the async twin the second), and parses the success responses only: the transport
  stops every status >= 400 before the parser runs, so documented error responses (and a ``default`` beside a
  listed success) are neither parsed nor part of the return type;
- models_init.py.jinja: models are imported on first use, not all at once.

After an intended template change, refresh the golden files with ``TASKFACADE_UPDATE_GOLDEN=1 pytest
tests/generated/test_templates.py`` and review the diff.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import os
import subprocess
import sys
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
from types import ModuleType

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
SHAPED = ["models/status.py", "types.py", "api/default/get_task.py", "models/__init__.py"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("golden") / "golden_client"
    bindir = Path(sys.executable).parent
    subprocess.run(
        [
            str(bindir / "openapi-python-client"),
            "generate",
            "--path", str(GOLDEN / "spec.yaml"),
            "--output-path", str(out),
            "--meta", "none",
            "--config", str(ROOT / "openapi" / "config.yaml"),
            "--custom-template-path", str(ROOT / "openapi" / "templates"),
            "--fail-on-warning",
        ],
        check=True,
        capture_output=True,
        env={"PATH": f"{bindir}:/usr/bin:/bin", "PYTHONHASHSEED": "0"},
        cwd=out.parent,
    )  # fmt: skip
    sys.path.insert(0, str(out.parent))
    try:
        yield out
    finally:
        sys.path.remove(str(out.parent))
        for name in [m for m in sys.modules if m == "golden_client" or m.startswith("golden_client.")]:
            del sys.modules[name]


@pytest.mark.parametrize("relative", SHAPED)
def test_generated_file_matches_golden(generated: Path, relative: str) -> None:
    produced = (generated / relative).read_text()
    golden = GOLDEN / (relative.replace("/", "__") + ".golden")
    if os.environ.get("TASKFACADE_UPDATE_GOLDEN"):
        golden.write_text(produced)
    assert produced == golden.read_text(), f"{relative} differs from {golden.name}; see the module docstring"


def _load(generated: Path, name: str) -> ModuleType:
    assert generated.name == "golden_client"
    return importlib.import_module(f"golden_client.{name}")


def test_unknown_enum_value_is_kept_as_unknown_member(generated: Path) -> None:
    models = _load(generated, "models")
    task = models.Task.from_dict({"id": "t1", "status": "PAUSED", "extra": 1})
    assert task.status.name == "UNKNOWN"
    assert task.status.value == "PAUSED"
    assert isinstance(task.status, models.Status)
    assert task.to_dict() == {"id": "t1", "status": "PAUSED", "extra": 1}
    assert models.Status("RUNNING") is models.Status.RUNNING
    with pytest.raises(ValueError, match="not a valid Status"):
        models.Status(3)  # only strings can be unknown members


def test_status_outside_httpstatus_does_not_crash(generated: Path) -> None:
    get_task = _load(generated, "api.default.get_task")
    client_module = _load(generated, "client")
    transport = httpx.MockTransport(lambda request: httpx.Response(520, text="<html>origin down</html>"))
    client = client_module.Client(base_url="http://golden.invalid", httpx_args={"transport": transport})
    response = get_task.sync_detailed("t1", client=client)
    assert response.status_code == 520
    assert not isinstance(response.status_code, HTTPStatus)
    assert response.parsed is None
    ok = httpx.MockTransport(lambda request: httpx.Response(200, json={"id": "t1", "status": "QUEUED"}))
    client = client_module.Client(base_url="http://golden.invalid", httpx_args={"transport": ok})
    assert get_task.sync_detailed("t1", client=client).status_code is HTTPStatus.OK


def test_models_are_imported_lazily(generated: Path) -> None:
    probe = (
        "import sys, golden_client.models as m\n"
        "assert 'golden_client.models.task' not in sys.modules\n"
        "assert m.Task.__name__ == 'Task' and 'golden_client.models.task' in sys.modules\n"
        "try:\n    m.NoSuchModel\nexcept AttributeError:\n    print('ok')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(generated.parent)}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_operation_module_has_the_detailed_functions_only(generated: Path) -> None:
    get_task = _load(generated, "api.default.get_task")
    own = {name for name, value in vars(get_task).items() if getattr(value, "__module__", None) == get_task.__name__}
    public = {name for name in own if inspect.isfunction(getattr(get_task, name)) and not name.startswith("_")}
    assert public == {"sync_detailed", "asyncio_detailed"}
    assert inspect.iscoroutinefunction(get_task.asyncio_detailed)
    assert inspect.signature(get_task.sync_detailed) == inspect.signature(get_task.asyncio_detailed)


@pytest.mark.parametrize("status", [404, 409, 500])
def test_error_statuses_are_not_parsed(generated: Path, status: int) -> None:
    get_task = _load(generated, "api.default.get_task")
    errors = _load(generated, "errors")
    client_module = _load(generated, "client")
    body = b'{"message": "no such task"}'
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=body))
    client = client_module.Client(base_url="http://golden.invalid", httpx_args={"transport": transport})
    response = get_task.sync_detailed("t1", client=client)
    assert (response.status_code, response.parsed, response.content) == (status, None, body)
    strict = client_module.Client(
        base_url="http://golden.invalid", httpx_args={"transport": transport}, raise_on_unexpected_status=True
    )
    with pytest.raises(errors.UnexpectedStatus) as raised:
        get_task.sync_detailed("t1", client=strict)
    assert raised.value.status_code == status
    assert _load(generated, "models").Error.from_dict({"message": "m"}).message == "m"  # the error model is kept


def test_default_is_parsed_when_no_success_is_listed(generated: Path) -> None:
    ping = _load(generated, "api.default.ping")
    models = _load(generated, "models")
    client_module = _load(generated, "client")
    transport = httpx.MockTransport(lambda request: httpx.Response(203, json={"id": "p", "status": "RUNNING"}))
    client = client_module.Client(base_url="http://golden.invalid", httpx_args={"transport": transport})
    assert ping.sync_detailed(client=client).parsed == models.Task(id="p", status=models.Status.RUNNING)


def test_asyncio_detailed_parses_like_sync_detailed(generated: Path) -> None:
    get_task = _load(generated, "api.default.get_task")
    models = _load(generated, "models")
    client_module = _load(generated, "client")
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"id": "t1", "status": "QUEUED"}))
    client = client_module.Client(base_url="http://golden.invalid", httpx_args={"transport": transport})

    async def call() -> object:
        async with client:
            return (await get_task.asyncio_detailed("t1", client=client)).parsed

    assert asyncio.run(call()) == models.Task(id="t1", status=models.Status.QUEUED)
