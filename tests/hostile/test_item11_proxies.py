"""Item 11: httpx honours ``HTTP(S)_PROXY``/``ALL_PROXY`` and sends the credentials to the proxy, and trusts the CA
named by ``SSL_CERT_FILE``/``SSL_CERT_DIR``; ``trust_env=False`` on every client ignores the environment.

The "proxy" is a real recording server on 127.0.0.1; the services are the emulator.
"""

from __future__ import annotations

import http.server
import shutil
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
import taskfacade
from hostile_support import echo_server
from taskfacade import deadline, geobox, tensorbay, tiledb
from taskfacade_emulator import Emulator


def _tiledb(emu: Emulator, trust_env: bool) -> Callable[[], Any]:
    client = tiledb.Client(
        host=emu.base_url("tiledb"), token="emulator-token", workspace="ws_emulator", trust_env=trust_env
    )
    task_id = emu.seeded()["tiledb"]["task_ids"][0]
    return lambda: tiledb.tasks.task(task_id, client=client)


def _deadline(emu: Emulator, trust_env: bool) -> Callable[[], Any]:
    seeded = emu.seeded()["deadline"]
    client = deadline.client(
        endpoint_url=emu.base_url("deadline"),
        aws_access_key_id="AKIDEMULATOR",
        aws_secret_access_key="emulator-secret",
        trust_env=trust_env,
    )
    ids = {k: seeded[k] for k in ("farmId", "queueId", "jobId", "stepId")}
    return lambda: client.get_task(**ids, taskId=seeded["task_ids"][0])


def _geobox(emu: Emulator, trust_env: bool) -> Callable[[], Any]:
    client = geobox.GeoboxClient(host=emu.base_url("geobox"), access_token="emulator-token", trust_env=trust_env)
    return lambda: client.get_task(emu.seeded()["geobox"]["task_ids"][0])


def _tensorbay(emu: Emulator, trust_env: bool) -> Callable[[], Any]:
    gas = tensorbay.GAS("ACCESSKEY-emulator", emu.base_url("tensorbay"), trust_env=trust_env)
    return lambda: gas.get_dataset(emu.seeded()["tensorbay"]["dataset_name"])


CLIENTS = {"tiledb": _tiledb, "deadline": _deadline, "geobox": _geobox, "tensorbay": _tensorbay}
SECRETS = {"tiledb": "emulator-token", "deadline": "AKIDEMULATOR", "geobox": "emulator-token"}
SECRETS["tensorbay"] = "ACCESSKEY-emulator"


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "ALL_PROXY", "http_proxy"])
@pytest.mark.parametrize("service", list(CLIENTS))
def test_trust_env_false_ignores_proxy_variables(
    emu: Emulator, clean_env: Path, monkeypatch: pytest.MonkeyPatch, service: str, variable: str
) -> None:
    with echo_server(502) as (proxy_url, recorded):
        monkeypatch.setenv(variable, proxy_url)
        call = CLIENTS[service](emu, False)
        assert call() is not None  # answered by the emulator itself
    assert recorded.requests == []


@pytest.mark.parametrize("service", list(CLIENTS))
def test_by_default_the_proxy_gets_the_request_and_its_credentials(
    emu: Emulator, clean_env: Path, monkeypatch: pytest.MonkeyPatch, service: str
) -> None:
    """The documented default (as in httpx, boto3 and the vendor SDKs): a plain-http proxy sees everything."""
    with echo_server(502) as (proxy_url, recorded):
        monkeypatch.setenv("HTTP_PROXY", proxy_url)
        call = CLIENTS[service](emu, True)
        with pytest.raises(Exception):  # the recording proxy answers 502 to everything
            call()
    assert recorded.requests
    assert SECRETS[service] in str(recorded.requests[0]["headers"])


def test_trust_env_must_be_a_bool() -> None:
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        geobox.GeoboxClient(host="http://127.0.0.1:1", access_token="emulator-token", trust_env="no")  # type: ignore[arg-type]
    assert caught.value.parameter == "trust_env"


# --- CA settings: SSL_CERT_FILE / SSL_CERT_DIR are environment too ---------------------------------------------


E = TypeVar("E", bound=BaseException)


@pytest.fixture(scope="module")
def private_ca(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A throw-away CA and a server certificate for 127.0.0.1 signed by it (made with the openssl command)."""
    root = tmp_path_factory.mktemp("ca")
    ca_dir = root / "hashed"
    ca_dir.mkdir()

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=root, check=True, capture_output=True)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=taskfacade test CA")  # fmt: skip
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=127.0.0.1")  # fmt: skip
    (root / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")  # fmt: skip
    shutil.copy(root / "ca.pem", ca_dir / "ca.pem")
    openssl("rehash", str(ca_dir))
    return {"file": root / "ca.pem", "dir": ca_dir, "cert": root / "server.pem", "key": root / "server.key"}


@contextmanager
def _tls_server(ca: dict[str, Path]) -> Iterator[str]:
    """An HTTPS server on 127.0.0.1 (certificate from ``private_ca``) answering 404 with a JSON error to all."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            body = b'{"message": "no such task", "code": "NotFound"}'
            self.send_response(404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(ca["cert"], ca["key"])
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _get_one(service: str, url: str, trust_env: bool) -> Callable[[], Any]:
    """One get call of ``service`` against ``url`` (the answer is always a 404 from ``_tls_server``)."""
    if service == "tiledb":
        tdb = tiledb.Client(
            host=url, token="emulator-token", workspace="ws", trust_env=trust_env, retry_mode="disabled"
        )
        return lambda: tiledb.tasks.task("6f1c1d0e-7c2c-4a53-9a53-1d2c3b4a5e6f", client=tdb)
    if service == "deadline":
        dl = deadline.client(
            endpoint_url=url,
            aws_access_key_id="AKIDEMULATOR",
            aws_secret_access_key="emulator-secret",
            trust_env=trust_env,
            retry_mode="disabled",
        )
        ids = {"farmId": "farm-" + "0" * 32, "queueId": "queue-" + "0" * 32, "jobId": "job-" + "0" * 32}
        return lambda: dl.get_task(**ids, stepId="step-" + "0" * 32, taskId="task-" + "0" * 32 + "-0")
    if service == "geobox":
        gb = geobox.GeoboxClient(host=url, access_token="emulator-token", trust_env=trust_env, retry_mode="disabled")
        return lambda: gb.get_task("6f1c1d0e-7c2c-4a53-9a53-1d2c3b4a5e6f")
    gas = tensorbay.GAS("ACCESSKEY-emulator", url, trust_env=trust_env, retry_mode="disabled")
    return lambda: gas.get_dataset("dataset")


def _cause(error: BaseException | None, kind: type[E]) -> E | None:
    """The first exception of type ``kind`` on ``error``'s cause chain (TileDB raises its own errors from them)."""
    while error is not None and not isinstance(error, kind):
        error = error.__cause__
    return error


def _status(error: BaseException) -> int | None:
    """The HTTP status of the ``APIError`` on ``error``'s cause chain."""
    found = _cause(error, taskfacade.APIError)
    return None if found is None else found.status


@pytest.mark.parametrize("variable", ["SSL_CERT_FILE", "SSL_CERT_DIR"])
@pytest.mark.parametrize("service", list(CLIENTS))
def test_ca_variables_are_read_only_when_trust_env_is_on(
    private_ca: dict[str, Path], clean_env: Path, monkeypatch: pytest.MonkeyPatch, service: str, variable: str
) -> None:
    """With the private CA named by ``SSL_CERT_FILE``/``SSL_CERT_DIR``, the TLS handshake succeeds by default (the
    call reaches the server and gets its 404) and fails certificate verification with ``trust_env=False``."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)  # the machine's own settings (httpx reads FILE first)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    monkeypatch.setenv(variable, str(private_ca["file" if variable == "SSL_CERT_FILE" else "dir"]))
    with _tls_server(private_ca) as url:
        with pytest.raises(taskfacade.TaskFacadeError) as answered:
            _get_one(service, url, trust_env=True)()
        assert _status(answered.value) == 404, answered.value
        with pytest.raises(taskfacade.TaskFacadeError) as refused:
            _get_one(service, url, trust_env=False)()
        network = _cause(refused.value, taskfacade.TransportError)  # TileDB's TasksError is raised from it
        assert "certificate verify failed" in str(network).lower()
