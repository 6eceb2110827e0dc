"""Item 11: httpx honours ``HTTP(S)_PROXY``/``ALL_PROXY`` and sends the credentials to the proxy; ``trust_env=False``
on every client ignores the environment.

The "proxy" is a real recording server on 127.0.0.1; the services are the emulator.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
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
    import taskfacade

    with pytest.raises(taskfacade.InvalidArgument) as caught:
        geobox.GeoboxClient(host="http://127.0.0.1:1", access_token="emulator-token", trust_env="no")  # type: ignore[arg-type]
    assert caught.value.parameter == "trust_env"
