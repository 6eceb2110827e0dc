"""Request counts per service and route template, for ``GET /_emulator/requests`` (benchmarks count polls)."""

from __future__ import annotations

import threading
from collections import Counter


class RequestCounts:
    """Thread-safe counters keyed by service and ``"METHOD /route/{template}"``."""

    #: Route key used for requests that matched none of a service's routes.
    UNMATCHED = "(unmatched)"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[tuple[str, str]] = Counter()

    def add(self, service: str, method: str, template: str | None) -> None:
        """Count one request; ``template`` is the matched route path, None when no route matched."""
        key = (service, f"{method} {self.UNMATCHED if template is None else template}")
        with self._lock:
            self._counts[key] += 1

    def snapshot(self, services: list[str]) -> dict[str, dict[str, int]]:
        """``{service: {"METHOD /template": count}}`` with every name in ``services`` present (maybe empty)."""
        with self._lock:
            items = sorted(self._counts.items())
        result: dict[str, dict[str, int]] = {name: {} for name in services}
        for (service, route), count in items:
            result.setdefault(service, {})[route] = count
        return result

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()
