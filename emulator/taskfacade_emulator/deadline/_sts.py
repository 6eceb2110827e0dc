"""A minimal AWS STS for the emulator: ``AssumeRole`` and ``AssumeRoleWithWebIdentity`` issuing session credentials.

Served under the Deadline mount at ``/deadline/sts`` so ``AWS_ENDPOINT_URL_STS=<emulator>/deadline/sts`` lets
botocore's (and taskfacade's) assume-role and web-identity providers run for real against the emulator. The wire
format is STS's awsQuery protocol: a form-encoded POST (``Action``, ``Version``, ``RoleArn``...) answered with XML.

- ``AssumeRole`` is SigV4-signed for the ``sts`` service by a long-term key of ``deadline_keys`` or by a session
  this STS issued (role chaining);
- ``AssumeRoleWithWebIdentity`` is unsigned, as on AWS; any non-empty ``WebIdentityToken`` is accepted (the
  emulator does not validate JWTs).

Issued sessions (access key, secret, token, expiry on the real wall clock) are kept in a ``SessionStore`` per
emulator; Deadline's SigV4 verification accepts them while they are valid and only with their own
``X-Amz-Security-Token``. ``DurationSeconds`` follows AWS's bounds (900 to 43200, default 3600).
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable, Mapping
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

from starlette.requests import Request
from starlette.responses import Response

from .._body import BodyError, read_body
from ._sigv4 import SignedRequest, verify
from ._sts_sessions import SessionStore
from ._wire import ApiError

__all__ = ["StsEndpoint"]

_NS = "https://sts.amazonaws.com/doc/2011-06-15/"
_MIN_DURATION, _MAX_DURATION, _DEFAULT_DURATION = 900, 43200, 3600


class _StsError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _xml_error(status: int, code: str, message: str) -> Response:
    kind = "Sender" if status < 500 else "Receiver"
    body = (
        f'<ErrorResponse xmlns="{_NS}"><Error><Type>{kind}</Type><Code>{escape(code)}</Code>'
        f"<Message>{escape(message)}</Message></Error><RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>"
    )
    return Response(body, status_code=status, media_type="text/xml")


def _duration(params: Mapping[str, str]) -> int:
    text = params.get("DurationSeconds")
    if text is None:
        return _DEFAULT_DURATION
    if not text.isdigit() or not _MIN_DURATION <= int(text) <= _MAX_DURATION:
        raise _StsError(
            400,
            "ValidationError",
            f"1 validation error detected: Value '{text}' at 'durationSeconds' failed to satisfy constraint: "
            f"Member must have value between {_MIN_DURATION} and {_MAX_DURATION}",
        )
    return int(text)


def _required(params: Mapping[str, str], name: str) -> str:
    value = params.get(name, "")
    if not value:
        raise _StsError(400, "ValidationError", f"1 validation error detected: Value null at '{name}' failed to "
                        "satisfy constraint: Member must not be null")  # fmt: skip
    return value


class StsEndpoint:
    """The ``POST /sts`` endpoint: verifies, issues a session into ``sessions``, answers STS's XML."""

    def __init__(
        self,
        keys: Callable[[], Mapping[str, str]],
        sessions: SessionStore,
        signed: Callable[[Request, bytes], SignedRequest],
        now: Callable[[], float] = time.time,
    ) -> None:
        self._keys = keys
        self._sessions = sessions
        self._signed = signed
        self._now = now

    async def handle(self, request: Request) -> Response:
        """Answer one STS request."""
        try:
            body = await read_body(request)
        except BodyError as error:
            return _xml_error(error.status, "RequestEntityTooLarge" if error.status == 413 else "MalformedInput",
                              error.message)  # fmt: skip
        try:
            params = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        except UnicodeDecodeError:
            return _xml_error(400, "MalformedInput", "The request body is not UTF-8 form data.")
        try:
            return self._answer(request, body, params)
        except _StsError as error:
            return _xml_error(error.status, error.code, error.message)
        except ApiError as error:  # a SigV4 refusal
            return _xml_error(error.status, error.error_type, error.message)

    def _answer(self, request: Request, body: bytes, params: Mapping[str, str]) -> Response:
        action = params.get("Action")
        if action == "AssumeRole":
            verify(self._signed(request, body), self._keys(), self._now, service="sts", sessions=self._sessions)
            session_name = _required(params, "RoleSessionName")
        elif action == "AssumeRoleWithWebIdentity":
            _required(params, "WebIdentityToken")
            session_name = _required(params, "RoleSessionName")
        else:
            raise _StsError(400, "InvalidAction", f"Could not find operation {action} for version 2011-06-15")
        role_arn = _required(params, "RoleArn")
        role_name = role_arn.rsplit("/", 1)[-1]
        arn = f"arn:aws:sts::123456789012:assumed-role/{role_name}/{session_name}"
        session = self._sessions.issue(arn, _duration(params), self._now())
        expiration = dt.datetime.fromtimestamp(session.expires_at, tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        extra = "<SubjectFromWebIdentityToken>emulator</SubjectFromWebIdentityToken>" if "Web" in action else ""
        body_xml = (
            f'<{action}Response xmlns="{_NS}"><{action}Result>{extra}<Credentials>'
            f"<AccessKeyId>{session.access_key}</AccessKeyId><SecretAccessKey>{session.secret_key}</SecretAccessKey>"
            f"<SessionToken>{session.token}</SessionToken><Expiration>{expiration}</Expiration></Credentials>"
            f"<AssumedRoleUser><AssumedRoleId>AROAEMULATOR:{escape(session_name)}</AssumedRoleId>"
            f"<Arn>{escape(arn)}</Arn></AssumedRoleUser></{action}Result>"
            f"<ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId></ResponseMetadata></{action}Response>"
        )
        return Response(body_xml, media_type="text/xml")
