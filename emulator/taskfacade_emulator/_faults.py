"""Fault rules: which requests get which injected fault (``POST/GET/DELETE /_emulator/faults``).

A rule is scoped by service, HTTP method and a regular expression searched in the path after the service prefix,
fires with a probability (drawn from a seeded RNG, so runs repeat) and optionally only for the next N matching
requests. Rules are checked in the order they were added; the first that matches and fires is applied and the
others are not consulted for that request. Applying a rule to a request is ``_inject``'s job.

A ``throttle`` rule (``rate``: requests per second) answers 429 to the requests above that rate, the way a
service's token bucket does: it holds at most ``rate`` tokens (one second's burst), refilled at ``rate`` per
second; a matching request takes a token and passes to the next rules, or finds none and is throttled (a
throttled request takes no token).
"""

from __future__ import annotations

import enum
import random
import re
import threading
import time
from collections.abc import Collection
from typing import Any

import attrs

from ._checks import is_int, is_number


class Action(enum.StrEnum):
    STATUS = "status"
    RESET = "reset"
    TRUNCATE = "truncate"
    MALFORMED = "malformed"
    UNKNOWN_ENUM = "unknown_enum"
    EXTRA_FIELDS = "extra_fields"
    LATENCY = "latency"
    DRIP = "drip"
    GZIP_BOMB = "gzip_bomb"
    THROTTLE = "throttle"


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
RULE_KEYS = (
    "service",
    "method",
    "path",
    "action",
    "status",
    "retry_after",
    "latency_ms",
    "probability",
    "count",
    "drip_ms",
    "drip_bytes",
    "inflate_bytes",
    "rate",
)
MAX_LATENCY_MS = 600_000.0
#: The highest ``rate`` of a ``throttle`` rule, in requests per second.
MAX_RATE = 1_000_000.0
#: The most requests one rule may be limited to (``count``); more is the same as no limit.
MAX_COUNT = 1_000_000_000
#: A drip piece is at most 1 MiB (more is not a drip).
MAX_DRIP_BYTES = 1 << 20
#: What a ``gzip_bomb`` inflates to unless ``inflate_bytes`` says otherwise: 1 GiB (about 1 MiB on the wire).
DEFAULT_INFLATE_BYTES = 1 << 30
#: The largest ``inflate_bytes``: 64 GiB. The bomb is generated as the client reads it, so size costs nothing.
MAX_INFLATE_BYTES = 1 << 36


@attrs.define
class FaultRule:
    """One rule and how often it has fired (``remaining`` counts down when ``count`` was given)."""

    id: int
    service: str
    action: Action
    method: str | None = None
    path: re.Pattern[str] | None = None
    status: int | None = None
    retry_after: float | None = None
    latency_ms: float = 0.0
    probability: float = 1.0
    count: int | None = None
    drip_ms: float = 0.0
    drip_bytes: int = 1
    inflate_bytes: int = DEFAULT_INFLATE_BYTES
    rate: float | None = None
    fired: int = 0
    remaining: int | None = None
    tokens: float = 0.0
    refilled: float | None = None

    def over_rate(self, now: float) -> bool:
        """For a ``throttle`` rule: whether a request at ``now`` is above the rate (else it takes a token)."""
        assert self.rate is not None  # guaranteed by parse_rule for action "throttle"
        if self.refilled is None:
            self.tokens = self.rate
        else:
            self.tokens = min(self.rate, self.tokens + (now - self.refilled) * self.rate)
        self.refilled = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return False
        return True

    def matches(self, service: str, method: str, path: str) -> bool:
        """Whether this rule's scope covers a request (ignores probability and count)."""
        if self.remaining == 0 or service != self.service:
            return False
        if self.method is not None and method.upper() != self.method:
            return False
        return self.path is None or self.path.search(path) is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "service": self.service,
            "method": self.method,
            "path": None if self.path is None else self.path.pattern,
            "action": self.action.value,
            "status": self.status,
            "retry_after": self.retry_after,
            "latency_ms": self.latency_ms,
            "probability": self.probability,
            "count": self.count,
            "drip_ms": self.drip_ms if self.action is Action.DRIP else None,
            "drip_bytes": self.drip_bytes if self.action is Action.DRIP else None,
            "inflate_bytes": self.inflate_bytes if self.action is Action.GZIP_BOMB else None,
            "rate": self.rate,
            "fired": self.fired,
            "remaining": self.remaining,
        }


class FaultSet:
    """The active rules, thread-safe, with a seeded RNG for probabilistic rules."""

    def __init__(self, services: Collection[str], seed: int = 1) -> None:
        self._services = tuple(services)
        self._seed = seed
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._next_id = 1
        self._rng = random.Random(seed)

    def add(self, specs: Any) -> list[FaultRule]:
        """Validate every rule in ``specs`` (a list of dicts), then add them all; raises ValueError on bad input."""
        if not isinstance(specs, list) or not specs:
            raise ValueError("'rules' must be a non-empty list of fault rules")
        with self._lock:
            parsed = [parse_rule(spec, self._next_id + i, self._services) for i, spec in enumerate(specs)]
            self._next_id += len(parsed)
            self._rules.extend(parsed)
            return [attrs.evolve(rule) for rule in parsed]

    def pick(self, service: str, method: str, path: str) -> FaultRule | None:
        """The rule to apply to this request, counting it as fired; None when no rule fires."""
        with self._lock:
            for rule in self._rules:
                if not rule.matches(service, method, path):
                    continue
                if rule.probability < 1.0 and self._rng.random() >= rule.probability:
                    continue
                if rule.action is Action.THROTTLE and not rule.over_rate(time.monotonic()):
                    continue
                rule.fired += 1
                if rule.remaining is not None:
                    rule.remaining -= 1
                return attrs.evolve(rule)
        return None

    def rules(self) -> list[FaultRule]:
        """Copies of the rules with their counters."""
        with self._lock:
            return [attrs.evolve(rule) for rule in self._rules]

    def clear(self) -> int:
        """Remove every rule and re-seed the RNG (so a test that adds the same rules sees the same faults)."""
        with self._lock:
            removed = len(self._rules)
            self._rules.clear()
            self._rng = random.Random(self._seed)
            return removed


def parse_rule(spec: Any, rule_id: int, services: Collection[str]) -> FaultRule:
    """Build a rule from its JSON form, raising ValueError naming the bad key and the accepted values."""
    if not isinstance(spec, dict):
        raise ValueError(f"a fault rule must be a JSON object, got {type(spec).__name__}")
    unknown = sorted(set(spec) - set(RULE_KEYS))
    if unknown:
        raise ValueError(f"unknown fault rule key(s) {unknown}; accepted keys: {list(RULE_KEYS)}")
    service = spec.get("service")
    if service not in services:
        raise ValueError(f"'service' must be one of {sorted(services)}, got {service!r}")
    action = _parse_action(spec.get("action"))
    count = _optional_int(spec, "count", minimum=1, maximum=MAX_COUNT)
    return FaultRule(
        id=rule_id,
        service=str(service),
        action=action,
        method=_parse_method(spec.get("method")),
        path=_parse_path(spec.get("path")),
        status=_parse_status(spec.get("status"), action),
        retry_after=_parse_retry_after(spec.get("retry_after"), action),
        latency_ms=_parse_latency(spec.get("latency_ms"), action),
        probability=_parse_probability(spec.get("probability")),
        count=count,
        remaining=count,
        drip_ms=_parse_drip_ms(spec.get("drip_ms"), action),
        drip_bytes=_only_for(spec, "drip_bytes", action, Action.DRIP, default=1, maximum=MAX_DRIP_BYTES),
        rate=_parse_rate(spec.get("rate"), action),
        inflate_bytes=_only_for(
            spec, "inflate_bytes", action, Action.GZIP_BOMB, default=DEFAULT_INFLATE_BYTES, maximum=MAX_INFLATE_BYTES
        ),
    )


def _parse_action(value: Any) -> Action:
    try:
        return Action(value)
    except ValueError:
        raise ValueError(f"'action' must be one of {[a.value for a in Action]}, got {value!r}") from None


def _parse_method(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value.upper() not in METHODS:
        raise ValueError(f"'method' must be one of {list(METHODS)} (or omitted for any), got {value!r}")
    return value.upper()


def _parse_path(value: Any) -> re.Pattern[str] | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"'path' must be a regular expression string, got {value!r}")
    try:
        return re.compile(value)
    except re.error as exc:
        raise ValueError(f"'path' is not a valid regular expression ({exc}): {value!r}") from None


def _parse_rate(value: Any, action: Action) -> float | None:
    if action is not Action.THROTTLE:
        if value is not None:
            raise ValueError(f"'rate' only applies to action 'throttle', not {action.value!r}")
        return None
    if not is_number(value) or not 0 < value <= MAX_RATE:
        raise ValueError(f"action 'throttle' needs 'rate', requests per second in (0, {MAX_RATE:g}], got {value!r}")
    return float(value)


def _parse_status(value: Any, action: Action) -> int | None:
    if action is Action.THROTTLE:
        if value is not None:
            raise ValueError("'status' does not apply to action 'throttle' (it answers 429)")
        return 429
    if action is not Action.STATUS:
        if value is not None:
            raise ValueError(f"'status' only applies to action 'status', not {action.value!r}")
        return None
    if not is_int(value) or not 400 <= value <= 599:
        raise ValueError(f"'status' must be an integer from 400 to 599 for action 'status', got {value!r}")
    return int(value)


def _parse_retry_after(value: Any, action: Action) -> float | None:
    if value is None:
        return None
    if action is not Action.STATUS:
        raise ValueError(f"'retry_after' only applies to action 'status', not {action.value!r}")
    if not is_number(value) or value < 0:
        raise ValueError(f"'retry_after' must be a number of seconds >= 0, got {value!r}")
    return float(value)


def _parse_latency(value: Any, action: Action) -> float:
    if value is None:
        if action is Action.LATENCY:
            raise ValueError("action 'latency' needs 'latency_ms' (milliseconds > 0)")
        return 0.0
    if not is_number(value) or not 0 <= value <= MAX_LATENCY_MS:
        raise ValueError(f"'latency_ms' must be a number from 0 to {MAX_LATENCY_MS:g}, got {value!r}")
    if action is Action.LATENCY and value <= 0:
        raise ValueError(f"action 'latency' needs 'latency_ms' > 0, got {value!r}")
    return float(value)


def _parse_drip_ms(value: Any, action: Action) -> float:
    if action is not Action.DRIP:
        if value is not None:
            raise ValueError(f"'drip_ms' only applies to action 'drip', not {action.value!r}")
        return 0.0
    if not is_number(value) or not 0 < value <= MAX_LATENCY_MS:
        accepted = f"a number of milliseconds in (0, {MAX_LATENCY_MS:g}]"
        raise ValueError(f"action 'drip' needs 'drip_ms', {accepted}, got {value!r}")
    return float(value)


def _only_for(spec: dict[str, Any], key: str, action: Action, owner: Action, *, default: int, maximum: int) -> int:
    """An optional integer key (1..maximum) that only the ``owner`` action accepts."""
    value = spec.get(key)
    if value is None:
        return default
    if action is not owner:
        raise ValueError(f"{key!r} only applies to action {owner.value!r}, not {action.value!r}")
    if not is_int(value) or not 1 <= value <= maximum:
        raise ValueError(f"{key!r} must be an integer from 1 to {maximum}, got {value!r}")
    return int(value)


def _parse_probability(value: Any) -> float:
    if value is None:
        return 1.0
    if not is_number(value) or not 0 < value <= 1:
        raise ValueError(f"'probability' must be a number in (0, 1], got {value!r}")
    return float(value)


def _optional_int(spec: dict[str, Any], key: str, *, minimum: int, maximum: int) -> int | None:
    value = spec.get(key)
    if value is None:
        return None
    if not is_int(value) or not minimum <= value <= maximum:
        raise ValueError(f"{key!r} must be an integer from {minimum} to {maximum}, got {value!r}")
    return int(value)
