"""``taskfacade tasks ...``: list, show, wait, cancel (abort), retry and results, for any service."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from ._context import Context
from ._exit import CliError, ExitCode, UsageError, exit_code_for
from ._format import OutputOptions, emit, output_options, terminal_columns
from ._output import report_error
from ._registry import option_owners
from ._render import dumps_json, key_values, table, text
from ._service import ListQuery, Row, Service, load_service
from ._terminal import colour_wanted, write_styled
from ._times import format_duration, format_time, window
from ._watch import WaitOutcome, Watched, watch

__all__ = ["check_service_options", "footer", "list_rows", "print_rows", "report_outcome", "run_tasks"]

_FINISHED_BAD = ("FAILED", "CANCELED")
#: Phases in colour on a terminal (``colour_wanted``): green done, red failed, yellow canceled or suspended.
PHASE_COLOURS = {
    "PHASE": {"SUCCEEDED": "green", "FAILED": "red", "CANCELED": "yellow", "SUSPENDED": "yellow", "RUNNING": "cyan"}
}


def check_service_options(args: argparse.Namespace) -> None:
    """Refuse an option given for a service it does not apply to (before anything is sent): the options each
    service adds itself (``CliService.add_arguments``), and ``--search``."""
    command = "cancel" if args.tasks_command == "abort" else args.tasks_command  # the alias's own parser
    for dest, services in option_owners(command).items():
        if getattr(args, dest, None) is not None and args.service not in services:
            option = "--" + dest.replace("_", "-")
            raise UsageError(f"{option} applies to {' and '.join(services)} only, not {args.service}")


@contextlib.contextmanager
def opened(args: argparse.Namespace, context: Context) -> Iterator[Service]:
    """The command's service, closed afterwards."""
    check_service_options(args)
    service = load_service(args.service, context, args)
    try:
        yield service
    except Exception as error:
        named = service.named(error)
        if named is error:
            raise
        raise named from error
    finally:
        service.close()


def run_tasks(args: argparse.Namespace, context: Context) -> int:
    """Dispatch ``tasks <command>``."""
    handlers = {
        "list": run_list,
        "show": run_show,
        "wait": run_wait,
        "cancel": run_cancel,
        "abort": run_cancel,
        "retry": run_retry,
        "results": run_results,
    }
    return handlers[args.tasks_command](args, context)


# -- list ----------------------------------------------------------------------------------------------------------


def _columns(rows: Sequence[Row]) -> tuple[list[str], list[list[Any]]]:
    with_kind = any(row.kind for row in rows)
    headers = ["ID", "STATUS", "PHASE", *(["TYPE"] if with_kind else []), "NAME", "CREATED (UTC)", "FINISHED (UTC)"]
    body = [
        [
            row.id,
            row.status,
            row.phase,
            *([row.kind] if with_kind else []),
            row.name,
            format_time(row.created_at),
            format_time(row.finished_at),
        ]
        for row in rows
    ]
    return headers, body


def print_rows(rows: Sequence[Row], *, headers_shown: bool = True) -> None:
    """The rows as an aligned table on stdout, as wide as the terminal at most."""
    headers, body = _columns(rows)
    fitted = table(
        headers,
        body,
        headers_shown=headers_shown,
        max_width=terminal_columns(),
        cut=["NAME", "TYPE"],
        drop=["FINISHED (UTC)", "TYPE", "PHASE"],
        paint=PHASE_COLOURS if colour_wanted(sys.stdout) else None,
    )
    write_styled(sys.stdout, fitted + "\n")


def list_rows(
    service: Service, query: ListQuery, limit: int, summary: bool
) -> tuple[list[Row], int | None, Counter[str] | None]:
    """The first ``limit`` rows (0: all), the total, and counts per phase when every task was read."""
    listing = service.list_tasks(query)
    items = listing.items
    shown = [service.row(job) for job in (items if limit == 0 else itertools.islice(items, limit))]
    total = listing.total
    phases: Counter[str] | None = None
    if limit == 0 or summary or total is None:
        phases = Counter(row.phase for row in shown)
        rest = 0
        for job in items:
            phases[service.row(job).phase] += 1
            rest += 1
        total = len(shown) + rest
    return shown, total, phases


def run_list(args: argparse.Namespace, context: Context) -> int:
    """``tasks list SERVICE``: a table of the window's tasks (first ``--limit``) and the totals.

    The window line and the footer go to stderr. ``-o json|yaml|text`` returns every task unless ``--limit`` is
    given; when the limit cuts the listing, the document says so (``truncated``) and so does stderr.
    """
    output = output_options(args)
    span = window(args.since, args.start, args.end)
    limit = args.limit if args.limit is not None else (20 if output.for_people else 0)
    with opened(args, context) as service:
        query = ListQuery(span, service.statuses(args.status), args)
        rows, total, phases = list_rows(service, query, limit, args.summary)
    truncated = total is None or len(rows) < total
    if not output.for_people:
        document = {
            "service": args.service,
            "window": {"start": span.start, "end": span.end},
            "total": total,
            "limit": limit or None,
            "truncated": truncated,
            "by_phase": dict(phases) if phases is not None else None,
            "tasks": [row.to_json() for row in rows],
        }
        emit(output, document, records=document["tasks"])
        if truncated:
            print(f"taskfacade: {footer(len(rows), total, None)}", file=sys.stderr)
        return ExitCode.OK
    until = format_time(span.end) if span.end else "now"
    print(f"{args.service}: tasks created from {format_time(span.start)} to {until} (UTC)", file=sys.stderr)
    sys.stderr.flush()
    if rows:
        print_rows(rows, headers_shown=output.headers)
    sys.stdout.flush()
    print(footer(len(rows), total, phases), file=sys.stderr)
    return ExitCode.OK


def footer(shown: int, total: int | None, phases: Counter[str] | None) -> str:
    """``showing 5 of 46 tasks (--limit 0 shows all)``, or the total, and the count for each phase if known."""
    if total is None:
        text = f"showing the first {shown} tasks"
    elif shown < total:
        text = f"showing {shown} of {total} tasks (--limit 0 shows all)"
    else:
        text = f"{total} task{'' if total == 1 else 's'}"
    if phases:
        text += "; by phase: " + ", ".join(f"{n} {phase.lower()}" for phase, n in phases.most_common())
    return text


# -- show ----------------------------------------------------------------------------------------------------------


def run_show(args: argparse.Namespace, context: Context) -> int:
    """``tasks show SERVICE ID``: every field of one task."""
    output = output_options(args)
    with opened(args, context) as service:
        job = service.get(args.id)
        row = service.row(job)
        details = service.details(job)
    if not output.for_people:
        emit(output, {**row.to_json(), "details": details}, records=[row.to_json()])
        return ExitCode.OK
    pairs: list[tuple[str, Any]] = [
        ("service", row.service),
        ("id", row.id),
        ("status", row.status),
        ("phase", row.phase),
        ("type", row.kind),
        ("name", row.name),
        ("progress", None if row.progress is None else f"{row.progress:.0f}%"),
        ("created", format_time(row.created_at)),
        ("started", format_time(row.started_at)),
        ("finished", format_time(row.finished_at)),
        ("error", row.error),
    ]
    print(key_values([(k, v) for k, v in pairs if k != "type" or v]))
    print("\n" + dumps_json(details))
    return ExitCode.OK


# -- wait ----------------------------------------------------------------------------------------------------------


def outcome_code(outcome: WaitOutcome) -> ExitCode:
    """3 on timeout, 1 when a job ended FAILED or CANCELED, else 0."""
    if outcome.timed_out:
        return ExitCode.TIMEOUT
    if any(row.phase in _FINISHED_BAD for row in outcome.rows):
        return ExitCode.TASK_FAILED
    return ExitCode.OK


def run_wait(args: argparse.Namespace, context: Context) -> int:
    """``tasks wait SERVICE ID...``: one live display until every task finished (or ``--timeout``)."""
    output = output_options(args)
    with opened(args, context) as service:
        watched = [Watched(service.get(task_id), service.row) for task_id in args.ids]
        outcome = watch(watched, timeout=args.timeout, interval=args.interval, stream=sys.stderr)
    report_outcome(outcome, output, args.timeout)
    return outcome_code(outcome)


def report_outcome(outcome: WaitOutcome, output: OutputOptions, timeout: float | None) -> None:
    """The final state of every job: a table (or ``-o json|yaml|text``) on stdout, a timeout line on stderr."""
    if output.for_people:
        headers = ["SERVICE", "ID", "STATUS", "PHASE", "AFTER"]
        body = [[row.service, row.id, row.status, row.phase, _after(outcome, i)] for i, row in enumerate(outcome.rows)]
        fitted = table(
            headers,
            body,
            right=["AFTER"],
            headers_shown=output.headers,
            max_width=terminal_columns(),
            cut=["STATUS"],
            drop=["SERVICE", "PHASE"],
            paint=PHASE_COLOURS if colour_wanted(sys.stdout) else None,
        )
        write_styled(sys.stdout, fitted + "\n")
    else:
        rows = [{**row.to_json(), "elapsed_s": outcome.elapsed.get(i)} for i, row in enumerate(outcome.rows)]
        emit(output, {"timed_out": outcome.timed_out, "tasks": rows}, records=rows)
    if outcome.timed_out:
        limit = "" if timeout is None else f" within {timeout:g}s"
        print(f"taskfacade: timeout: {len(outcome.pending)} task(s) not finished{limit}", file=sys.stderr)


def _after(outcome: WaitOutcome, position: int) -> str:
    seconds = outcome.elapsed.get(position)
    return "-" if seconds is None else format_duration(seconds)


# -- cancel / retry ------------------------------------------------------------------------------------------------


def _each(args: argparse.Namespace, context: Context, service: Service, action: Any, done: str) -> int:
    """Apply ``action`` to each id; a failure is reported and the others still run; the worst code wins."""
    output = output_options(args)
    worst = ExitCode.OK
    rows = []
    for task_id in args.ids:
        try:
            job = service.get(task_id)
            action(job)
            row = service.row(job)
        except Exception as error:
            if isinstance(error, CliError):
                raise
            named = service.named(error)
            report_error(named, context.debug, prefix=f"{task_id}: ")
            worst = max(worst, exit_code_for(named))
            continue
        rows.append(row)
        if output.for_people:
            print(f"{done} {service.name} task {text(row.id)}: status {text(row.status)} ({row.phase})")
    if not output.for_people:
        emit(output, [row.to_json() for row in rows])
    return worst


def run_cancel(args: argparse.Namespace, context: Context) -> int:
    """``tasks cancel SERVICE ID...`` (also ``tasks abort``)."""
    with opened(args, context) as service:
        if service.cancel_verb is None:
            raise UsageError(f"{service.name} has no way to cancel or abort a task through its API")
        return _each(args, context, service, service.cancel, "canceled")


def run_retry(args: argparse.Namespace, context: Context) -> int:
    """``tasks retry SERVICE ID...``: where the service can run a task again."""
    with opened(args, context) as service:
        if service.retry_verb is None:
            raise UsageError(
                f"{service.name} has no way to retry a task through its API "
                "(tasks retry works on deadline (requeue) and tensorbay (squashAndMerge jobs))"
            )
        return _each(args, context, service, service.retry, "retried")


# -- results -------------------------------------------------------------------------------------------------------


def run_results(args: argparse.Namespace, context: Context) -> int:
    """``tasks results tiledb ID``: the stored result of a task, decoded."""
    if args.service != "tiledb":
        raise UsageError(f"tasks results is for tiledb only ({args.service} tasks have no stored results)")
    from ._results import render_result

    with opened(args, context) as service:
        if args.wait:
            watched = [Watched(service.get(args.id), service.row)]
            outcome = watch(watched, timeout=args.timeout, interval=args.interval, stream=sys.stderr)
            code = outcome_code(outcome)
            if code is not ExitCode.OK:
                row = outcome.rows[0]
                reason = "not finished in time" if outcome.timed_out else f"ended {row.status}"
                raise CliError(f"task {row.id} {reason}: no result{_because(row)}", code)
        value = service.results(args.id, args.format, args.dataframe)
    render_result(value, as_json=args.json, output=args.output)
    return ExitCode.OK


def _because(row: Row) -> str:
    return f" ({row.error})" if row.error else ""
