"""``all_of``: several steps (``taskfacade._steps``) run side by side, their calls batched into ``Gather``s.

Used where one operation of a job needs many requests that do not depend on each other (BatchGetTask for 10,000
tasks is 100 of them): the sync shell sends them one after another, the async shell concurrently, from the same
steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._steps import Call, Gather, Steps

__all__ = ["all_of"]


def all_of(steps: Sequence[Steps[Any]]) -> Steps[list[Any]]:
    """Run several steps side by side: each round, every one's next ``Call`` goes out in one ``Gather`` (one after
    another in sync, concurrently in async). Returns each one's result or the exception it raised, in order.

    The steps given may yield only ``Call``s (a fetch, not a wait)."""
    results: list[Any] = [None] * len(steps)
    pending: dict[int, Call] = {}

    def advance(index: int, answer: Any) -> None:
        try:
            each = steps[index]
            effect = each.throw(answer) if isinstance(answer, BaseException) else each.send(answer)
        except StopIteration as stop:
            results[index] = stop.value
            return
        except Exception as error:  # that one's outcome; the others go on
            results[index] = error
            return
        if not isinstance(effect, Call):
            raise TypeError(f"all_of runs steps that yield Calls only, not {type(effect).__name__}")
        pending[index] = effect

    try:
        for index in range(len(steps)):
            advance(index, None)
        while pending:
            order = list(pending)
            answers = yield Gather([pending[index] for index in order])
            pending.clear()
            for index, answer in zip(order, answers, strict=True):
                advance(index, answer)
    finally:
        for each in steps:
            each.close()
    return results
