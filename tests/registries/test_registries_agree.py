"""The three registries (facade, emulator, command line) name the same services, and each entry is what it says."""

from __future__ import annotations

import argparse

import attrs
import taskfacade
import taskfacade_emulator
from taskfacade_cli._registry import COMMANDS, cli_services
from taskfacade_emulator._registry import service_classes


def test_every_layer_has_the_same_services() -> None:
    facade = taskfacade.service_names()
    emulator = taskfacade_emulator.service_names()
    cli = tuple(cli_services())
    assert facade[:4] == ("tiledb", "deadline", "geobox", "tensorbay")
    assert set(cli) <= set(facade), "every command-line service is a facade service"
    assert set(facade) <= set(emulator), "every facade service has an emulator service"
    assert facade == emulator == cli


def test_facade_entries_name_their_package_and_jobs() -> None:
    for name in taskfacade.service_names():
        info = taskfacade.service_info(name)
        assert getattr(taskfacade, name).__name__ == info.module
        assert info.job_types
        assert all(issubclass(job, taskfacade.Job) for job in info.job_types)
        assert all(job.__module__.startswith(info.module) for job in info.job_types)


def test_emulator_entries_own_credentials_with_defaults() -> None:
    for cls in service_classes():
        assert cls.credentials_type is not None, f"{cls.name} declares no credentials"
        fields = attrs.fields(cls.credentials_type)
        assert fields, cls.name
        assert all(field.default is not attrs.NOTHING for field in fields), cls.name
        defaults, own = taskfacade_emulator.Credentials(), cls.credentials_type()
        assert all(getattr(defaults, f"{cls.name}_{f.name}") == getattr(own, f.name) for f in fields), cls.name


def test_cli_entries_point_at_their_commands_and_declare_their_keys() -> None:
    for name, service in cli_services().items():
        assert service.name == name
        assert service.service_class().name == name
        assert service.secret_keys <= set(service.keys)
        assert service.bool_keys <= set(service.keys)
        assert set(service.emulator_settings) <= set(service.keys)
        assert "endpoint" in service.keys  # --endpoint and --emulator set it
        for command in COMMANDS:  # the hook accepts every command
            service.add_arguments(argparse.ArgumentParser(add_help=False), command)
