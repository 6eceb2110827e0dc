"""Fault injection, observed from a real httpx client over loopback (and the rule parser on its own)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator

import httpx
import pytest
from support.emulator_fake import AUTH, FakeService, fake_emulator
from taskfacade_emulator import Emulator
from taskfacade_emulator._faults import Action, parse_rule
from taskfacade_emulator._inject import EXTRA_FIELDS, add_extra_fields

TASK = "/v1/tasks/task-000001"


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with fake_emulator() as running:
        yield running


@pytest.fixture
def client(emu: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emu.base_url("fake"), headers=AUTH, timeout=10) as http:
        yield http


def test_status_in_the_services_format_with_retry_after(emu: Emulator, client: httpx.Client) -> None:
    emu.add_faults(service="fake", action="status", status=503, retry_after=2.5, count=1)
    response = client.get(TASK)
    assert response.status_code == 503
    assert response.json() == {"fakeError": {"code": 503, "message": "fault injected by the emulator (rule 1)"}}
    assert response.headers["retry-after"] == "2"  # the fake service formats it itself
    assert client.get(TASK).status_code == 200  # count=1: only the next request


def test_status_gets_a_retry_after_header_even_if_the_service_forgets(emu: Emulator, client: httpx.Client) -> None:
    service = emu.services["fake"]
    original = service.error_response
    service.error_response = lambda status, message, *, retry_after=None: original(status, message)  # type: ignore[method-assign]
    emu.add_faults(service="fake", action="status", status=429, retry_after=1.2)
    assert client.get(TASK).headers["retry-after"] == "2"  # rounded up to whole seconds


def test_reset_before_any_response_byte_and_the_request_is_not_acted_on(emu: Emulator, client: httpx.Client) -> None:
    emu.add_faults(service="fake", action="reset", method="POST", count=1)
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)) as caught:
        client.post(f"{TASK}/cancel")
    assert "reset" in str(caught.value).lower() or isinstance(caught.value, httpx.RemoteProtocolError)
    assert client.get(TASK).json()["status"] == "QUEUED"  # never canceled
    assert client.post(f"{TASK}/cancel").json()["status"] == "CANCELED"


def test_reset_is_a_real_tcp_reset(emu: Emulator) -> None:
    emu.add_faults(service="fake", action="reset")
    with httpx.Client(base_url=emu.base_url("fake"), headers=AUTH) as http, pytest.raises(httpx.ReadError) as caught:
        http.get(TASK)
    assert isinstance(caught.value.__context__, ConnectionResetError) or "104" in str(caught.value)


def test_truncate_declares_the_full_length_and_sends_part(emu: Emulator, client: httpx.Client) -> None:
    expected = len(client.get(TASK).content)
    emu.add_faults(service="fake", action="truncate", path=r"^/v1/tasks/[^/]+$", count=1)
    with pytest.raises(httpx.RemoteProtocolError, match=rf"received {expected // 2} bytes, expected {expected}"):
        client.get(TASK)
    assert client.get(TASK).status_code == 200


def test_truncate_of_a_raw_byte_body(emu: Emulator) -> None:
    emu.add_faults(service="fake", action="truncate", path="bytes")
    with pytest.raises(httpx.RemoteProtocolError, match="received 60 bytes, expected 120"):
        httpx.get(emu.base_url("fake") + "/v1/bytes")


def test_malformed_keeps_status_and_type_but_the_json_does_not_parse(emu: Emulator, client: httpx.Client) -> None:
    emu.add_faults(service="fake", action="malformed")
    response = client.get(TASK)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert int(response.headers["content-length"]) == len(response.content)
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_unknown_enum_replaces_enum_values_at_any_depth(emu: Emulator, client: httpx.Client) -> None:
    emu.add_faults(service="fake", action="unknown_enum", path="tasks")
    body = client.get("/v1/tasks").json()
    assert {task["status"] for task in body["tasks"]} == {"FUTURE_VALUE"}
    assert {task["steps"][0]["status"] for task in body["tasks"]} == {"FUTURE_VALUE"}
    assert body["tasks"][0]["id"] == "task-000001"


def test_extra_fields_are_added_to_every_json_object(emu: Emulator, client: httpx.Client) -> None:
    emu.add_faults(service="fake", action="extra_fields")
    body = client.get("/v1/tasks").json()
    objects = [body, *body["tasks"], *(step for task in body["tasks"] for step in task["steps"])]
    assert all(obj.items() >= EXTRA_FIELDS.items() for obj in objects)
    assert body["tasks"][0]["status"] == "QUEUED"


def test_extra_fields_leaves_a_non_json_body_alone(emu: Emulator) -> None:
    plain = httpx.get(emu.base_url("fake") + "/v1/bytes").content
    emu.add_faults(service="fake", action="extra_fields")
    assert httpx.get(emu.base_url("fake") + "/v1/bytes").content == plain


def test_latency_alone_and_combined_with_a_status(emu: Emulator, client: httpx.Client) -> None:
    emu.add_faults(
        {"service": "fake", "action": "latency", "latency_ms": 150, "method": "GET", "count": 1},
        {"service": "fake", "action": "status", "status": 500, "latency_ms": 100, "count": 1},
    )
    began = time.perf_counter()
    assert client.get(TASK).status_code == 200
    assert time.perf_counter() - began >= 0.15
    began = time.perf_counter()
    assert client.get(TASK).status_code == 500
    assert time.perf_counter() - began >= 0.10


def test_rules_are_scoped_by_method_and_path(emu: Emulator, client: httpx.Client) -> None:
    emu.add_faults(service="fake", action="status", status=502, method="post", path=r"/cancel$")
    assert client.get(TASK).status_code == 200
    assert client.get("/v1/tasks").status_code == 200
    assert client.post(f"{TASK}/cancel").status_code == 502
    assert emu.faults()[0]["fired"] == 1


def test_count_limits_a_rule_to_the_next_n_matching_requests(emu: Emulator, client: httpx.Client) -> None:
    emu.add_faults(service="fake", action="status", status=500, path="tasks/", count=2)
    statuses = [client.get(TASK).status_code for _ in range(4)]
    assert statuses == [500, 500, 200, 200]
    [rule] = emu.faults()
    assert (rule["fired"], rule["remaining"], rule["count"]) == (2, 0, 2)


def test_the_first_matching_rule_wins(emu: Emulator, client: httpx.Client) -> None:
    emu.add_faults(
        {"service": "fake", "action": "status", "status": 503, "count": 1},
        {"service": "fake", "action": "status", "status": 504},
    )
    assert [client.get(TASK).status_code for _ in range(3)] == [503, 504, 504]
    assert [rule["fired"] for rule in emu.faults()] == [1, 2]


def _pattern(emu: Emulator, n: int) -> list[int]:
    with httpx.Client(base_url=emu.base_url("fake"), headers=AUTH) as http:
        return [http.get(TASK).status_code for _ in range(n)]


def test_probability_is_deterministic_for_a_seed() -> None:
    rule = {"service": "fake", "action": "status", "status": 503, "probability": 0.3}
    with fake_emulator(seed=7) as first:
        first.add_faults(rule)
        one = _pattern(first, 60)
        first.clear_faults()  # re-seeds the RNG: same rules, same faults
        first.add_faults(rule)
        again = _pattern(first, 60)
    with fake_emulator(seed=7) as second:
        second.add_faults(rule)
        two = _pattern(second, 60)
    assert one == two == again
    assert 8 <= one.count(503) <= 30
    assert set(one) == {200, 503}


def test_a_fault_is_scoped_to_its_service() -> None:
    class OtherService(FakeService):
        name = "other"

    with fake_emulator(services=[FakeService, OtherService]) as emu:
        emu.add_faults(service="other", action="status", status=500)
        assert httpx.get(emu.base_url("fake") + TASK, headers=AUTH).status_code == 200
        assert httpx.get(emu.base_url("other") + TASK, headers=AUTH).status_code == 500


def test_a_faulted_request_is_still_counted(emu: Emulator, client: httpx.Client) -> None:
    emu.add_faults(service="fake", action="reset", count=1)
    with pytest.raises(httpx.TransportError):
        client.get(TASK)
    client.get(TASK)
    assert emu.request_counts()["fake"] == {"GET /v1/tasks/{task_id}": 2}


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"service": "fake", "action": "status", "stauts": 500}, "unknown fault rule key(s) ['stauts']"),
        ({"service": "nope", "action": "reset"}, "'service' must be one of ['fake'], got 'nope'"),
        ({"service": "fake", "action": "explode"}, "'action' must be one of ['status', 'reset', 'truncate'"),
        ({"service": "fake", "action": "status"}, "'status' must be an integer from 400 to 599"),
        ({"service": "fake", "action": "status", "status": 200}, "'status' must be an integer from 400 to 599"),
        ({"service": "fake", "action": "reset", "status": 500}, "'status' only applies to action 'status'"),
        ({"service": "fake", "action": "reset", "retry_after": 1}, "'retry_after' only applies to action 'status'"),
        ({"service": "fake", "action": "status", "status": 503, "retry_after": -1}, "'retry_after' must be a number"),
        ({"service": "fake", "action": "latency"}, "action 'latency' needs 'latency_ms'"),
        ({"service": "fake", "action": "latency", "latency_ms": 0}, "action 'latency' needs 'latency_ms' > 0"),
        ({"service": "fake", "action": "reset", "latency_ms": True}, "'latency_ms' must be a number from 0"),
        ({"service": "fake", "action": "reset", "probability": 0}, "'probability' must be a number in (0, 1]"),
        ({"service": "fake", "action": "reset", "probability": 1.5}, "'probability' must be a number in (0, 1]"),
        ({"service": "fake", "action": "reset", "count": 0}, "'count' must be an integer from 1 to 1000000000, got 0"),
        ({"service": "fake", "action": "reset", "method": "FETCH"}, "'method' must be one of ['GET', 'HEAD'"),
        ({"service": "fake", "action": "reset", "path": "(["}, "'path' is not a valid regular expression"),
        ({"service": "fake", "action": "reset", "path": 3}, "'path' must be a regular expression string"),
        ("reset", "a fault rule must be a JSON object, got str"),
    ],
)
def test_bad_rules_are_refused_with_the_key_and_accepted_values(rule: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_rule(rule, 1, ["fake"])


def test_a_batch_with_one_bad_rule_adds_none(emu: Emulator) -> None:
    with pytest.raises(ValueError, match="'action' must be one of"):
        emu.add_faults({"service": "fake", "action": "reset"}, {"service": "fake", "action": "nope"})
    assert emu.faults() == []
    with pytest.raises(ValueError, match="non-empty list"):
        emu.add_faults()


def test_parse_rule_normalises_and_keeps_every_field() -> None:
    rule = parse_rule(
        {
            "service": "fake",
            "action": "status",
            "status": 429,
            "retry_after": 3,
            "method": "get",
            "path": "x",
            "count": 2,
        },
        9,
        ["fake"],
    )
    assert rule.action is Action.STATUS
    assert rule.to_json() == {
        "id": 9,
        "service": "fake",
        "method": "GET",
        "path": "x",
        "action": "status",
        "status": 429,
        "retry_after": 3.0,
        "latency_ms": 0.0,
        "probability": 1.0,
        "count": 2,
        "drip_ms": None,
        "drip_bytes": None,
        "inflate_bytes": None,
        "rate": None,
        "fired": 0,
        "remaining": 2,
    }


def test_add_extra_fields_reaches_nested_lists_and_leaves_scalars() -> None:
    body = {"a": [{"b": 1}, 2, [{"c": None}]], "d": "x"}
    altered = add_extra_fields(body)
    assert altered["a"][0] == {"b": 1, **EXTRA_FIELDS}
    assert altered["a"][1] == 2
    assert altered["a"][2][0] == {"c": None, **EXTRA_FIELDS}
    assert altered["d"] == "x"
    assert add_extra_fields("plain") == "plain"


def test_drip_sends_the_body_piece_by_piece_at_the_given_pace(emu: Emulator, client: httpx.Client) -> None:
    expected = client.get(TASK).content
    emu.add_faults(service="fake", action="drip", drip_ms=20, drip_bytes=16, count=1)
    arrivals: list[float] = []
    with client.stream("GET", TASK) as response:
        assert response.headers["content-length"] == str(len(expected))  # headers at once, whole length declared
        start = time.monotonic()
        body = b""
        for piece in response.iter_raw():
            arrivals.append(time.monotonic() - start)
            body += piece
    assert body == expected  # the body is intact, only slow
    pieces = -(-len(expected) // 16)
    assert len(arrivals) >= pieces // 2  # (loopback may merge two pieces now and then)
    assert arrivals[-1] >= 0.02 * (pieces - 1) * 0.9


def test_gzip_bomb_inflates_to_the_given_size_and_stays_valid_json(emu: Emulator, client: httpx.Client) -> None:
    expected = client.get(TASK).json()
    emu.add_faults(service="fake", action="gzip_bomb", inflate_bytes=20_000_000, count=1)
    response = client.get(TASK)
    assert response.headers["content-encoding"] == "gzip"
    assert "content-length" not in response.headers
    assert len(response.content) == 20_000_000
    assert response.num_bytes_downloaded < 100_000  # small on the wire
    assert response.json() == expected  # padded with JSON whitespace


def test_gzip_bomb_stops_when_the_client_hangs_up(emu: Emulator) -> None:
    emu.add_faults(service="fake", action="gzip_bomb", inflate_bytes=1 << 36)  # 64 GiB: minutes of compressing
    with httpx.Client(base_url=emu.base_url("fake"), headers=AUTH, timeout=10) as http:
        with http.stream("GET", TASK) as response:
            read = 0
            for chunk in response.iter_bytes():
                read += len(chunk)
                if read > 10_000_000:
                    break
        time.sleep(0.2)  # let the server see the hang-up
        cpu = time.process_time()  # the emulator runs in this process
        time.sleep(1.0)
        assert time.process_time() - cpu < 0.3  # it stopped compressing


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"action": "drip"}, "action 'drip' needs 'drip_ms'"),
        ({"action": "drip", "drip_ms": 0}, "action 'drip' needs 'drip_ms'"),
        ({"action": "drip", "drip_ms": True}, "action 'drip' needs 'drip_ms'"),
        ({"action": "drip", "drip_ms": 700_000}, "action 'drip' needs 'drip_ms'"),
        ({"action": "drip", "drip_ms": 10, "drip_bytes": 0}, "'drip_bytes' must be an integer from 1"),
        ({"action": "drip", "drip_ms": 10, "drip_bytes": 1.5}, "'drip_bytes' must be an integer from 1"),
        ({"action": "drip", "drip_ms": 10, "drip_bytes": 2**21}, "'drip_bytes' must be an integer from 1"),
        ({"action": "latency", "latency_ms": 5, "drip_ms": 10}, "'drip_ms' only applies to action 'drip'"),
        ({"action": "reset", "drip_bytes": 4}, "'drip_bytes' only applies to action 'drip'"),
        ({"action": "gzip_bomb", "inflate_bytes": 0}, "'inflate_bytes' must be an integer from 1"),
        ({"action": "gzip_bomb", "inflate_bytes": "1G"}, "'inflate_bytes' must be an integer from 1"),
        ({"action": "gzip_bomb", "inflate_bytes": 2**40}, "'inflate_bytes' must be an integer from 1"),
        ({"action": "drip", "drip_ms": 10, "inflate_bytes": 5}, "'inflate_bytes' only applies to action 'gzip_bomb'"),
    ],
)
def test_drip_and_gzip_bomb_fields_are_checked(extra: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_rule({"service": "fake", **extra}, 1, ["fake"])


def test_drip_and_gzip_bomb_defaults_show_in_the_rule() -> None:
    drip = parse_rule({"service": "fake", "action": "drip", "drip_ms": 5}, 1, ["fake"]).to_json()
    assert (drip["drip_ms"], drip["drip_bytes"], drip["inflate_bytes"]) == (5.0, 1, None)
    bomb = parse_rule({"service": "fake", "action": "gzip_bomb"}, 2, ["fake"]).to_json()
    assert (bomb["drip_ms"], bomb["drip_bytes"], bomb["inflate_bytes"]) == (None, None, 1 << 30)


def test_throttle_answers_429_above_the_rate(emu: Emulator, client: httpx.Client) -> None:
    emu.add_faults(service="fake", action="throttle", rate=5)
    statuses = [client.get(TASK).status_code for _ in range(20)]  # a burst, far faster than 5/s
    assert statuses[:5] == [200] * 5  # one second's burst passes
    assert statuses.count(429) >= 10
    time.sleep(0.5)  # the bucket refills at 5/s: two more pass
    assert [client.get(TASK).status_code for _ in range(2)] == [200, 200]


def test_throttle_rule_needs_a_rate_and_takes_no_status() -> None:
    rule = parse_rule({"service": "fake", "action": "throttle", "rate": 2.5}, 1, ["fake"])
    assert rule.action is Action.THROTTLE
    assert rule.to_json()["rate"] == 2.5
    assert rule.to_json()["status"] == 429
    with pytest.raises(ValueError, match="'rate'"):
        parse_rule({"service": "fake", "action": "throttle"}, 1, ["fake"])
    with pytest.raises(ValueError, match="'rate'"):
        parse_rule({"service": "fake", "action": "throttle", "rate": 0}, 1, ["fake"])
    with pytest.raises(ValueError, match="'status'"):
        parse_rule({"service": "fake", "action": "throttle", "rate": 1, "status": 503}, 1, ["fake"])
    with pytest.raises(ValueError, match="'rate' only applies"):
        parse_rule({"service": "fake", "action": "status", "status": 503, "rate": 1}, 1, ["fake"])
