"""``GAS`` and ``get_dataset`` end to end against the emulator: sites, auth, errors, credentials kept out of sight.

Every test runs against both twins (``GAS`` and ``aio.GAS``; ``gas`` is the twin's).
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
import taskfacade
from taskfacade.tensorbay import (
    GAS,
    DatasetTypeError,
    ResourceNotExistError,
    ResponseError,
    Status,
    TensorBayException,
    UnauthorizedError,
)
from taskfacade_emulator import Emulator
from tensorbay_support import DATASET, KEY, EmulatorClock, counts, total
from tensorbay_twins import AsyncTwin, SyncTwin

Twin = SyncTwin | AsyncTwin


@pytest.fixture
def gas(twin_gas: Any) -> Any:
    return twin_gas


def test_get_dataset_checks_out_the_default_branch(twin: Twin, gas: GAS, emu: Emulator) -> None:
    seeded = emu.seeded()["tensorbay"]
    emu.clear_request_counts()
    dataset = gas.get_dataset(DATASET)
    assert isinstance(twin.unwrap(dataset), twin.DatasetClient)
    assert not dataset.is_fusion
    assert dataset.dataset_id == seeded["dataset_id"]
    assert dataset.name == DATASET
    assert dataset.alias == "Emulator dataset"
    assert dataset.is_public is False
    assert dataset.status.branch_name == "main"
    assert dataset.status.commit_id
    assert not dataset.status.is_draft
    assert counts(emu) == {
        "GET /gatewayv2/tensorbay-open-api/v1/datasets": 1,
        "GET /gatewayv2/tensorbay-open-api/v1/datasets/{dataset_id}": 1,
    }
    assert twin.unwrap(dataset.squash_and_merge) is twin.unwrap(dataset.squash_and_merge)
    assert DATASET in repr(dataset)


def test_unknown_dataset_and_wrong_type(twin: Twin, gas: GAS) -> None:
    with pytest.raises(ResourceNotExistError) as missing:
        gas.get_dataset("no-such-dataset")
    assert isinstance(missing.value, taskfacade.NotFound)
    assert missing.value.code == "ResourceNotExist"
    with pytest.raises(DatasetTypeError, match="is_fusion=False"):
        gas.get_dataset(DATASET, is_fusion=True)


def test_fusion_dataset_from_search_result(twin: Twin, gas: GAS, emu: Emulator) -> None:
    # A dataset created from a search of a fusion dataset is fusion too; flip the seeded one to get there.
    emu.core.store.execute("UPDATE tensorbay_datasets SET type = 1")
    fusion = gas.get_dataset(DATASET, is_fusion=True)
    assert isinstance(twin.unwrap(fusion), twin.FusionDatasetClient)
    assert fusion.is_fusion
    with pytest.raises(DatasetTypeError, match="is_fusion=True"):
        gas.get_dataset(DATASET)


def test_wrong_key_is_unauthorized_and_never_shown(twin: Twin, emu: Emulator, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "ACCESSKEY-wrong-secret-value"
    with twin.gas(secret, emu.base_url("tensorbay"), clock=EmulatorClock(emu)) as gas:
        with pytest.raises(UnauthorizedError) as error:
            gas.get_dataset(DATASET)
        assert isinstance(error.value, taskfacade.Unauthorized)
        assert isinstance(error.value, ResponseError)
        assert isinstance(error.value, TensorBayException)
        assert error.value.code == "Unauthorized"
        assert error.value.attempts == 1  # a 401 is not retried
        for text in (str(error.value), repr(error.value), repr(gas), repr(gas.client), repr(gas.client.transport)):
            assert "wrong-secret" not in text
    assert "wrong-secret" not in caplog.text


@pytest.mark.parametrize(
    ("key", "site"), [("ACCESSKEY-abc", "https://gas.graviti.com"), ("Accesskey-abc", "https://gas.graviti.cn")]
)
def test_default_site_follows_the_key(twin: Twin, key: str, site: str) -> None:
    client = twin.Client(key)
    try:
        assert client.url == site
        assert client.transport.base_url == site
    finally:
        twin.close_client(client)


def test_url_may_be_plain_http_with_a_trailing_slash(twin: Twin, emu: Emulator, clock: EmulatorClock) -> None:
    with twin.gas(KEY, emu.base_url("tensorbay") + "/", clock=clock) as gas:
        assert gas.get_dataset(DATASET).name == DATASET
        prefix = "aio." if isinstance(twin, AsyncTwin) else ""
        assert repr(gas) == f"{prefix}GAS(url={emu.base_url('tensorbay')!r})"


@pytest.mark.parametrize(
    ("args", "kwargs", "parameter"),
    [
        (("",), {}, "access_key"),
        (("no-prefix-key",), {}, "access_key"),
        (("ACCESSKEY-",), {}, "access_key"),
        (("ACCESSKEY-with space",), {}, "access_key"),
        ((b"ACCESSKEY-bytes",), {}, "access_key"),
        ((KEY, "ftp://example.com"), {}, "url"),
        ((KEY, "example.com"), {}, "url"),
        ((KEY, "https://user:pw@example.com"), {}, "url"),
        ((KEY, "https://example.com/?x=1"), {}, "url"),
        ((KEY, None), {}, "url"),
        ((KEY,), {"retry_mode": "sometimes"}, "retry_mode"),
        ((KEY,), {"timeout": 0}, "timeout"),
        ((KEY,), {"timeout": None}, "timeout"),
        ((KEY,), {"clock": "now"}, "clock"),
    ],
)
def test_constructor_refuses_bad_input(
    twin: Twin, args: tuple[object, ...], kwargs: dict[str, object], parameter: str
) -> None:
    with pytest.raises(taskfacade.InvalidArgument) as error:
        twin.gas(*args, **kwargs)
    assert error.value.parameter == parameter
    if parameter == "access_key":
        assert "ACCESSKEY-" in error.value.accepted
        assert "space" not in str(error.value)
        assert "no-prefix" not in str(error.value)


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [({"name": ""}, "name"), ({"name": 3}, "name"), ({"name": DATASET, "is_fusion": 1}, "is_fusion")],
)
def test_get_dataset_refuses_bad_input_before_any_request(
    twin: Twin, gas: GAS, emu: Emulator, kwargs: dict[str, object], parameter: str
) -> None:
    emu.clear_request_counts()
    with pytest.raises(taskfacade.InvalidArgument) as error:
        gas.get_dataset(**kwargs)  # type: ignore[call-overload]
    assert error.value.parameter == parameter
    assert total(emu) == 0


def test_closed_gas_refuses_requests(twin: Twin, emu: Emulator, clock: EmulatorClock) -> None:
    gas = twin.gas(KEY, emu.base_url("tensorbay"), clock=clock)
    dataset = gas.get_dataset(DATASET)
    gas.close()
    with pytest.raises(taskfacade.ClientClosed, match="closed"):
        dataset.squash_and_merge.get_job("anything")


def test_retry_mode_can_be_changed(twin: Twin, gas: GAS) -> None:
    assert gas.client.retry_mode.name == "default"
    gas.client.retry_mode = "forceful"
    assert gas.client.retry_mode is taskfacade.RETRY_MODES["forceful"]
    with pytest.raises(taskfacade.InvalidArgument):
        gas.client.retry_mode = "never"


def test_dataset_client_built_by_hand_like_the_sdk(twin: Twin, gas: GAS, emu: Emulator) -> None:
    seeded = emu.seeded()["tensorbay"]
    by_hand = twin.dataset(DATASET, seeded["dataset_id"], gas, status=Status("main", "c0"))  # the SDK passes a GAS
    assert len(by_hand.squash_and_merge.list_jobs()) == len(seeded["job_ids"]["squashAndMerge"])
    emu.clear_request_counts()
    with pytest.raises(taskfacade.InvalidArgument, match="client"):
        twin.dataset(DATASET, "D1", object(), status=Status("main", None))
    with pytest.raises(taskfacade.InvalidArgument, match="status"):
        twin.dataset(DATASET, "D1", gas, status=("main", None))  # type: ignore[arg-type]
    with pytest.raises(taskfacade.InvalidArgument, match="dataset_id"):
        twin.dataset(DATASET, "", gas, status=Status("main", None))
    assert total(emu) == 0
