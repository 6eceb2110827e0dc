"""What a command runs with: the chosen profile, the emulator (if any), overrides, and the merged per-service
settings handed to the facade.

Precedence, highest first: command-line options (``--endpoint``, ``--farm-id``...); the config-file profile; then
whatever the facade itself resolves from each vendor's environment variables and files (``TILEDB_REST_*`` and
``~/.tiledb``, ``AWS_*`` and ``~/.aws``, ``GEOBOX_*``), plus ``TENSORBAY_ACCESS_KEY`` (the TensorBay SDK reads
no environment). With ``--emulator URL`` every service points at that emulator with its default credentials and
its seeded ids, and the profile's service settings are not used.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from ._config import Profile
from ._exit import UsageError
from ._registry import cli_service, cli_services

__all__ = ["EMULATOR_CREDENTIALS", "Context", "secret_env_vars"]


class _EmulatorCredentials(Mapping[str, Mapping[str, str]]):
    """Each service's settings with ``--emulator`` (``CliService.emulator_settings``), by service name."""

    def __getitem__(self, service: str) -> Mapping[str, str]:
        return cli_service(service).emulator_settings

    def __iter__(self) -> Iterator[str]:
        return iter(cli_services())

    def __len__(self) -> int:
        return len(cli_services())


#: What the emulator accepts by default (docs/emulator.md, ``taskfacade_emulator.Credentials()``), as each service
#: declares it.
EMULATOR_CREDENTIALS: Mapping[str, Mapping[str, str]] = _EmulatorCredentials()


def secret_env_vars() -> list[str]:
    """Environment variables holding credentials (each service's ``secret_env_vars``): their values are scrubbed
    from everything the CLI prints."""
    return [name for service in cli_services().values() for name in service.secret_env_vars]


@attrs.define
class Context:
    """Everything a command needs besides its own arguments.

    Attributes:
        profile: the config-file profile in use (possibly empty).
        emulator: the emulator URL when talking to one (``--emulator`` or the profile's ``emulator``).
        emulator_from_flag: whether ``--emulator`` was given (then the profile's service settings are ignored).
        endpoint: ``--endpoint`` for the command's service.
        retry_mode: ``default``, ``forceful`` or ``disabled``.
        trust_env: whether clients read proxy and CA settings from the environment (``--no-trust-env``).
        debug: ``--debug``.
    """

    profile: Profile
    emulator: str | None = None
    emulator_from_flag: bool = False
    endpoint: str | None = None
    retry_mode: str = "default"
    trust_env: bool = True
    debug: bool = False
    _seeded: dict[str, Any] | None = None

    def settings(self, service: str) -> dict[str, Any]:
        """The merged settings of ``service``: emulator defaults, then the profile, then ``--endpoint``."""
        merged: dict[str, Any] = {}
        if self.emulator:
            merged.update(EMULATOR_CREDENTIALS[service])
            merged["endpoint"] = f"{self.emulator}/{service}"
        if not self.emulator_from_flag:
            merged.update({k: v for k, v in self.profile.services.get(service, {}).items() if v not in (None, "")})
        if self.endpoint:
            merged["endpoint"] = self.endpoint
        return merged

    def emulator_seeded(self, service: str) -> dict[str, Any]:
        """The emulator's seeded ids for ``service`` (``GET /_emulator/seeded``), or {} when not on an emulator."""
        if not self.emulator:
            return {}
        if self._seeded is None:
            import httpx

            try:
                response = httpx.get(f"{self.emulator}/_emulator/seeded", timeout=10.0, trust_env=self.trust_env)
                response.raise_for_status()
                seeded = response.json()
            except (httpx.HTTPError, ValueError) as exc:
                raise UsageError(
                    f"cannot read the emulator's seeded ids at {self.emulator}/_emulator/seeded ({type(exc).__name__});"
                    " pass the ids as options"
                ) from None
            self._seeded = seeded if isinstance(seeded, dict) else {}
        value = self._seeded.get(service)
        return value if isinstance(value, dict) else {}

    def secrets(self) -> list[str]:
        """Every credential this run could know: the profile's and the vendor environment variables'."""
        found = self.profile.secrets()
        found += [os.environ[name] for name in secret_env_vars() if os.environ.get(name)]
        return found
