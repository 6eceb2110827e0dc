"""Credentials: checked once when a client is built, and redacted from every message built from lower-level text.

Two mechanisms, one per failure mode:

* ``check_secret`` runs on every credential of every service, whatever its source (argument, environment variable,
  profile or config file, command-line option), before any request. Whitespace at either end is trimmed (a token
  copied with its newline still works); any other control character, and for header-borne credentials any
  non-ASCII character, is refused with ``InvalidArgument`` naming the parameter and its source, never the value.
  A value httpx cannot put into a header would otherwise surface as ``LocalProtocolError: Illegal header value
  b'<the secret>'``.
* ``Redactor`` is defence in depth: it knows a client's secrets in every encoding a message could carry them in
  (raw, Python ``repr``/``ascii`` escapes, bytes repr, JSON escapes, percent-encoding, base64 at any alignment and
  the ``user:password`` pair of HTTP Basic auth) and masks each as ``***``; it also masks the userinfo of any URL.
  The transport passes every message it builds from an exception, and every error body and header a server sends
  (a server may echo a credential back), through its client's redactor; the command line passes everything it
  prints through one.

Secrets shorter than ``MIN_REDACTED_LENGTH`` characters are checked but not redacted: masking every ``a`` of a
one-letter password would garble every message, and such a value is no secret anyway.
"""

from __future__ import annotations

import base64
import json
import re
import threading
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, quote_plus

from ._errors import InvalidArgument

__all__ = [
    "HIDDEN",
    "MASK",
    "MIN_REDACTED_LENGTH",
    "Redactor",
    "check_names",
    "check_secret",
    "encodings_of",
    "mask_userinfo",
]

#: What replaces a secret (and URL userinfo) in a redacted text.
MASK = "***"
#: What an ``InvalidArgument`` shows instead of a refused credential's value.
HIDDEN = "<hidden>"
MIN_REDACTED_LENGTH = 4
_TRIMMED = " \t\r\n\x0b\x0c"
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^\s/?#@\"'<>]*@")
_HEX_ESCAPE = re.compile(r"%[0-9A-F]{2}")


def check_secret(value: object, parameter: str, source: str | None = None, *, header: bool = True) -> str:
    """``value`` as a usable credential, with whitespace at the ends trimmed.

    Args:
        value: the credential as found.
        parameter: its name where it was found (``token``, ``TILEDB_REST_TOKEN``, ``aws_session_token``, ``--token``).
        source: where it was found, when the parameter's name alone does not say (``argument``, ``environment``,
            ``~/.aws/credentials [dev]``).
        header: True when the value travels in an HTTP header or URL as is (then only printable ASCII is
            accepted); False when it is encoded first (a Basic-auth password, a login form field).

    Raises:
        InvalidArgument: not a string, empty once trimmed, or holding a control character (or non-ASCII for a
            header-borne credential). The message names ``parameter`` and ``source``, never the value.
    """
    check_names(parameter, source)
    accepted = "a non-empty string of printable ASCII characters" if header else "a non-empty string"
    accepted += " without control characters (blanks at either end are trimmed)"
    if not isinstance(value, str):
        shown = None if value is None else f"<{type(value).__name__}>"
        raise InvalidArgument(parameter, shown, accepted, source=source)
    text = value.strip(_TRIMMED)
    if not text or not _acceptable(text, header=header):
        raise InvalidArgument(parameter, HIDDEN, accepted + _what_is_wrong(text, header=header), source=source)
    return text


def check_names(parameter: object, source: object) -> None:
    """The caller's own ``parameter`` and ``source`` arguments: what an error will name."""
    if not isinstance(parameter, str) or not parameter or not parameter.isprintable():
        raise InvalidArgument("parameter", parameter, "the name of the parameter being checked")
    if source is not None and (not isinstance(source, str) or not source.isprintable()):
        raise InvalidArgument("source", source, "None or where the value came from")


def _acceptable(text: str, *, header: bool) -> bool:
    return text.isprintable() and (text.isascii() or not header)


def _what_is_wrong(text: str, *, header: bool) -> str:
    if not text:
        return "; it is empty"
    for position, char in enumerate(text):
        if not char.isprintable():
            return f"; character {position + 1} is a control or invisible character (U+{ord(char):04X})"
        if header and not char.isascii():
            return f"; character {position + 1} is not ASCII"
    return ""


def mask_userinfo(text: str) -> str:
    """``text`` with the ``user:password@`` part of every URL in it replaced by ``***@``."""
    return _USERINFO.sub(lambda m: f"{m.group(1)}{MASK}@", text) if "@" in text else text


def _base64_cores(raw: bytes, *, urlsafe: bool) -> set[str]:
    """The base64 characters that encode ``raw`` alone, at each of the three byte alignments.

    Whatever longer byte string holds ``raw``, its base64 encoding contains one of these three substrings (the
    characters at either end, which mix in neighbouring bytes, are left out).
    """
    encode = base64.urlsafe_b64encode if urlsafe else base64.b64encode
    cores = set()
    for offset in range(3):
        encoded = encode(b"\0" * offset + raw).decode("ascii")
        start = -(-8 * offset // 6)  # the first character made only of the secret's bits
        end = 8 * (offset + len(raw)) // 6
        core = encoded[start:end]
        if len(core) >= MIN_REDACTED_LENGTH:
            cores.add(core)
    return cores


def encodings_of(secret: str) -> set[str]:
    """Every form in which ``secret`` could appear in a message (see the module docstring)."""
    raw = secret.encode("utf-8", "surrogatepass")
    forms = {
        secret,
        repr(secret)[1:-1],
        ascii(secret)[1:-1],
        repr(raw)[2:-1],
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        quote(secret, safe=""),
        quote(secret),
        quote_plus(secret),
        base64.b64encode(raw).decode("ascii"),
        base64.urlsafe_b64encode(raw).decode("ascii"),
    }
    forms |= {_HEX_ESCAPE.sub(lambda m: m.group(0).lower(), form) for form in list(forms) if "%" in form}
    forms |= _base64_cores(raw, urlsafe=False) | _base64_cores(raw, urlsafe=True)
    return {form for form in forms if len(form) >= MIN_REDACTED_LENGTH}


class Redactor:
    """Masks a set of secrets, in all their encodings, and URL userinfo, in any text.

    A client builds one from its credentials and adds those it learns later (a session token from a login). Safe
    to share between threads.
    """

    def __init__(self, secrets: Iterable[str | None] = (), pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._lock = threading.Lock()
        self._forms: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        if isinstance(secrets, str | bytes) or not isinstance(secrets, Iterable):
            raise InvalidArgument("secrets", "<hidden>", "an iterable of credentials (strings or None)")
        if isinstance(pairs, str | bytes) or not isinstance(pairs, Iterable):
            raise InvalidArgument("pairs", "<hidden>", "an iterable of (username, password) pairs")
        self.add(*secrets)
        for pair in pairs:
            if not (isinstance(pair, tuple | list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
                raise InvalidArgument("pairs", "<hidden>", "an iterable of (username, password) string pairs")
            self.add_pair(pair[0], pair[1])

    def add(self, *secrets: str | None) -> None:
        """Also mask each of ``secrets`` (None, empty and very short values are ignored)."""
        forms = set()
        for secret in secrets:
            if isinstance(secret, str) and len(secret) >= MIN_REDACTED_LENGTH:
                forms |= encodings_of(secret)
        self._extend(forms)

    def add_pair(self, username: str, password: str) -> None:
        """Mask ``password`` and the HTTP Basic encoding of ``username:password``."""
        if not isinstance(username, str) or not isinstance(password, str):
            raise InvalidArgument("username" if not isinstance(username, str) else "password", "<hidden>", "a string")
        self.add(password)
        self.add(f"{username}:{password}")

    def _extend(self, forms: set[str]) -> None:
        with self._lock:
            if forms <= self._forms:
                return
            self._forms |= forms
            ordered = sorted(self._forms, key=len, reverse=True)  # longest first: no partial masks
            self._pattern = re.compile("|".join(re.escape(form) for form in ordered))

    def __bool__(self) -> bool:
        return bool(self._forms)

    def redact(self, text: str) -> str:
        """``text`` with every known secret form and every URL's userinfo replaced by ``***``."""
        if not isinstance(text, str):
            raise InvalidArgument("text", type(text).__name__, "a string (redact_value takes any value)")
        pattern = self._pattern
        if pattern is not None:
            text = pattern.sub(MASK, text)
        return mask_userinfo(text)

    def redact_value(self, value: Any) -> Any:
        """``value`` with every string inside it redacted: strings, bytes, and (nested) lists and mappings."""
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, bytes):
            text = value.decode("utf-8", "surrogateescape")
            redacted = self.redact(text)
            return value if redacted == text else redacted.encode("utf-8", "surrogateescape")
        if isinstance(value, Mapping):
            return {self.redact_value(k): self.redact_value(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.redact_value(v) for v in value)
        return value

    def __repr__(self) -> str:
        return f"Redactor({len(self._forms)} forms)"
