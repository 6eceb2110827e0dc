"""AWS Signature Version 4 for httpx: a small signer equal to botocore's ``SigV4Auth`` for Deadline's requests.

botocore is not a runtime dependency (importing it costs a quarter of a second and it pulls urllib3); this module
uses hashlib and hmac only, and tests/facade/deadline/test_deadline_sigv4.py proves its signatures equal
botocore's for the same inputs. The rules, as botocore applies them for a non-S3 service:

- the query string is re-encoded the AWS way before signing *and sending*: ``quote(v, safe='-_.~')``, so a space
  travels as ``%20`` (httpx would send ``+``, which AWS reads as a literal plus), sorted by key then value;
- the path is the encoded path, dot segments and empty segments removed, encoded once more (``safe='/~'``);
- signed headers: ``host``, ``content-type`` when present, and every ``x-amz-*`` header (``x-amz-date``,
  ``x-amz-client-token``, ``x-amz-security-token``), i.e. what botocore signs for Deadline; ``user-agent``,
  ``accept*`` and ``connection`` are left out so a proxy that touches them cannot break the signature;
- the payload hash is the SHA-256 of the body; a session token travels in ``X-Amz-Security-Token`` (signed).

Every attempt is signed afresh (httpx runs ``auth_flow`` per request), so a retry never reuses a stale date, and
with the credentials current at that moment: refreshing credentials (assume-role, container, instance role...)
are asked for their current set on every request, so a long wait picks up each refresh. Thread-safe.

The async client (``httpx.AsyncClient``) runs ``async_auth_flow``: the same signature, but when the credentials
may block to refresh (``refresh_due()``: botocore's STS, SSO, container or instance-metadata round trip) their
``current()`` runs in a worker thread (``anyio.to_thread``), so the event loop never waits on it.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import threading
from collections.abc import AsyncGenerator, Callable, Generator, Iterable
from urllib.parse import quote, unquote_plus

import anyio
import httpx

from .._errors import InvalidArgument
from ._config import Credentials, CredentialSource

__all__ = ["SigV4Auth", "amz_date", "aws_query", "canonical_path", "canonical_query"]

ALGORITHM = "AWS4-HMAC-SHA256"


def _utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def aws_query(query: bytes) -> str:
    """An httpx-encoded query string (``+`` for space) re-encoded the AWS way (``%20``), order kept."""
    pairs = []
    for item in query.decode("ascii").split("&") if query else []:
        key, _, value = item.partition("=")
        pairs.append(f"{quote(unquote_plus(key), safe='-_.~')}={quote(unquote_plus(value), safe='-_.~')}")
    return "&".join(pairs)


def canonical_query(query: str) -> str:
    """An AWS-encoded query string sorted by key, then value."""
    pairs = sorted(tuple(item.partition("=")[::2]) for item in query.split("&") if item)
    return "&".join(f"{key}={value}" for key, value in pairs)


def _remove_dot_segments(path: str) -> str:
    segments: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if segments:
                segments.pop()
        elif segment and segment != ".":
            segments.append(segment)
    first = "/" if path.startswith("/") else ""
    last = "/" if path.endswith("/") and segments else ""
    return first + "/".join(segments) + last


def canonical_path(raw_path: str) -> str:
    """botocore's ``quote(normalize_url_path(path), safe='/~')`` of the encoded path."""
    return quote(_remove_dot_segments(raw_path) if raw_path else "/", safe="/~")


def _signed_names(names: Iterable[str]) -> list[str]:
    return sorted({n for n in names if n in ("host", "content-type") or n.startswith("x-amz-")})


def amz_date(when: datetime.datetime) -> str:
    """``20240501T123005Z``: ``when`` in UTC, the year always four digits (``strftime("%Y")`` is not, on glibc)."""
    utc = when.astimezone(datetime.UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="seconds").replace("-", "").replace(":", "") + "Z"


def _check_request(request: object) -> None:
    if not isinstance(request, httpx.Request):
        raise InvalidArgument("request", type(request).__name__, "an httpx.Request")


class SigV4Auth(httpx.Auth):
    """Signs each request with SigV4 for one service and region.

    Args:
        credentials: the access key pair (and session token), or a source of refreshing credentials.
        region: the signing region.
        service: the signing name (``deadline``).
        now: the wall clock as an aware datetime (tests pin it); signatures must use real time.
    """

    requires_request_body = True

    def __init__(
        self,
        credentials: CredentialSource,
        region: str,
        service: str = "deadline",
        now: Callable[[], datetime.datetime] = _utcnow,
    ) -> None:
        if not callable(getattr(credentials, "current", None)):
            raise InvalidArgument(
                "credentials", type(credentials).__name__, "deadline.Credentials or a CredentialSource"
            )
        for name, value in (("region", region), ("service", service)):
            if not isinstance(value, str) or not value or not (value.isascii() and value.isprintable()):
                raise InvalidArgument(name, value, "a non-empty printable ASCII name such as 'us-west-2'")
        if not callable(now):
            raise InvalidArgument("now", now, "a function returning an aware UTC datetime")
        self.source = credentials
        self.region = region
        self.service = service
        self._now = now
        self._lock = threading.Lock()
        self._keys: dict[tuple[str, str], bytes] = {}

    @property
    def credentials(self) -> Credentials:
        """The credentials the next request is signed with."""
        return self.source.current()

    def __repr__(self) -> str:
        return f"SigV4Auth(region={self.region!r}, service={self.service!r}, credentials={self.source!r})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Sign ``request`` in place and send it."""
        self.sign(request)
        yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Sign ``request`` (credentials that may block to refresh are fetched off the event loop) and send it."""
        await request.aread()
        due = getattr(self.source, "refresh_due", None)
        if callable(due) and due():
            credentials = await anyio.to_thread.run_sync(self.source.current, abandon_on_cancel=True)
        else:
            credentials = self.source.current()
        self.sign(request, credentials)
        yield request

    def sign(self, request: httpx.Request, credentials: Credentials | None = None) -> None:
        """Add ``X-Amz-Date``, ``X-Amz-Security-Token`` (with a session token) and ``Authorization``, signed with
        ``credentials`` (default: the source's current set)."""
        _check_request(request)
        if request.url.query:
            request.url = request.url.copy_with(query=aws_query(request.url.query).encode("ascii"))
        for name in ("authorization", "x-amz-date", "x-amz-security-token"):
            request.headers.pop(name, None)
        if credentials is None:  # one set for the whole signature, even if another thread refreshes
            credentials = self.source.current()
        stamp = amz_date(self._now())
        request.headers["X-Amz-Date"] = stamp
        if credentials.token:
            request.headers["X-Amz-Security-Token"] = credentials.token
        signed = _signed_names(request.headers.keys())
        canonical = self.canonical_request(request, signed)
        scope = f"{stamp[:8]}/{self.region}/{self.service}/aws4_request"
        to_sign = "\n".join([ALGORITHM, stamp, scope, hashlib.sha256(canonical.encode()).hexdigest()])
        key = self._signing_key(stamp[:8], credentials.secret_key)
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        request.headers["Authorization"] = (
            f"{ALGORITHM} Credential={credentials.access_key}/{scope}, "
            f"SignedHeaders={';'.join(signed)}, Signature={signature}"
        )

    @staticmethod
    def canonical_request(request: httpx.Request, signed: list[str]) -> str:
        """The canonical request string over ``signed`` header names (lower case, sorted)."""
        _check_request(request)
        if not isinstance(signed, list) or not all(isinstance(name, str) and name.isprintable() for name in signed):
            raise InvalidArgument("signed", signed, "a list of lower-case header names")
        headers = "".join(f"{name}:{','.join(' '.join(v.split()) for v in request.headers.get_list(name))}\n"
                          for name in signed)  # fmt: skip
        return "\n".join(
            [
                request.method.upper(),
                canonical_path(request.url.raw_path.split(b"?", 1)[0].decode("ascii")),
                canonical_query(request.url.query.decode("ascii")),
                headers,
                ";".join(signed),
                hashlib.sha256(request.content).hexdigest(),
            ]
        )

    def _signing_key(self, date: str, secret: str) -> bytes:
        with self._lock:
            key = self._keys.get((date, secret))
        if key is None:
            key = f"AWS4{secret}".encode()
            for part in (date, self.region, self.service, "aws4_request"):
                key = hmac.new(key, part.encode(), hashlib.sha256).digest()
            with self._lock:  # one date and secret at a time: an old day's or an old secret's key is not reused
                self._keys = {(date, secret): key}
        return key
