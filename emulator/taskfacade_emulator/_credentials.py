"""``Credentials``: what the emulator's services accept, each service's part declared by the service itself.

Each service emulator names its own credentials class (``ServiceEmulator.credentials_type``, an attrs class whose
every field has a default) and reads its part with ``ctx.credentials.of(TileDBCredentials)``. ``Credentials`` holds
one value per service and also takes and shows them flat, as ``<service>_<field>``:
``Credentials(tiledb_token="t", deadline_keys={...})`` and ``credentials.geobox_token`` work for every registered
service, plug-ins included, so the shared emulator names no service's fields.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

__all__ = ["Credentials"]

T = TypeVar("T")


def _credential_types() -> dict[str, type[Any]]:
    """Each registered service's credentials class, by service name (the registry imports the services)."""
    from ._registry import service_classes

    return {cls.name: cls.credentials_type for cls in service_classes() if cls.credentials_type is not None}


def _split(flat: str, types: dict[str, type[Any]]) -> tuple[type[Any], str] | None:
    """``"tiledb_token"`` -> ``(TileDBCredentials, "token")`` (the longest service name that fits wins)."""
    for name in sorted(types, key=len, reverse=True):
        field = flat.removeprefix(f"{name}_")
        if field != flat and field in attrs.fields_dict(types[name]):
            return types[name], field
    return None


class Credentials:
    """The credentials every service accepts (all configurable; the defaults are documented in docs/emulator.md).

    Args:
        *parts: whole credentials values of services (``TileDBCredentials(token="t")``).
        **flat: single fields as ``<service>_<field>`` (``tiledb_token="t"``, ``deadline_keys={...}``).

    A service not mentioned gets its defaults. Secrets are left out of the repr, so logging a ``Context`` or
    ``Settings`` never shows them.
    """

    _values: dict[type[Any], Any]

    def __init__(self, *parts: Any, **flat: Any) -> None:
        values: dict[type[Any], Any] = {}
        for part in parts:
            if not attrs.has(type(part)):
                raise TypeError(f"Credentials() takes a service's credentials value, got {part!r}")
            values[type(part)] = part
        types = _credential_types() if flat else {}
        for key, value in flat.items():
            found = _split(key, types)
            if found is None:
                accepted = sorted(f"{name}_{f}" for name, cls in types.items() for f in attrs.fields_dict(cls))
                raise TypeError(f"Credentials() got an unexpected keyword argument {key!r}; accepted: {accepted}")
            kind, field = found
            values[kind] = attrs.evolve(values[kind], **{field: value}) if kind in values else kind(**{field: value})
        object.__setattr__(self, "_values", values)

    def of(self, kind: type[T]) -> T:
        """This emulator's value of one service's credentials class (its defaults unless configured)."""
        values = self._values
        if kind not in values:
            values[kind] = kind()
        value: T = values[kind]
        return value

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        found = _split(name, _credential_types())
        if found is None:
            raise AttributeError(f"'Credentials' object has no attribute {name!r}")
        return getattr(self.of(found[0]), found[1])

    def __setattr__(self, name: str, value: Any) -> None:
        found = _split(name, _credential_types())
        if found is None:
            raise AttributeError(f"'Credentials' object has no attribute {name!r}")
        setattr(self.of(found[0]), found[1], value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Credentials):
            return NotImplemented
        kinds = set(self._values) | set(other._values)
        return all(self.of(kind) == other.of(kind) for kind in kinds)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the attrs class it replaces

    def __repr__(self) -> str:
        parts = ", ".join(repr(self.of(kind)) for kind in _credential_types().values())
        return f"Credentials({parts})"
