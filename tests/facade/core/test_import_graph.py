"""No import circles in the facade: every module's imports form a directed acyclic graph.

Built with grimp (import-linter's engine), which records every import statement: module level, inside functions
(a deferred import that dodges a circle at run time is still a circle in the design) and under ``TYPE_CHECKING``
(an annotation-only import must not hide a runtime dependency the other way). Jobs reach their clients through
small ``Protocol``s declared beside the job, and the polling engine knows jobs through ``Pollable``, so the
graph has no strongly connected component larger than one module.

One kind of edge is left out: a package's ``TYPE_CHECKING`` import of its *own* submodule. That is how a package
tells type checkers what its PEP 562 ``__getattr__`` re-exports lazily (``taskfacade/__init__.py``); the
submodules may then import from the package (``_transport`` reads ``taskfacade.__version__``) without a circle,
because the package never imports them at import time.
"""

from __future__ import annotations

import grimp


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _describe(graph: grimp.ImportGraph, component: list[str]) -> str:
    lines = [" <-> ".join(component)]
    for importer in component:
        for imported in component:
            for detail in graph.get_import_details(importer=importer, imported=imported):
                lines.append(f"    {importer}:{detail['line_number']}: {detail['line_contents']}")
    return "\n".join(lines)


def test_the_finder_sees_a_circle() -> None:
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(name)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.c")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert _cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]
    graph.remove_import(importer="pkg.c", imported="pkg.a")
    assert _cycles(graph) == []


def test_only_a_packages_typing_imports_of_its_own_submodules_are_left_out() -> None:
    def graphs(runtime_edge: bool) -> tuple[grimp.ImportGraph, grimp.ImportGraph]:
        full, runtime = grimp.ImportGraph(), grimp.ImportGraph()
        for graph in (full, runtime):
            for name in ("pkg", "pkg.a", "pkg.b"):
                graph.add_module(name)
            graph.add_import(importer="pkg.a", imported="pkg")  # e.g. reads pkg.__version__
            graph.add_import(importer="pkg.b", imported="pkg.a")
        full.add_import(importer="pkg", imported="pkg.a")  # the re-export block for type checkers
        full.add_import(importer="pkg.a", imported="pkg.b")  # a typing-only import between siblings
        if runtime_edge:
            runtime.add_import(importer="pkg", imported="pkg.a")
        return full, runtime

    full, runtime = graphs(runtime_edge=False)
    assert _drop_lazy_reexports(full, runtime) == 1
    assert _cycles(full) == [["pkg.a", "pkg.b"]]  # the sibling circle is still found
    full, runtime = graphs(runtime_edge=True)
    assert _drop_lazy_reexports(full, runtime) == 0
    assert _cycles(full) == [["pkg", "pkg.a", "pkg.b"]]


def _drop_lazy_reexports(graph: grimp.ImportGraph, runtime: grimp.ImportGraph) -> int:
    """Remove the edges from a package to its own submodules that exist only under ``TYPE_CHECKING``."""
    dropped = 0
    for package in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(package)):
            own = imported.startswith(package + ".")
            if own and not runtime.direct_import_exists(importer=package, imported=imported):
                graph.remove_import(importer=package, imported=imported)
                dropped += 1
    return dropped


def test_the_facade_has_no_import_circles() -> None:
    graph = grimp.build_graph("taskfacade", include_external_packages=False)
    runtime = grimp.build_graph("taskfacade", include_external_packages=False, exclude_type_checking_imports=True)
    assert len(graph.modules) > 50  # the whole facade was read, not an empty package
    assert _drop_lazy_reexports(graph, runtime) > 0  # taskfacade/__init__.py's block for type checkers
    circles = _cycles(graph)
    assert not circles, f"{len(circles)} import circle(s):\n" + "\n".join(_describe(graph, c) for c in circles)
