"""The ``GeneratedClient`` Protocol against what generated code really does with its ``client`` argument.

``Transport`` hands every generated operation a ``ClientAdapter`` instead of a generated ``Client``. That only works
while the operations use nothing of their client beyond the Protocol, so these tests read the endpoint template and
every generated API module and collect each attribute taken from ``client`` (and from what
``client.get_httpx_client()`` returns). A template change that uses anything more fails here, naming it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import httpx
from taskfacade._adapter import ClientAdapter, GeneratedClient, HttpxSender

ROOT = Path(__file__).resolve().parents[3]
TEMPLATE = ROOT / "openapi" / "templates" / "endpoint_module.py.jinja"
GENERATED_API = sorted((ROOT / "generated" / "taskfacade_generated").glob("*/api/**/*.py"))

#: What only the asynchronous functions use; the async twin's adapter will implement it.
ASYNC_ONLY = {"get_async_httpx_client"}


def _protocol_members(protocol: type) -> set[str]:
    return {name for name in vars(protocol) if not name.startswith("_")}


def _uses_in_module(tree: ast.Module) -> tuple[set[str], set[str], set[str]]:
    """Attributes taken from ``client`` in sync and async functions, and from ``client.get_httpx_client()``."""
    sync: set[str] = set()
    asynchronous: set[str] = set()
    sender: set[str] = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        bucket = asynchronous if isinstance(function, ast.AsyncFunctionDef) else sync
        for node in ast.walk(function):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "client":
                bucket.add(node.attr)
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Attribute)
                and node.value.func.attr == "get_httpx_client"
            ):
                sender.add(node.attr)
    return sync, asynchronous, sender


def test_generated_modules_use_only_the_protocol() -> None:
    assert GENERATED_API, "no generated API modules found"
    sync: set[str] = set()
    asynchronous: set[str] = set()
    sender: set[str] = set()
    for path in GENERATED_API:
        found = _uses_in_module(ast.parse(path.read_text(encoding="utf-8")))
        sync |= found[0]
        asynchronous |= found[1]
        sender |= found[2]
    assert sync == _protocol_members(GeneratedClient), "the sync operations use more (or less) than the Protocol"
    assert sender == _protocol_members(HttpxSender)
    assert asynchronous <= _protocol_members(GeneratedClient) | ASYNC_ONLY


def test_the_template_uses_only_the_protocol() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    used = set(re.findall(r"\bclient\.(\w+)", text))
    assert used, "the template no longer mentions client.<attribute>: update this test"
    assert used <= _protocol_members(GeneratedClient) | ASYNC_ONLY, used - _protocol_members(GeneratedClient)
    senders = set(re.findall(r"client\.get_httpx_client\(\)\.(\w+)", text))
    assert senders == _protocol_members(HttpxSender)


def test_the_adapter_implements_the_protocol() -> None:
    with httpx.Client(base_url="http://example.test/prefix") as client:
        adapter: GeneratedClient = ClientAdapter(client)
        for name in _protocol_members(GeneratedClient):
            assert hasattr(adapter, name), name
        assert adapter.raise_on_unexpected_status is False  # the transport maps every error status itself
        sender = adapter.get_httpx_client()
        for name in _protocol_members(HttpxSender):
            assert callable(getattr(sender, name)), name


def test_the_adapter_joins_paths_as_httpx_would() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(204)

    with httpx.Client(base_url="http://example.test/prefix/", transport=httpx.MockTransport(handler)) as client:
        sender = ClientAdapter(client).get_httpx_client()
        sender.request(method="GET", url="/v1/tasks/a b", params={"q": "x"})
        client.request("GET", "v1/tasks/a b", params={"q": "x"})
    assert seen == ["http://example.test/prefix/v1/tasks/a%20b?q=x"] * 2
