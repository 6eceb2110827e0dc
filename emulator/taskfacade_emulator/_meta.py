"""The emulator's own small table in the database: where its clock stood, so a restart continues from there.

Emulator time is stored as an offset from the wall clock (so time that passes while the emulator is down passes
for its tasks too) together with the last emulator time seen; on restart the clock resumes at the later of the
two, so it never runs backwards and tasks never jump back to an earlier state. An emulator restarted frozen
(speed 0) resumes exactly at the last time seen, so a stepped test sees the same states after a restart.
"""

from __future__ import annotations

import time

from ._store import Store

TABLE = "_emulator_meta"


class ClockMeta:
    """Reads and writes the stored clock position."""

    def __init__(self, store: Store) -> None:
        self._store = store
        store.executescript(f"CREATE TABLE IF NOT EXISTS {TABLE} (key TEXT PRIMARY KEY, value REAL NOT NULL);")

    def resume_time(self, speed: float) -> float | None:
        """The emulator time to start from at ``speed``, or None for a new database (start at the wall clock)."""
        rows = {row["key"]: row["value"] for row in self._store.query(f"SELECT key, value FROM {TABLE}")}  # noqa: S608
        if "clock_offset" not in rows or "clock_now" not in rows:
            return None
        last_seen = float(rows["clock_now"])
        return last_seen if speed == 0 else max(time.time() + float(rows["clock_offset"]), last_seen)

    def save(self, now: float) -> None:
        """Remember that emulator time is ``now`` at this wall-clock moment."""
        offset = now - time.time()
        self._store.executemany(
            f"INSERT INTO {TABLE} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",  # noqa: S608
            [("clock_offset", offset), ("clock_now", now)],
        )
