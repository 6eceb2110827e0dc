"""``taskfacade tasks list`` and ``tasks show`` on every service, credentials from the vendors' environment."""

from __future__ import annotations

import datetime
import json
from typing import Any

import cli_support as cs
import pytest
from taskfacade.tiledb import Client, tasks
from taskfacade_emulator import Emulator

SERVICES = ("tiledb", "deadline", "geobox", "tensorbay")


def _time(text: str | None) -> datetime.datetime | None:
    return None if text is None else datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("service", SERVICES)
def test_list_json_is_the_window_newest_first(env: dict[str, str], service: str) -> None:
    result = cs.run("tasks", "list", service, "--since", "3d", "--limit", "0", "--json", env=env)
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    rows = data["tasks"]
    assert data["service"] == service
    assert rows
    assert data["total"] == len(rows)
    assert sum(data["by_phase"].values()) == len(rows)
    start = _time(data["window"]["start"])
    assert start is not None
    now = datetime.datetime.now(datetime.UTC)
    assert abs((now - start) - datetime.timedelta(days=3)) < datetime.timedelta(minutes=5)
    created = [_time(row["created_at"]) for row in rows]
    assert all(c is not None and c >= start for c in created)
    assert created == sorted(created, reverse=True)  # type: ignore[type-var]
    assert {row["service"] for row in rows} == {service}
    assert all(row["phase"] in {"PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED", "SUSPENDED"} for row in rows)


@pytest.mark.parametrize("service", ["tiledb", "tensorbay"])
def test_list_table_shows_limit_and_total(env: dict[str, str], service: str) -> None:
    result = cs.run("tasks", "list", service, "--limit", "3", env=env)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    header = lines[0].split()
    assert header[:3] == ["ID", "STATUS", "PHASE"]
    assert "CREATED" in header
    assert len(lines) == 1 + 3  # header, three rows; the window and the footer are on stderr
    notes = result.stderr.splitlines()
    assert notes[0].startswith(f"{service}: tasks created from ")
    assert notes[-1].startswith("showing 3 of ")
    assert "--limit 0" in notes[-1]


def test_tiledb_list_matches_the_facade(env: dict[str, str], emu: Emulator) -> None:
    """Same window and filter through the CLI and through taskfacade.tiledb directly: the same tasks."""
    result = cs.run(
        "tasks", "list", "tiledb", "--since", "10d", "--status", "COMPLETED", "--limit", "0", "--json", env=env
    )
    assert result.code == 0, result.stderr
    rows = json.loads(result.stdout)["tasks"]
    start = _time(json.loads(result.stdout)["window"]["start"])
    with Client(host=emu.base_url("tiledb"), token=cs.TILEDB_TOKEN, workspace=cs.TILEDB_WORKSPACE) as client:
        expected = [t.id for t in tasks.fetch_tasks(start=start, status="COMPLETED", client=client)]
    assert [row["id"] for row in rows] == expected
    assert {row["status"] for row in rows} == {"COMPLETED"}


@pytest.mark.parametrize(
    ("service", "statuses", "phases"),
    [
        ("geobox", ["SUCCESS"], {"SUCCEEDED"}),
        ("tensorbay", ["pending", "running"], {"PENDING", "RUNNING"}),
        ("tiledb", ["failed,canceled"], {"FAILED", "CANCELED"}),
    ],
)
def test_status_filter_takes_statuses_and_phases(
    env: dict[str, str], service: str, statuses: list[str], phases: set[str]
) -> None:
    options = [part for status in statuses for part in ("--status", status)]
    result = cs.run("tasks", "list", service, "--since", "30d", *options, "--limit", "0", "--json", env=env)
    assert result.code == 0, result.stderr
    rows = json.loads(result.stdout)["tasks"]
    assert rows
    assert {row["phase"] for row in rows} <= phases


def test_start_and_end_window(env: dict[str, str]) -> None:
    end = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=2)
    start = end - datetime.timedelta(days=3)
    result = cs.run(
        "tasks", "list", "geobox", "--start", start.strftime("%Y-%m-%dT%H:%M:%S"),
        "--end", end.strftime("%Y-%m-%dT%H:%M:%SZ"), "--limit", "0", "--json", env=env,
    )  # fmt: skip
    assert result.code == 0, result.stderr
    rows = json.loads(result.stdout)["tasks"]
    assert rows
    for row in rows:
        created = _time(row["created_at"])
        assert created is not None
        assert start - datetime.timedelta(seconds=1) <= created <= end


def test_type_filter_tiledb(env: dict[str, str]) -> None:
    result = cs.run("tasks", "list", "tiledb", "--since", "30d", "--type", "SQL", "--limit", "0", "--json", env=env)
    assert result.code == 0, result.stderr
    rows = json.loads(result.stdout)["tasks"]
    assert rows
    assert {row["kind"] for row in rows} == {"SQL"}


def test_tensorbay_job_type(env: dict[str, str]) -> None:
    result = cs.run(
        "tasks", "list", "tensorbay", "--since", "30d", "--job-type", "basicSearch", "--limit", "0", "--json", env=env
    )
    assert result.code == 0, result.stderr
    rows = json.loads(result.stdout)["tasks"]
    assert rows
    assert {row["kind"] for row in rows} == {"basicSearch"}


@pytest.mark.parametrize(
    ("service", "pick"),
    [
        ("tiledb", lambda s: s["tiledb"]["task_ids"][3]),
        ("deadline", lambda s: s["deadline"]["task_ids"][-1]),
        ("tensorbay", lambda s: s["tensorbay"]["job_ids"]["basicSearch"][0]),
    ],
)
def test_show(env: dict[str, str], seeded: dict[str, Any], service: str, pick: Any) -> None:
    """Geobox's and TensorBay's ``show`` also run in docs/cli.md (test_cli_docs.py)."""
    task_id = pick(seeded)
    result = cs.run("tasks", "show", service, task_id, "--json", env=env)
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["id"] == task_id
    assert data["service"] == service
    assert isinstance(data["details"], dict)
    if service == "tiledb":  # the table for people once (docs/cli.md shows geobox's): the fields are the JSON's
        people = cs.run("tasks", "show", service, task_id, env=env)
        assert people.code == 0
        assert people.stdout.splitlines()[:4] == [
            "service   tiledb",
            f"id        {task_id}",
            f"status    {data['status']}",
            f"phase     {data['phase']}",
        ]
