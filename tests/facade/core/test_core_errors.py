"""The error tree: shape, builtin compatibility, service classes fitting in, parsing of arbitrary error bodies."""

from __future__ import annotations

import concurrent.futures
import pickle

import pytest
import taskfacade
from taskfacade import (
    APIError,
    BadRequest,
    Conflict,
    Forbidden,
    InvalidArgument,
    NotFound,
    RateLimited,
    ResponseDecodeError,
    ServerError,
    TaskFacadeError,
    Timeout,
    TransportError,
    Unauthorized,
    UnexpectedStatus,
    UnsupportedOperation,
    WaitTimeout,
    error_class_for,
    parse_error_body,
)


def test_the_tree() -> None:
    families: list[type[Exception]] = [BadRequest, Unauthorized, Forbidden, NotFound, Conflict, RateLimited]
    for cls in [*families, ServerError, UnexpectedStatus]:
        assert issubclass(cls, APIError)
    roots: list[type[Exception]] = [APIError, TransportError, ResponseDecodeError, WaitTimeout, InvalidArgument]
    for cls in [*roots, UnsupportedOperation]:
        assert issubclass(cls, TaskFacadeError)
    assert issubclass(Timeout, TransportError)
    # builtin compatibility for code written against the vendor SDKs
    assert issubclass(WaitTimeout, TimeoutError)
    assert issubclass(WaitTimeout, concurrent.futures.TimeoutError)
    assert issubclass(InvalidArgument, ValueError)
    assert issubclass(InvalidArgument, TypeError)
    assert issubclass(UnsupportedOperation, NotImplementedError)
    # the tree is drawn in the module docstring, like httpx's
    doc = taskfacade._errors.__doc__ or ""
    documented: list[type[Exception]] = [APIError, RateLimited, UnexpectedStatus, Timeout, ResponseDecodeError]
    for cls in [*documented, WaitTimeout]:
        assert cls.__name__ in doc


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequest),
        (422, BadRequest),
        (401, Unauthorized),
        (403, Forbidden),
        (404, NotFound),
        (409, Conflict),
        (429, RateLimited),
        (500, ServerError),
        (520, ServerError),
        (599, ServerError),
        (499, UnexpectedStatus),
        (418, UnexpectedStatus),
        (302, UnexpectedStatus),
        (600, UnexpectedStatus),
    ],
)
def test_status_family(status: int, cls: type[APIError]) -> None:
    assert error_class_for(status) is cls


def test_service_classes_fit_the_tree() -> None:
    class DeadlineError(APIError):
        pass

    class ResourceNotFoundException(DeadlineError, NotFound):
        pass

    class ThrottlingException(DeadlineError, RateLimited):
        pass

    class TasksError(APIError):
        pass

    classes = {
        (404, "ResourceNotFoundException"): ResourceNotFoundException,
        (None, "ThrottlingException"): ThrottlingException,
        (500, None): TasksError,
    }
    assert error_class_for(404, "ResourceNotFoundException", classes) is ResourceNotFoundException
    assert error_class_for(400, "ThrottlingException", classes) is ThrottlingException
    assert error_class_for(500, "Anything", classes) is TasksError
    assert error_class_for(404, "SomethingElse", classes) is NotFound
    assert error_class_for(404, None, classes) is NotFound
    error = ResourceNotFoundException("gone", status=404, code="ResourceNotFoundException")
    assert isinstance(error, NotFound)
    assert isinstance(error, DeadlineError)
    assert isinstance(error, TaskFacadeError)


def test_api_error_fields_and_text() -> None:
    error = RateLimited(
        "slow down",
        status=429,
        code="Throttled",
        request_id="r-1",
        body={"message": "slow down"},
        service="deadline",
        method="GET",
        url="https://x.example/a",
        retry_after=3.0,
        headers={"Set-Cookie": "session=secret", "X-A": "1"},
    )
    assert str(error) == "deadline: GET https://x.example/a -> 429 Throttled: slow down (request id r-1)"
    assert error.headers == {"X-A": "1"}
    assert str(APIError("m", status=500)) == "500: m"


def test_errors_pickle_round_trip() -> None:
    originals: list[TaskFacadeError] = [
        NotFound("gone", status=404, code="X", request_id="r", body={"a": 1}, service="s", method="GET", url="u"),
        Timeout("slow", service="s", method="GET", url="u", attempts=3),
        ResponseDecodeError("bad", status=200, content=b"{"),
        WaitTimeout("late", timeout=5.0),
        InvalidArgument("status", "WEIRD", "one of 'A', 'B'"),
    ]
    for original in originals:
        copy = pickle.loads(pickle.dumps(original))  # noqa: S301 - our own objects
        assert type(copy) is type(original)
        assert str(copy) == str(original)
        assert copy.__dict__ == original.__dict__


def test_invalid_argument_names_parameter_and_accepted_values() -> None:
    error = InvalidArgument("status", "WEIRD", "one of 'FAILED', 'RUNNING', 'COMPLETED'")
    assert str(error) == "invalid status='WEIRD': expected one of 'FAILED', 'RUNNING', 'COMPLETED'"
    assert (error.parameter, error.value) == ("status", "WEIRD")


@pytest.mark.parametrize(
    ("content", "headers", "expected"),
    [
        (b"", {}, (None, None, None, None)),
        (b"   ", {}, (None, None, None, None)),
        (b'{"code": "E1", "message": "m"}', {}, ("E1", "m", None, {"code": "E1", "message": "m"})),
        (b'{"Code": 400101, "Message": "m2"}', {}, ("400101", "m2", None, {"Code": 400101, "Message": "m2"})),
        (b'{"detail": "d"}', {"x-request-id": "r9"}, (None, "d", "r9", {"detail": "d"})),
        (b'{"error": "bad_thing"}', {}, ("bad_thing", "bad_thing", None, {"error": "bad_thing"})),
        (b'{"message": {"nested": true}}', {}, (None, None, None, {"message": {"nested": True}})),
        (b'{"requestId": "q1", "msg": "x"}', {"x-amzn-requestid": "h"}, (None, "x", "q1", None)),
        (b"[1, 2]", {}, (None, None, None, [1, 2])),
        (b"<html>Bad Gateway</html>", {}, (None, "<html>Bad Gateway</html>", None, "<html>Bad Gateway</html>")),
        (b"\xff\xfe bytes", {}, (None, "\ufffd\ufffd bytes", None, "\ufffd\ufffd bytes")),
        (b'"just a string"', {}, (None, "just a string", None, "just a string")),
        (b"null", {}, (None, None, None, None)),
    ],
)
def test_parse_error_body(content: bytes, headers: dict[str, str], expected: tuple[object, ...]) -> None:
    details = parse_error_body(500, headers, content)
    code, message, request_id, body = expected
    assert (details.code, details.message, details.request_id) == (code, message, request_id)
    if body is not None:
        assert details.body == body


def test_long_text_bodies_are_cut_in_messages() -> None:
    details = parse_error_body(502, {}, b"x" * 10_000)
    assert details.message is not None
    assert len(details.message) == 300
    assert details.body == "x" * 10_000
