"""AWS Signature Version 4 verification (the server side of botocore's ``SigV4Auth``), with hashlib and hmac only.

The emulator recomputes the signature from what it received: the method, the raw path (including the ``/deadline``
mount prefix, which is part of the URL the client signed), the query re-encoded the AWS way, the headers named in
``SignedHeaders`` and the SHA-256 of the body. Any region is accepted; the service must be ``deadline``. The
``X-Amz-Date`` must be within 15 minutes of the real wall clock (not the emulator clock: clients sign with theirs).
Session credentials issued by the emulator's STS (``_sts.py``) are accepted until they expire (real wall clock),
and only with their own ``X-Amz-Security-Token`` (signed, as botocore signs it); a long-term key's token header
is ignored, as before.
Refusals are ``ApiError``s with AWS's error types; messages never contain the secret or the signature.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import re
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import quote, unquote

import attrs

from ._sts_sessions import SessionStore
from ._wire import auth_refusal

ALGORITHM = "AWS4-HMAC-SHA256"
SERVICE = "deadline"
MAX_SKEW_S = 15 * 60
_AMZ_DATE = "%Y%m%dT%H%M%SZ"
_AMZ_DATE_RE = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z", re.ASCII)
_AUTH_PARTS = re.compile(r"(Credential|SignedHeaders|Signature)=([^,\s]*)")


@attrs.frozen
class SignedRequest:
    """What the verifier needs from an HTTP request.

    Attributes:
        method: HTTP method.
        raw_path: the percent-encoded path as received (with the mount prefix).
        query_string: the raw query string (without ``?``).
        headers: (lower-case name, value) pairs, repeated names allowed.
        body: the request body.
    """

    method: str
    raw_path: str
    query_string: str
    headers: Sequence[tuple[str, str]]
    body: bytes

    def header_values(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k == name]


@attrs.frozen
class _Authorization:
    access_key: str
    date: str
    region: str
    service: str
    signed_headers: tuple[str, ...]
    signature: str


def verify(
    request: SignedRequest,
    keys: Mapping[str, str],
    now: Callable[[], float],
    *,
    service: str = SERVICE,
    sessions: SessionStore | None = None,
) -> str:
    """Check the request's SigV4 signature; returns the caller's access key id, raises ``ApiError`` (403) if not.

    Args:
        request: the received request.
        keys: access key id -> secret access key (long-term keys).
        now: the real wall clock, in epoch seconds.
        service: the signing name the credential scope must name (``deadline``, ``sts``).
        sessions: the session credentials the emulator's STS issued.
    """
    header = request.header_values("authorization")
    if not header:
        raise auth_refusal("MissingAuthenticationTokenException", "Missing Authentication Token")
    auth = _parse_authorization(header[0])
    amz_date = _amz_date(request)
    if auth.date != amz_date[:8]:
        raise auth_refusal(
            "InvalidSignatureException",
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP",
        )
    if auth.service != service:
        raise auth_refusal("InvalidSignatureException", f"Credential should be scoped to correct service: '{service}'.")
    secret = keys.get(auth.access_key)
    if secret is None:
        secret = _session_secret(request, auth, sessions, now())
    _check_freshness(amz_date, now())
    expected = _signature(request, auth, amz_date, secret)
    if not hmac.compare_digest(expected, auth.signature):
        raise auth_refusal(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
            "Access Key and signing method. Consult the service documentation for details.",
        )
    if sessions is not None and auth.access_key not in keys:
        sessions.mark_used(auth.access_key)
    return auth.access_key


def _session_secret(request: SignedRequest, auth: _Authorization, sessions: SessionStore | None, now: float) -> str:
    """The secret of a valid STS session whose token the request carries (signed), else a 403."""
    session = sessions.get(auth.access_key) if sessions is not None else None
    tokens = request.header_values("x-amz-security-token")
    if session is None or not tokens or not hmac.compare_digest(tokens[0], session.token):
        raise auth_refusal("UnrecognizedClientException", "The security token included in the request is invalid.")
    if "x-amz-security-token" not in auth.signed_headers:
        raise auth_refusal("IncompleteSignatureException", "'X-Amz-Security-Token' must be a 'SignedHeader'.")
    if session.expires_at <= now:
        raise auth_refusal("ExpiredTokenException", "The security token included in the request is expired")
    return session.secret_key


def _parse_authorization(value: str) -> _Authorization:
    algorithm, _, rest = value.strip().partition(" ")
    if algorithm != ALGORITHM:
        raise auth_refusal("IncompleteSignatureException", f"Unsupported authorization type; expected {ALGORITHM}")
    parts = dict(_AUTH_PARTS.findall(rest))
    missing = [name for name in ("Credential", "SignedHeaders", "Signature") if not parts.get(name)]
    if missing:
        raise auth_refusal(
            "IncompleteSignatureException", f"Authorization header requires {', '.join(repr(m) for m in missing)}."
        )
    scope = parts["Credential"].split("/")
    if len(scope) != 5 or scope[4] != "aws4_request" or not all(scope):
        raise auth_refusal(
            "IncompleteSignatureException",
            "Credential must have exactly 5 slash-delimited elements: AKID/date/region/service/aws4_request.",
        )
    signed = tuple(parts["SignedHeaders"].split(";"))
    if "host" not in signed:
        raise auth_refusal("IncompleteSignatureException", "'Host' must be a 'SignedHeader' in the Authorization.")
    return _Authorization(scope[0], scope[1], scope[2], scope[3], signed, parts["Signature"])


def _amz_date(request: SignedRequest) -> str:
    values = request.header_values("x-amz-date")
    if not values:
        raise auth_refusal(
            "IncompleteSignatureException",
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        )
    if _parse_amz_date(values[0]) is None:
        raise auth_refusal("IncompleteSignatureException", "X-Amz-Date must have the form YYYYMMDDTHHMMSSZ.")
    return values[0]


def _parse_amz_date(text: str) -> dt.datetime | None:
    """``YYYYMMDDTHHMMSSZ`` as an aware UTC datetime, or None (a regex: ``strptime`` costs ~25 µs a call)."""
    match = _AMZ_DATE_RE.fullmatch(text)
    if match is None:
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in match.groups())
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
    except ValueError:  # month 13, February 30, ...
        return None


def _check_freshness(amz_date: str, now: float) -> None:
    signed_at = _parse_amz_date(amz_date)
    assert signed_at is not None  # checked by _amz_date
    current = dt.datetime.fromtimestamp(now, tz=dt.UTC)
    skew = (signed_at - current).total_seconds()
    if abs(skew) <= MAX_SKEW_S:
        return
    window = dt.timedelta(seconds=MAX_SKEW_S)
    if skew < 0:
        limit, relation, sign = (current - window).strftime(_AMZ_DATE), "is now earlier than", "-"
        prefix = "Signature expired"
    else:
        limit, relation, sign = (current + window).strftime(_AMZ_DATE), "is still later than", "+"
        prefix = "Signature not yet current"
    message = f"{prefix}: {amz_date} {relation} {limit} ({current.strftime(_AMZ_DATE)} {sign} 15 min.)"
    raise auth_refusal("InvalidSignatureException", message)


def _signature(request: SignedRequest, auth: _Authorization, amz_date: str, secret: str) -> str:
    scope = f"{auth.date}/{auth.region}/{auth.service}/aws4_request"
    canonical = canonical_request(request, auth.signed_headers)
    to_sign = "\n".join([ALGORITHM, amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = _signing_key(secret, auth.date, auth.region, auth.service)
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


@functools.lru_cache(maxsize=64)
def _signing_key(secret: str, date: str, region: str, service: str) -> bytes:
    """SigV4's derived key; it changes once a day per key and region, so it is computed once (4 HMACs saved)."""
    key = _hmac(f"AWS4{secret}".encode(), date)
    for part in (region, service, "aws4_request"):
        key = _hmac(key, part)
    return key


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode(), hashlib.sha256).digest()


def canonical_request(request: SignedRequest, signed_headers: Sequence[str]) -> str:
    """The canonical request string of SigV4 (non-S3 rules: the path is encoded once more)."""
    headers = []
    for name in signed_headers:
        values = request.header_values(name)
        if not values:
            raise auth_refusal("IncompleteSignatureException", f"Signed header '{name}' is missing from the request.")
        headers.append(f"{name}:{','.join(' '.join(v.split()) for v in values)}\n")
    return "\n".join(
        [
            request.method.upper(),
            quote(_normalize_path(request.raw_path), safe="/~"),
            _canonical_query(request.query_string),
            "".join(headers),
            ";".join(signed_headers),
            _payload_hash(request),
        ]
    )


def _normalize_path(path: str) -> str:
    """Remove dot segments and empty segments as botocore's ``normalize_url_path`` does (RFC 3986 5.2.4)."""
    if not path:
        return "/"
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


def _canonical_query(query_string: str) -> str:
    pairs = []
    for item in query_string.split("&") if query_string else []:
        key, _, value = item.partition("=")
        pairs.append((quote(unquote(key), safe="-_.~"), quote(unquote(value), safe="-_.~")))
    return "&".join(f"{k}={v}" for k, v in sorted(pairs))


def _payload_hash(request: SignedRequest) -> str:
    computed = hashlib.sha256(request.body).hexdigest()
    declared = request.header_values("x-amz-content-sha256")
    if not declared or declared[0] == "UNSIGNED-PAYLOAD":
        return declared[0] if declared else computed
    if declared[0] != computed:
        raise auth_refusal(
            "InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed."
        )
    return computed
