"""Fixtures for the facade core tests.

- ``testapi``: a real openapi-python-client package generated (once per test process) from a tiny spec with our
  templates, so the transport is exercised through genuine generated ``sync_detailed`` functions.
- ``server``: a scripted Starlette app served by uvicorn on 127.0.0.1 (real HTTP over loopback). Tests queue
  replies per (method, path) and read back what the server saw.
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import importlib
import importlib.metadata
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

ROOT = Path(__file__).resolve().parents[3]

# The suite runs with --import-mode=importlib, where test modules cannot import a sibling helper module; make
# this directory's helper (core_fakejobs.py, named to avoid clashes) importable.
if str(Path(__file__).parent) not in sys.path:
    sys.path.append(str(Path(__file__).parent))

SPEC = """
openapi: 3.0.3
info: {title: testapi, version: "1.0"}
paths:
  /v1/items/{item_id}:
    get:
      operationId: get_item
      tags: [items]
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: string}}
        - {name: token, in: query, required: false, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Item"}}}}
        "404": {description: nf, content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
    delete:
      operationId: delete_item
      tags: [items]
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: string}}
      responses:
        "204": {description: gone}
    patch:
      operationId: update_item
      tags: [items]
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: string}}
        - {name: X-Client-Token, in: header, required: false, schema: {type: string}}
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/ItemCreate"}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Item"}}}}
  /v1/items:
    get:
      operationId: list_items
      tags: [items]
      parameters:
        - {name: page, in: query, required: false, schema: {type: integer, default: 1}}
        - {name: per_page, in: query, required: false, schema: {type: integer, default: 10}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/ItemList"}}}}
    post:
      operationId: create_item
      tags: [items]
      parameters:
        - {name: X-Client-Token, in: header, required: false, schema: {type: string}}
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/ItemCreate"}}}
      responses:
        "201": {description: created, content: {application/json: {schema: {$ref: "#/components/schemas/Item"}}}}
        "400": {description: bad, content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
components:
  schemas:
    ItemStatus: {type: string, enum: [PENDING, RUNNING, DONE, FAILED]}
    Item:
      type: object
      required: [id, status, count]
      properties:
        id: {type: string}
        status: {$ref: "#/components/schemas/ItemStatus"}
        count: {type: integer}
    ItemCreate:
      type: object
      required: [name]
      properties:
        name: {type: string}
    ItemList:
      type: object
      required: [items]
      properties:
        items: {type: array, items: {$ref: "#/components/schemas/Item"}}
        total: {type: integer}
        pages: {type: number}
    Error:
      type: object
      required: [code, message]
      properties:
        code: {type: string}
        message: {type: string}
"""


def _generator_inputs_digest() -> str:
    """What the generated package depends on: the spec, our templates and config, and the generator version."""
    digest = hashlib.sha256(SPEC.encode())
    for path in [*sorted((ROOT / "openapi" / "templates").glob("*")), ROOT / "openapi" / "config.yaml"]:
        digest.update(path.name.encode() + path.read_bytes())
    digest.update(importlib.metadata.version("openapi-python-client").encode())
    return digest.hexdigest()[:16]


def _generate(root: Path) -> None:
    bindir = Path(sys.executable).parent
    generator = bindir / "openapi-python-client"
    if not generator.exists() or shutil.which("ruff", path=str(bindir)) is None:
        pytest.fail("openapi-python-client and ruff must be installed in the venv (dev extra)")
    (root / "testapi.yaml").write_text(SPEC)
    proc = subprocess.run(
        [
            str(generator),
            "generate",
            "--path",
            str(root / "testapi.yaml"),
            "--output-path",
            str(root / "tf_testapi"),
            "--meta",
            "none",
            "--config",
            str(ROOT / "openapi" / "config.yaml"),
            "--custom-template-path",
            str(ROOT / "openapi" / "templates"),
            "--overwrite",
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        env={"PATH": f"{bindir}:/usr/bin:/bin", "PYTHONHASHSEED": "0"},
        cwd=root,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (root / "complete").touch()


@pytest.fixture(scope="session")
def testapi() -> ModuleType:
    """A generated client package (``tf_testapi``) built from SPEC with the project's pinned generator.

    Generation takes a second or two, so the result is kept in the system temp directory under a digest of
    everything it depends on, shared by xdist workers (a file lock) and by later runs.
    """
    root = Path(tempfile.gettempdir()) / f"taskfacade-testapi-{_generator_inputs_digest()}"
    root.mkdir(exist_ok=True)
    with open(root / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "complete").exists():
            _generate(root)
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module("tf_testapi")
    finally:
        sys.path.remove(str(root))


@pytest.fixture(scope="session")
def api(testapi: ModuleType) -> Any:
    """The generated operation modules, by name: ``api.get_item.sync_detailed`` etc."""
    names = ("get_item", "delete_item", "update_item", "list_items", "create_item")
    modules = {n: importlib.import_module(f"tf_testapi.api.items.{n}") for n in names}
    modules["models"] = importlib.import_module("tf_testapi.models")
    return type("Api", (), modules)


# ---------------------------------------------------------------------------------------------------------------
# The scripted server


@attrs.define
class Reply:
    """One scripted response. ``truncate`` declares the full Content-Length but sends only half the body."""

    status: int = 200
    json: Any = None
    body: bytes | None = None
    headers: dict[str, str] = attrs.field(factory=dict)
    delay: float = 0.0
    truncate: bool = False

    def content(self) -> bytes:
        if self.body is not None:
            return self.body
        return b"" if self.json is None else json.dumps(self.json).encode()


@attrs.define
class Seen:
    """A request as the server saw it."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes


TAG_HEADER = "x-test-tag"


class Script:
    """Replies queued per (method, path); a path with an empty queue answers 404 ``no script``.

    Each test gets a tag (sent by its clients in ``TAG_HEADER``): a request carrying another test's tag (one that
    a loaded machine delivered late, after its test timed out and moved on) gets a 410 and is neither recorded nor
    allowed to consume this test's replies.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: dict[tuple[str, str], deque[Reply]] = {}
        self._default: dict[tuple[str, str], Reply] = {}
        self.seen: list[Seen] = []
        self.tag = ""

    def stale(self, headers: dict[str, str]) -> bool:
        with self._lock:
            return headers.get(TAG_HEADER, self.tag) != self.tag

    def add(self, method: str, path: str, *replies: Reply) -> None:
        with self._lock:
            self._queues.setdefault((method, path), deque()).extend(replies)

    def always(self, method: str, path: str, reply: Reply) -> None:
        with self._lock:
            self._default[(method, path)] = reply

    def next(self, method: str, path: str) -> Reply:
        with self._lock:
            queue = self._queues.get((method, path))
            if queue:
                return queue.popleft()
            return self._default.get(
                (method, path), Reply(404, {"code": "NoScript", "message": f"no script for {method} {path}"})
            )

    def record(self, seen: Seen) -> None:
        with self._lock:
            self.seen.append(seen)

    def reset(self, tag: str = "") -> None:
        with self._lock:
            self._queues.clear()
            self._default.clear()
            self.seen.clear()
            self.tag = tag

    def count(self, method: str | None = None, path: str | None = None) -> int:
        with self._lock:
            return sum(1 for s in self.seen if (method in (None, s.method)) and (path in (None, s.path)))


def _make_app(script: Script) -> Starlette:
    async def endpoint(request: Request) -> Response:
        body = await request.body()
        path = request.url.path
        headers = dict(request.headers)
        if script.stale(headers):
            return Response(b"stale request from an earlier test", status_code=410)
        script.record(Seen(request.method, path, request.url.query, headers, body))
        reply = script.next(request.method, path)
        if reply.delay:
            await asyncio.sleep(reply.delay)
        if reply.truncate:
            return _Truncated(reply)  # type: ignore[return-value]
        media = "application/json" if reply.json is not None else None
        return Response(reply.content(), status_code=reply.status, headers=reply.headers, media_type=media)

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]
    return Starlette(routes=[Route("/{path:path}", endpoint, methods=methods)])


class _Truncated:
    """An ASGI response that promises its whole body and sends half of it."""

    def __init__(self, reply: Reply) -> None:
        self.reply = reply

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        content = self.reply.content()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode())]
        await send({"type": "http.response.start", "status": self.reply.status, "headers": headers})
        await send({"type": "http.response.body", "body": content[: len(content) // 2], "more_body": True})
        raise RuntimeError("truncated on purpose")


@attrs.define
class Server:
    """A running scripted server."""

    url: str
    script: Script

    @property
    def headers(self) -> dict[str, str]:
        """Headers a test's clients send so that the server can tell this test's requests from stale ones."""
        return {TAG_HEADER: self.script.tag}

    @staticmethod
    def reply(status: int = 200, json: Any = None, **kwargs: Any) -> Reply:
        """A scripted reply (see ``Reply``)."""
        return Reply(status, json, **kwargs)


@pytest.fixture(scope="session")
def _server_process() -> Iterator[Server]:
    script = Script()
    config = uvicorn.Config(_make_app(script), host="127.0.0.1", port=0, log_level="critical", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.005)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield Server(f"http://127.0.0.1:{port}", script)
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture
def server(_server_process: Server) -> Iterator[Server]:
    """The session's scripted server, with an empty script (and a fresh tag) for this test."""
    _server_process.script.reset(uuid.uuid4().hex)
    yield _server_process
    _server_process.script.reset()
