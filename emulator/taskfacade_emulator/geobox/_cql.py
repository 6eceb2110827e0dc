"""A small OGC CQL subset for ``GET /v1/tasks/?q=...``, translated to a parameterised SQLite condition.

Supported: ``field op literal`` with ``= <> != < <= > >=``, ``[NOT] LIKE`` / ``[NOT] ILIKE`` (``%`` and ``_``
wildcards; LIKE is case-sensitive, ILIKE is not), ``[NOT] IN (lit, ...)``, ``IS [NOT] NULL``, combined with
``AND``, ``OR``, ``NOT`` and parentheses, over the fields in ``FIELDS``. Strings are single-quoted (``''`` escapes
a quote); ``created_at`` compares with an ISO 8601 date or date-time string (UTC when it has no offset).
Anything else raises ``CqlError`` with a message saying what is supported.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import attrs

from ._tasks import STATE_SQL, STATES

MAX_TOKENS = 400
MAX_LENGTH = 4000
MAX_DEPTH = 32
COMPARISONS = ("=", "<>", "!=", "<", "<=", ">", ">=")
_TOKEN_RE = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>-?\d+(?:\.\d+)?)(?![A-Za-z_])|(?P<op><>|!=|<=|>=|=|<|>)"
    r"|(?P<punct>[(),])|(?P<word>[A-Za-z_][A-Za-z0-9_]*))"
)
KEYWORDS = frozenset({"AND", "OR", "NOT", "LIKE", "ILIKE", "IN", "IS", "NULL"})


class CqlError(ValueError):
    """The filter is not in the supported subset; the message says why and what is supported."""


@attrs.frozen
class Field:
    """A filterable field: its SQL expression and the literal type it compares with."""

    sql: str
    kind: str  # "text", "int", "time" or "state"


FIELDS: dict[str, Field] = {
    "id": Field("id", "int"),
    "uuid": Field("uuid", "text"),
    "name": Field("name", "text"),
    "state": Field(STATE_SQL, "state"),
    "user_id": Field("user_id", "int"),
    "created_at": Field("created_at", "time"),
}


@attrs.frozen
class Token:
    """One lexical token and where it starts in the filter (for error messages)."""

    kind: str  # "str", "num", "op", "punct", "word"
    text: str
    pos: int


def tokenize(text: str) -> list[Token]:
    """Split a filter into tokens; raises ``CqlError`` at the first character no token can start with."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN_RE.match(text, pos)
        if match is None or match.lastgroup is None:
            at = len(text) - len(text[pos:].lstrip())
            raise CqlError(f"q: unsupported text at position {at}: {text[at : at + 20]!r}; {SUPPORTED}")
        kind = match.lastgroup
        tokens.append(Token(kind, match.group(kind), match.start(kind)))
        pos = match.end()
        if len(tokens) > MAX_TOKENS:
            raise CqlError(f"q: the filter is too long (more than {MAX_TOKENS} tokens)")
    return tokens


SUPPORTED = (
    f"supported: fields {sorted(FIELDS)}, operators {list(COMPARISONS)}, [NOT] LIKE, [NOT] ILIKE, [NOT] IN (...), "
    "IS [NOT] NULL, AND, OR, NOT, parentheses; strings in single quotes"
)


def to_sql(text: str) -> tuple[str, dict[str, Any]]:
    """Translate a CQL filter to ``(sql, params)``; params are named ``q0``, ``q1``, ... (``:now`` for state)."""
    if len(text) > MAX_LENGTH:
        raise CqlError(f"q: the filter is too long (more than {MAX_LENGTH} characters)")
    parser = _Parser(tokenize(text))
    if not parser.tokens:
        raise CqlError(f"q: the filter is empty; {SUPPORTED}")
    sql = parser.expression(0)
    if parser.peek() is not None:
        raise parser.error("expected AND, OR or the end of the filter")
    return sql, parser.params


class _Parser:
    """Recursive descent over ``expr := and (OR and)*; and := not (AND not)*; not := NOT not | (expr) | pred``."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.params: dict[str, Any] = {}

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def next(self, what: str) -> Token:
        token = self.peek()
        if token is None:
            raise CqlError(f"q: the filter ends where {what} was expected; {SUPPORTED}")
        self.index += 1
        return token

    def keyword(self, word: str) -> bool:
        token = self.peek()
        if token is not None and token.kind == "word" and token.text.upper() == word:
            self.index += 1
            return True
        return False

    def error(self, message: str) -> CqlError:
        token = self.peek()
        where = f"at position {token.pos} ({token.text!r})" if token is not None else "at the end"
        return CqlError(f"q: {message} {where}; {SUPPORTED}")

    def expression(self, depth: int) -> str:
        if depth > MAX_DEPTH:
            raise CqlError(f"q: parentheses nested deeper than {MAX_DEPTH}")
        parts = [self.conjunction(depth)]
        while self.keyword("OR"):
            parts.append(self.conjunction(depth))
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def conjunction(self, depth: int) -> str:
        parts = [self.negation(depth)]
        while self.keyword("AND"):
            parts.append(self.negation(depth))
        return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"

    def negation(self, depth: int) -> str:
        if self.keyword("NOT"):
            return f"(NOT {self.negation(depth + 1)})"
        token = self.peek()
        if token is not None and token.text == "(":
            self.index += 1
            inner = self.expression(depth + 1)
            if self.next("')'").text != ")":
                self.index -= 1
                raise self.error("expected ')'")
            return inner
        return self.predicate()

    def predicate(self) -> str:
        token = self.next("a field name")
        if token.kind != "word" or token.text.lower() not in FIELDS or token.text.upper() in KEYWORDS:
            self.index -= 1
            raise self.error("expected a field name")
        field = FIELDS[token.text.lower()]
        if self.keyword("IS"):
            negate = self.keyword("NOT")
            if not self.keyword("NULL"):
                raise self.error("expected NULL after IS")
            return f"({field.sql} IS {'NOT ' if negate else ''}NULL)"
        negate = self.keyword("NOT")
        if self.keyword("LIKE") or self.keyword("ILIKE"):
            return self.like(field, negate, case_sensitive=self.tokens[self.index - 1].text.upper() == "LIKE")
        if self.keyword("IN"):
            return self.member(field, negate)
        if negate:
            raise self.error("expected LIKE, ILIKE or IN after NOT")
        op = self.next("a comparison operator")
        if op.kind != "op":
            self.index -= 1
            raise self.error("expected a comparison operator")
        return f"({field.sql} {'<>' if op.text == '!=' else op.text} {self.literal(field)})"

    def like(self, field: Field, negate: bool, case_sensitive: bool) -> str:
        if field.kind != "text":
            raise self.error("LIKE and ILIKE work only on text fields (name, uuid)")
        token = self.next("a quoted pattern")
        if token.kind != "str":
            self.index -= 1
            raise self.error("expected a quoted pattern")
        pattern = _unquote(token.text)
        if case_sensitive:
            name = self.bind(_like_to_glob(pattern))
            return f"({'NOT ' if negate else ''}{field.sql} GLOB :{name})"
        name = self.bind(pattern)
        return f"({field.sql} {'NOT ' if negate else ''}LIKE :{name})"

    def member(self, field: Field, negate: bool) -> str:
        if self.next("'('").text != "(":
            self.index -= 1
            raise self.error("expected '(' after IN")
        values = [self.literal(field)]
        while (token := self.next("',' or ')'")).text == ",":
            values.append(self.literal(field))
        if token.text != ")":
            self.index -= 1
            raise self.error("expected ',' or ')'")
        return f"({field.sql} {'NOT ' if negate else ''}IN ({', '.join(values)}))"

    def literal(self, field: Field) -> str:
        token = self.next("a value")
        try:
            value = _convert(token, field)
        except ValueError as exc:
            self.index -= 1
            raise self.error(str(exc)) from None
        return ":" + self.bind(value)

    def bind(self, value: Any) -> str:
        name = f"q{len(self.params)}"
        self.params[name] = value
        return name


def _convert(token: Token, field: Field) -> Any:
    if field.kind == "int":
        if token.kind != "num" or "." in token.text:
            raise ValueError("expected an integer")
        return int(token.text)
    if token.kind != "str":
        raise ValueError("expected a quoted string")
    text = _unquote(token.text)
    if field.kind == "state" and text not in STATES:
        raise ValueError(f"state must be one of {list(STATES)}")
    if field.kind == "time":
        return _epoch(text)
    return text


def _epoch(text: str) -> float:
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        raise ValueError("expected an ISO 8601 date or date-time, e.g. '2021-01-01' or '2021-01-01T12:00:00'") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.timestamp()


def _unquote(text: str) -> str:
    return text[1:-1].replace("''", "'")


def _like_to_glob(pattern: str) -> str:
    """A LIKE pattern as a GLOB pattern (GLOB is case-sensitive; its own wildcards are escaped)."""
    out = []
    for char in pattern:
        out.append({"%": "*", "_": "?", "*": "[*]", "?": "[?]", "[": "[[]"}.get(char, char))
    return "".join(out)
