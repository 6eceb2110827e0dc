"""Item 1: every credential of every service, from every source, is checked when the client is built.

Whitespace at the ends is trimmed (and the client then works); any other control character, and a non-ASCII
character in a credential that travels in a header, is refused with ``InvalidArgument`` naming the parameter and
its source, never the value; nothing is sent.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
import taskfacade
from hostile_support import forms
from taskfacade import deadline, geobox, tensorbay, tiledb
from taskfacade_emulator import Emulator

Build = Callable[[Emulator, Path, pytest.MonkeyPatch, str], Any]


def _tiledb(**kwargs: Any) -> Callable[[Emulator], tiledb.Client]:
    return lambda emu: tiledb.Client(host=emu.base_url("tiledb"), workspace="ws_emulator", **kwargs)


def _tiledb_profile(tmp: Path, entry: dict[str, str]) -> None:
    folder = tmp / "tiledb"
    folder.mkdir(exist_ok=True)
    (folder / "profiles.json").write_text(json.dumps({"default": entry, "version": 1}))


def _aws_files(tmp: Path, credentials: str = "", config: str = "") -> None:
    (tmp / "aws-credentials").write_text(credentials)
    (tmp / "aws-config").write_text(config)


def _dl(emu: Emulator, **kwargs: Any) -> deadline.DeadlineClient:
    return deadline.client(endpoint_url=emu.base_url("deadline"), **kwargs)


@attrs.frozen
class Source:
    """One credential in one source: how to build a client with ``value`` there, and what the error must name."""

    name: str
    build: Build
    parameter: str
    source: str | None = None
    header: bool = True  # the credential travels in a header or URL as is (so non-ASCII is refused too)
    #: Values this source cannot hold at all: NUL in an environment variable, a line break in an INI value.
    impossible: frozenset[str] = frozenset()


ENV = frozenset({"trailing NUL"})
INI = frozenset({"inner newline", "CRLF header injection"})


SOURCES = [
    # TileDB: arguments, environment, profiles.json, legacy cloud.json
    Source("tiledb token argument", lambda e, t, m, v: _tiledb(token=v)(e), "token"),
    Source(
        "tiledb password argument",
        lambda e, t, m, v: _tiledb(username="emulator", password=v)(e),
        "password",
        header=False,
    ),
    Source(
        "tiledb TILEDB_REST_TOKEN",
        lambda e, t, m, v: (m.setenv("TILEDB_REST_TOKEN", v), _tiledb()(e))[1],
        "TILEDB_REST_TOKEN",
        impossible=ENV,
    ),
    Source(
        "tiledb TILEDB_REST_PASSWORD",
        lambda e, t, m, v: (
            m.setenv("TILEDB_REST_USERNAME", "emulator"),
            m.setenv("TILEDB_REST_PASSWORD", v),
            _tiledb()(e),
        )[2],
        "TILEDB_REST_PASSWORD",
        header=False,
        impossible=ENV,
    ),
    Source(
        "tiledb profile rest.token",
        lambda e, t, m, v: (_tiledb_profile(t, {"rest.token": v}), _tiledb()(e))[1],
        "rest.token",
        "profiles.json [default]",
    ),
    Source(
        "tiledb legacy cloud.json",
        lambda e, t, m, v: (
            (t / "tiledb").mkdir(exist_ok=True),
            (t / "tiledb" / "cloud.json").write_text(json.dumps({"api_key": {"X-TILEDB-REST-API-KEY": v}})),
            _tiledb()(e),
        )[2],
        "api_key.X-TILEDB-REST-API-KEY",
        "cloud.json",
    ),
    Source("tiledb login token", lambda e, t, m, v: tiledb.client.login(token=v, host=e.base_url("tiledb")), "token"),
    # Deadline: arguments, environment, shared credentials file, config file
    Source(
        "deadline aws_access_key_id",
        lambda e, t, m, v: _dl(e, aws_access_key_id=v, aws_secret_access_key="emulator-secret"),
        "aws_access_key_id",
    ),
    Source(
        "deadline aws_secret_access_key",
        lambda e, t, m, v: _dl(e, aws_access_key_id="AKIDEMULATOR", aws_secret_access_key=v),
        "aws_secret_access_key",
    ),
    Source(
        "deadline aws_session_token",
        lambda e, t, m, v: _dl(
            e, aws_access_key_id="AKIDEMULATOR", aws_secret_access_key="emulator-secret", aws_session_token=v
        ),
        "aws_session_token",
    ),
    Source(
        "deadline AWS_SESSION_TOKEN",
        lambda e, t, m, v: (
            m.setenv("AWS_ACCESS_KEY_ID", "AKIDEMULATOR"),
            m.setenv("AWS_SECRET_ACCESS_KEY", "emulator-secret"),
            m.setenv("AWS_SESSION_TOKEN", v),
            _dl(e),
        )[3],
        "AWS_SESSION_TOKEN",
        impossible=ENV,
    ),
    Source(
        "deadline AWS_ACCESS_KEY_ID",
        lambda e, t, m, v: (
            m.setenv("AWS_ACCESS_KEY_ID", v),
            m.setenv("AWS_SECRET_ACCESS_KEY", "emulator-secret"),
            _dl(e),
        )[2],
        "AWS_ACCESS_KEY_ID",
        impossible=ENV,
    ),
    Source(
        "deadline credentials file [dev]",
        lambda e, t, m, v: (
            _aws_files(
                t,
                credentials="[dev]\naws_access_key_id = AKIDEMULATOR\naws_secret_access_key = emulator-secret\n"
                f"aws_session_token = {v}\n",
            ),
            _dl(e, profile_name="dev"),
        )[1],
        "aws_session_token",
        "aws-credentials [dev]",
        impossible=INI,
    ),
    Source(
        "deadline config file [profile dev]",
        lambda e, t, m, v: (
            _aws_files(t, config=f"[profile dev]\naws_access_key_id = {v}\naws_secret_access_key = emulator-secret\n"),
            _dl(e, profile_name="dev"),
        )[1],
        "aws_access_key_id",
        "aws-config [dev]",
        impossible=INI,
    ),
    # Geobox: arguments and GEOBOX_* variables, each mode
    Source(
        "geobox access_token",
        lambda e, t, m, v: geobox.GeoboxClient(host=e.base_url("geobox"), access_token=v),
        "access_token",
    ),
    Source("geobox apikey", lambda e, t, m, v: geobox.GeoboxClient(host=e.base_url("geobox"), apikey=v), "apikey"),
    Source(
        "geobox password",
        lambda e, t, m, v: geobox.GeoboxClient(host=e.base_url("geobox"), username="emulator", password=v),
        "password",
        header=False,
    ),
    Source(
        "geobox GEOBOX_ACCESS_TOKEN",
        lambda e, t, m, v: (m.setenv("GEOBOX_ACCESS_TOKEN", v), geobox.GeoboxClient(host=e.base_url("geobox")))[1],
        "GEOBOX_ACCESS_TOKEN",
        impossible=ENV,
    ),
    # TensorBay
    Source(
        "tensorbay access_key",
        lambda e, t, m, v: tensorbay.GAS("ACCESSKEY-" + v, e.base_url("tensorbay")),
        "access_key",
    ),
]

#: Values refused everywhere: control characters that are not whitespace at the ends.
REFUSED = {
    "inner newline": "cnry\nsecret-value",
    "CRLF header injection": "cnry-secret\r\nX-Injected: 1",
    "trailing NUL": "cnry-secret-value\x00",
    "leading ESC": "\x1b[2Jcnry-secret-value",
    "inner DEL": "cnry-secret\x7fvalue",
    "inner tab": "cnry-secret\tvalue",
}
#: Refused for credentials sent in a header or URL as they are.
REFUSED_IN_HEADERS = {"non-ASCII": "cnry-secret-valu\u00e9", "zero-width space": "cnry-secret\u200bvalue"}


def _cases() -> list[Any]:
    cases = []
    for source in SOURCES:
        for label, value in REFUSED.items():
            if label in source.impossible:
                continue
            cases.append(pytest.param(source, value, id=f"{source.name}-{label}"))
        if source.header:
            for label, value in REFUSED_IN_HEADERS.items():
                cases.append(pytest.param(source, value, id=f"{source.name}-{label}"))
    return cases


def _requests(emu: Emulator) -> int:
    return sum(sum(per_service.values()) for per_service in emu.request_counts().values())


@pytest.mark.parametrize(("source", "value"), _cases())
def test_a_bad_credential_is_refused_when_the_client_is_built(
    emu: Emulator, clean_env: Path, monkeypatch: pytest.MonkeyPatch, source: Source, value: str
) -> None:
    before = _requests(emu)
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        source.build(emu, clean_env, monkeypatch, value)
    error = caught.value
    assert error.parameter == source.parameter
    text = str(error)
    assert source.parameter in text
    if source.source is not None:
        assert source.source in text
    rendered = text + repr(error) + "".join(traceback.format_exception(error))
    tail = value.strip(" \t\r\n\x0b\x0c\x00\x1b[2J")
    assert not [form for form in forms(value) | forms(tail) if form in rendered]
    assert _requests(emu) == before, "a request was sent"


@pytest.mark.parametrize("padding", [("", "\n"), (" ", " "), ("\t", "\r\n")], ids=["newline", "spaces", "tab-crlf"])
def test_whitespace_at_the_ends_is_trimmed_and_the_client_works(
    emu: Emulator, clean_env: Path, monkeypatch: pytest.MonkeyPatch, padding: tuple[str, str]
) -> None:
    head, tail = padding
    seeded = emu.seeded()
    monkeypatch.setenv("TILEDB_REST_TOKEN", f"{head}emulator-token{tail}")
    with tiledb.Client(host=emu.base_url("tiledb"), workspace="ws_emulator") as tdb:
        assert tiledb.tasks.task(seeded["tiledb"]["task_ids"][0], client=tdb).id == seeded["tiledb"]["task_ids"][0]
    ids = {k: seeded["deadline"][k] for k in ("farmId", "queueId", "jobId", "stepId")}
    with _dl(
        emu, aws_access_key_id=f"{head}AKIDEMULATOR{tail}", aws_secret_access_key=f"{head}emulator-secret{tail}"
    ) as dlc:
        assert dlc.get_task(**ids, taskId=seeded["deadline"]["task_ids"][0])["taskId"]
    with geobox.GeoboxClient(host=emu.base_url("geobox"), access_token=f"{head}emulator-token{tail}") as gbc:
        assert gbc.get_task(seeded["geobox"]["task_ids"][0]).uuid == seeded["geobox"]["task_ids"][0]
    with tensorbay.GAS(f"{head}ACCESSKEY-emulator{tail}", emu.base_url("tensorbay")) as gas:
        assert gas.get_dataset(seeded["tensorbay"]["dataset_name"]).name == seeded["tensorbay"]["dataset_name"]
