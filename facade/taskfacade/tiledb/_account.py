"""Seed 001's account functions: the user's profile, organizations and the namespace charged by default."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar, overload

from .._errors import InvalidArgument, ResponseDecodeError
from .._steps import Call, Steps, run
from . import _validate as v
from ._async import AsyncResult
from ._cloud_client import Client, ClientState, resolve_client
from ._errors import NoChargeableNamespace
from ._generated import NamespaceActions, Organization, Unset, User, get_organization, get_user, list_organizations

__all__ = [
    "check_action",
    "default_charged_namespace",
    "default_user",
    "default_user_steps",
    "find_organization_or_user_for_default_charges",
    "organization",
    "organization_name",
    "organization_steps",
    "organizations",
    "organizations_steps",
    "user_profile",
    "user_steps",
]

T = TypeVar("T")


def _maybe_async(client: Client, async_req: bool, fn: Callable[[Client], T]) -> T | AsyncResult[T]:
    if v.flag("async_req", async_req):
        return client.submit(fn, client)
    return fn(client)


def user_steps(client: ClientState) -> Steps[User]:
    """``GET /v1/user``, remembered by the client for ``default_user`` (steps, for both twins)."""
    user: User = yield Call(get_user, expect=User)
    client._user = user
    return user


def default_user_steps(client: ClientState) -> Steps[User]:
    """The client's remembered user, or ``user_steps``."""
    cached = client._user
    if isinstance(cached, User):
        return cached
    return (yield from user_steps(client))


def organizations_steps() -> Steps[list[Organization]]:
    """``GET /v1/organizations``, checked to be a list of organizations."""
    found = yield Call(list_organizations)
    if not isinstance(found, list) or not all(isinstance(o, Organization) for o in found):
        raise ResponseDecodeError("expected a list of organizations", service="tiledb")
    return found


def organization_name(organization: Any) -> str:
    """The ``organization`` argument checked."""
    name = v.optional_str("organization", organization)
    if name is None:
        raise InvalidArgument("organization", organization, "an organization name or id")
    return name


def organization_steps(name: str) -> Steps[Organization]:
    """``GET /v1/organizations/{organization}``."""
    found: Organization = yield Call(get_organization, args=(name,), expect=Organization)
    return found


def _fetch_user(client: Client) -> User:
    return run(user_steps(client), client.transport)


@overload
def user_profile(async_req: Literal[False] = False, *, client: Client | None = None) -> User: ...


@overload
def user_profile(async_req: Literal[True], *, client: Client | None = None) -> AsyncResult[User]: ...


def user_profile(async_req: bool = False, *, client: Client | None = None) -> User | AsyncResult[User]:
    """Your user profile (``GET /v1/user``), as the generated ``User`` model; a Future with ``async_req=True``."""
    return _maybe_async(resolve_client(client), async_req, _fetch_user)


def default_user(*, client: Client | None = None) -> User:
    """The user the client is logged in as: fetched with ``user_profile`` once, then remembered by the client."""
    chosen = resolve_client(client)
    cached = chosen._user
    return cached if isinstance(cached, User) else _fetch_user(chosen)


def _fetch_organizations(client: Client) -> list[Organization]:
    return run(organizations_steps(), client.transport)


@overload
def organizations(async_req: Literal[False] = False, *, client: Client | None = None) -> list[Organization]: ...


@overload
def organizations(async_req: Literal[True], *, client: Client | None = None) -> AsyncResult[list[Organization]]: ...


def organizations(
    async_req: bool = False, *, client: Client | None = None
) -> list[Organization] | AsyncResult[list[Organization]]:
    """All organizations the user is part of (``GET /v1/organizations``)."""
    return _maybe_async(resolve_client(client), async_req, _fetch_organizations)


@overload
def organization(
    organization: str, async_req: Literal[False] = False, *, client: Client | None = None
) -> Organization: ...


@overload
def organization(
    organization: str, async_req: Literal[True], *, client: Client | None = None
) -> AsyncResult[Organization]: ...


def organization(
    organization: str, async_req: bool = False, *, client: Client | None = None
) -> Organization | AsyncResult[Organization]:
    """One organization, by name or id (``GET /v1/organizations/{organization}``); ``NotFound`` if there is none."""
    name = organization_name(organization)

    def fetch(chosen: Client) -> Organization:
        return run(organization_steps(name), chosen.transport)

    return _maybe_async(resolve_client(client), async_req, fetch)


def check_action(required_action: Any) -> NamespaceActions | None:
    """The ``required_action`` argument checked (a NamespaceActions value or None)."""
    return _action(required_action)


def _action(required_action: Any) -> NamespaceActions | None:
    return v.choice("required_action", required_action, NamespaceActions)


def _allows(actions: Any, action: NamespaceActions | None) -> bool:
    if action is None:
        return True
    return isinstance(actions, list) and any(str(a) == action.value for a in actions)


def find_organization_or_user_for_default_charges(user: User, required_action: Any = None) -> str:
    """The namespace to charge: the user's ``default_namespace_charged`` if set, else the first organization other
    than ``public`` that allows ``required_action``, else the user (if the user allows it). No request is made.

    Raises:
        NoChargeableNamespace: nothing allows ``required_action``.
    """
    if not isinstance(user, User):
        raise InvalidArgument("user", user, "a User model (from user_profile() or default_user())")
    action = _action(required_action)
    charged = user.default_namespace_charged
    if isinstance(charged, str) and charged:
        return charged
    memberships = [] if isinstance(user.organizations, Unset) else user.organizations
    for member in memberships:
        name = member.organization_name
        if isinstance(name, str) and name and name != "public" and _allows(member.allowed_actions, action):
            return name
    if _allows(user.allowed_actions, action):
        return user.username
    wanted = action.value if action is not None else "any action"
    raise NoChargeableNamespace(f"neither an organization of {user.username!r} nor the user allows {wanted!r}")


def default_charged_namespace(required_action: Any = None, *, client: Client | None = None) -> str:
    """The namespace ``default_user()`` charges to by default (see
    ``find_organization_or_user_for_default_charges``); ``required_action`` is a NamespaceActions value."""
    action = _action(required_action)
    return find_organization_or_user_for_default_charges(default_user(client=client), action)
