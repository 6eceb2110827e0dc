"""Import rules 4 and 5 of docs/architecture.md for every service the facade's registry knows: service packages
never import each other, and the shared core (every ``taskfacade._*`` module) imports no service, directly or
through other modules.

These replace two import-linter contracts that listed the four services and the core modules by hand: here both
lists come from the code (the registry, the package's files), so a new service or core module needs no edit.
"""

from __future__ import annotations

import itertools

import grimp
import taskfacade
import taskfacade._registry


def service_packages() -> list[str]:
    """The facade's services that live in the ``taskfacade`` package (a plug-in elsewhere is its own package)."""
    modules = [taskfacade.service_info(name).module for name in taskfacade._registry.known_names()]
    return [module for module in modules if module.startswith("taskfacade.")]


def core_modules(graph: grimp.ImportGraph) -> list[str]:
    """Every top-level private module of the facade: the shared core."""
    return sorted(m for m in graph.find_children("taskfacade") if m.rpartition(".")[2].startswith("_"))


def violations(graph: grimp.ImportGraph, services: list[str], core: list[str]) -> list[str]:
    """Each import chain that breaks a rule: service -> other service, core -> service."""
    found = [
        f"{a} imports {b}"
        for a, b in itertools.permutations(services, 2)
        if graph.chain_exists(importer=a, imported=b, as_packages=True)
    ]
    found += [
        f"core {c} imports {s}"
        for c, s in itertools.product(core, services)
        if graph.chain_exists(importer=c, imported=s, as_packages=True)
    ]
    return found


def test_the_registry_names_the_built_in_service_packages() -> None:
    assert service_packages()[:4] == [
        "taskfacade.tiledb",
        "taskfacade.deadline",
        "taskfacade.geobox",
        "taskfacade.tensorbay",
    ]


def test_services_are_independent_and_the_core_imports_none() -> None:
    graph = grimp.build_graph("taskfacade")
    core = core_modules(graph)
    assert {"taskfacade._transport", "taskfacade._job", "taskfacade._registry"} <= set(core)
    assert violations(graph, service_packages(), core) == []


def test_a_broken_rule_is_found_even_through_another_module() -> None:
    graph = grimp.ImportGraph()
    for module in (
        "taskfacade",
        "taskfacade._job",
        "taskfacade._util",
        "taskfacade.a",
        "taskfacade.a._x",
        "taskfacade.b",
    ):
        graph.add_module(module)
    graph.add_import(importer="taskfacade.a._x", imported="taskfacade._util")
    assert violations(graph, ["taskfacade.a", "taskfacade.b"], ["taskfacade._job", "taskfacade._util"]) == []
    graph.add_import(importer="taskfacade._util", imported="taskfacade.b")  # core -> b, and so a -> core -> b
    assert violations(graph, ["taskfacade.a", "taskfacade.b"], ["taskfacade._job", "taskfacade._util"]) == [
        "taskfacade.a imports taskfacade.b",
        "core taskfacade._util imports taskfacade.b",
    ]
