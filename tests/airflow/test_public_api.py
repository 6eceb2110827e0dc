"""The provider is a plug-in consumer of the facade: it uses the public API only.

Private facade modules are kept out by an import-linter contract (pyproject ``[tool.importlinter]``, "private
facade modules are imported only inside their own package"); this test keeps out the other way in, the jobs'
private hooks (``job._peek_phase()``, ``job._batch_key()``, ``job._token_ids()``...): no attribute the facade's job
classes keep private is read anywhere in ``taskfacade_airflow``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import taskfacade
import taskfacade.aio
import taskfacade_airflow
from taskfacade import deadline, geobox, tensorbay, tiledb

PROVIDER = Path(taskfacade_airflow.__file__).parent


def _private_job_names() -> set[str]:
    """Every private (not dunder) attribute of the facade's job classes, the services' included."""
    kinds: list[type] = [taskfacade.Job, taskfacade.aio.AsyncJob]
    for name in ("tiledb", "deadline", "geobox", "tensorbay"):
        kinds.extend(taskfacade.service_info(name).job_types)
    names: set[str] = set()
    for kind in kinds:
        for klass in kind.__mro__:
            names.update(n for n in vars(klass) if n.startswith("_") and not n.startswith("__"))
    return names


def test_the_provider_reads_no_private_job_hook() -> None:
    assert {deadline, geobox, tensorbay, tiledb}  # the services are importable: their job classes are listed
    hooks = _private_job_names()
    assert {"_peek_phase", "_peek_status", "_batch_key", "_token_ids", "_refresh_many_async"} <= hooks
    found = []
    for path in sorted(PROVIDER.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Attribute) and node.attr in hooks:
                found.append(f"{path.name}:{node.lineno}: .{node.attr}")
    assert found == []
