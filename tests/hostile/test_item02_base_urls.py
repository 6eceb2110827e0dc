"""Item 2: every base URL, from every source, is checked for scheme, host and a port from 1 to 65535.

``http://127.0.0.1:99999`` used to be accepted and connected to port 34463 (99999 mod 65536) with the token. The
refused URL keeps its port in the message and never shows userinfo; nothing is sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import taskfacade
from taskfacade import deadline, geobox, tensorbay, tiledb

Build = Callable[[str, Path, pytest.MonkeyPatch], Any]

BUILDERS: dict[str, tuple[Build, str, str | None]] = {
    "transport base_url": (lambda u, t, m: taskfacade.Transport(service="x", base_url=u), "base_url", None),
    "tiledb host": (lambda u, t, m: tiledb.Client(host=u, token="emulator-token"), "host", None),
    "tiledb TILEDB_REST_HOST": (
        lambda u, t, m: (m.setenv("TILEDB_REST_HOST", u), tiledb.Client(token="emulator-token"))[1],
        "TILEDB_REST_HOST",
        None,
    ),
    "tiledb profile": (
        lambda u, t, m: (
            (t / "tiledb").mkdir(exist_ok=True),
            (t / "tiledb" / "profiles.json").write_text(
                json.dumps({"default": {"rest.server_address": u, "rest.token": "emulator-token"}, "version": 1})
            ),
            tiledb.Client(),
        )[2],
        "rest.server_address",
        "profiles.json [default]",
    ),
    "deadline endpoint_url": (
        lambda u, t, m: deadline.client(endpoint_url=u, aws_access_key_id="AKID", aws_secret_access_key="s3cr3t"),
        "endpoint_url",
        None,
    ),
    "deadline AWS_ENDPOINT_URL_DEADLINE": (
        lambda u, t, m: (
            m.setenv("AWS_ENDPOINT_URL_DEADLINE", u),
            deadline.client(aws_access_key_id="AKID", aws_secret_access_key="s3cr3t", region_name="us-west-2"),
        )[1],
        "AWS_ENDPOINT_URL_DEADLINE",
        None,
    ),
    "deadline profile endpoint_url": (
        lambda u, t, m: (
            (t / "aws-config").write_text(
                f"[profile dev]\nendpoint_url = {u}\naws_access_key_id = AKID\naws_secret_access_key = s3cr3t\n"
            ),
            deadline.client(profile_name="dev", region_name="us-west-2"),
        )[1],
        "endpoint_url",
        "aws-config [dev]",
    ),
    "geobox host": (lambda u, t, m: geobox.GeoboxClient(host=u, access_token="emulator-token"), "host", None),
    "tensorbay url": (lambda u, t, m: tensorbay.GAS("ACCESSKEY-emulator", u), "url", None),
}

BAD_URLS = {
    "port 99999": ("http://127.0.0.1:99999", ":99999"),
    "port 65536": ("http://127.0.0.1:65536/prefix", ":65536"),
    "port 0": ("http://127.0.0.1:0", ":0"),
    "port not a number": ("http://127.0.0.1:80a", ":80a"),
    "negative port": ("http://127.0.0.1:-1", ":-1"),
    "unclosed IPv6": ("http://[::1", "[::1"),
    "no host": ("http:///path", "http:///path"),
    "ftp with password": ("ftp://bob:hunter2pw@h.example/", "ftp://***@h.example"),
    "userinfo": ("https://bob:hunter2pw@h.example:8443/", "https://***@h.example:8443"),
    "token in query": ("https://h.example/?token=hunter2pw", "https://h.example/?***"),
    "space": ("http://h.example/a b", "h.example"),
}


@pytest.mark.parametrize("bad", list(BAD_URLS))
@pytest.mark.parametrize("where", list(BUILDERS))
def test_a_bad_base_url_is_refused_naming_its_source(
    where: str, bad: str, clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build, parameter, source = BUILDERS[where]
    url, shown = BAD_URLS[bad]
    with pytest.raises(taskfacade.InvalidArgument) as caught:
        build(url, clean_env, monkeypatch)
    assert caught.value.parameter == parameter
    text = str(caught.value)
    assert shown in text
    if source is not None:
        assert source in text
    assert "hunter2pw" not in text
    assert "hunter2pw" not in repr(caught.value)


def test_a_client_repr_keeps_the_port(clean_env: Path) -> None:
    with geobox.GeoboxClient(host="http://127.0.0.1:65535/geobox", access_token="emulator-token") as client:
        assert "127.0.0.1:65535" in repr(client)
    with tensorbay.GAS("ACCESSKEY-emulator", "http://127.0.0.1:1/tensorbay") as gas:
        assert "127.0.0.1:1" in repr(gas.client)
    transport = taskfacade.Transport(service="x", base_url="http://[::1]:8080/x")
    assert "[::1]:8080" in repr(transport)
    transport.close()
