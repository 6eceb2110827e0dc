"""Seed 001's account and browser functions against the emulator: user, organizations, charged namespace,
array and group listings with their filters, pagination, async_req, bad input and faults."""

from __future__ import annotations

import uuid
from concurrent.futures import Future
from typing import Any

import pytest
from taskfacade import InvalidArgument, NotFound, ResponseDecodeError
from taskfacade.tiledb import ArrayPager, Client, GroupPager, NoChargeableNamespace
from taskfacade.tiledb import client as tdb
from taskfacade_emulator import Emulator
from taskfacade_generated.tiledb.models import NamespaceActions, User
from tiledb_helpers import requests_made

USER_ROUTE = "GET /v1/user"


def test_user_profile_default_user_and_organizations(emu: Emulator, client: Client) -> None:
    account = client
    profile = tdb.user_profile(client=account)
    assert isinstance(profile, User)
    assert profile.username == "emulator"
    assert tdb.default_user(client=account) is profile  # remembered by the client
    assert requests_made(emu, USER_ROUTE) == 1
    future = tdb.user_profile(async_req=True, client=account)
    assert isinstance(future, Future)
    assert future.result(timeout=10).username == "emulator"
    orgs = tdb.organizations(client=account)
    assert [o.name for o in orgs] == ["emulator-org", "public"]
    assert tdb.organizations(async_req=True, client=account).result(timeout=10)[0].name == "emulator-org"
    by_name = tdb.organization("emulator-org", client=account)
    assert tdb.organization(by_name.id, async_req=True, client=account).result(timeout=10).name == "emulator-org"
    with pytest.raises(NotFound):
        tdb.organization("nobody-org", client=account)


def test_charged_namespace_follows_the_vendor_rules(emu: Emulator, client: Client) -> None:
    assert tdb.default_charged_namespace(client=client) == "emulator-org"
    assert tdb.default_charged_namespace("edit_billing", client=client) == "emulator-org"
    profile = tdb.default_user(client=client)
    find = tdb.find_organization_or_user_for_default_charges
    assert find(profile, NamespaceActions.RUN_JOB) == "emulator-org"
    reader_only = User.from_dict({**profile.to_dict(), "organizations": [profile.organizations[1].to_dict()]})
    assert find(reader_only) == "emulator"  # "public" is never charged
    assert find(reader_only, "run_job") == "emulator"
    with pytest.raises(NoChargeableNamespace) as caught:
        find(reader_only, "edit_billing")  # the user itself is not allowed to edit billing
    assert isinstance(caught.value, LookupError)
    charged = User.from_dict({**profile.to_dict(), "default_namespace_charged": "billing-org"})
    assert find(charged, "edit_billing") == "billing-org"


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda c: tdb.default_charged_namespace("fly", client=c), "required_action"),
        (lambda c: tdb.organization("", client=c), "organization"),
        (lambda c: tdb.user_profile(async_req=1, client=c), "async_req"),
        (lambda c: tdb.find_organization_or_user_for_default_charges({"username": "x"}), "user"),
        (lambda c: tdb.list_arrays(permissions="everything", client=c), "permissions"),
        (lambda c: tdb.list_arrays(tag=[""], client=c), "tag"),
        (lambda c: tdb.list_arrays(exclude_tag=7, client=c), "exclude_tag"),
        (lambda c: tdb.list_public_arrays(page=0, client=c), "page"),
        (lambda c: tdb.list_shared_arrays(per_page=-1, client=c), "per_page"),
        (lambda c: tdb.list_arrays(with_metadata="yes", client=c), "with_metadata"),
        (lambda c: tdb.list_arrays(async_req="yes", client=c), "async_req"),
        (lambda c: tdb.list_groups(group_type="folder", client=c), "group_type"),
        (lambda c: tdb.list_groups(parent="not-a-uuid", client=c), "parent"),
        (lambda c: tdb.list_groups(flat=None, client=c), "flat"),
        (lambda c: tdb.list_public_groups(permission="root", client=c), "permission"),
        (lambda c: tdb.list_shared_groups(shared_to=[1], client=c), "shared_to"),
        (lambda c: tdb.list_groups(namespace="", client=c), "namespace"),
    ],
)
def test_bad_arguments_make_no_request(emu: Emulator, client: Client, call: Any, parameter: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        call(client)
    assert caught.value.parameter == parameter
    assert requests_made(emu) == 0


def test_array_listings_with_filters_and_pages(emu: Emulator, client: Client) -> None:
    owned = tdb.list_arrays(client=client)
    assert isinstance(owned, ArrayPager)
    assert len(owned) == 12
    names = [a.name for a in owned]
    assert len(set(names)) == 12
    assert all(n.startswith("array_") for n in names)
    notebooks = list(tdb.list_arrays(file_type="notebook", client=client))
    assert [a.file_type for a in notebooks] == ["notebook"]
    rest = list(tdb.list_arrays(exclude_file_type=["notebook", "ml_model"], client=client))
    assert len(rest) == 10
    tagged = list(tdb.list_arrays(tag="genomics", client=client))
    assert tagged
    assert all("genomics" in a.tags for a in tagged)
    untagged = list(tdb.list_arrays(exclude_tag=["genomics"], client=client))
    assert len(tagged) + len(untagged) == 12
    assert [a.name for a in tdb.list_arrays(search="array_1", client=client)] == [
        "array_1", "array_10", "array_11",
    ]  # fmt: skip
    assert all(a.metadata for a in tdb.list_arrays(with_metadata=True, client=client))
    paged = tdb.list_arrays(page=2, per_page=5, client=client)
    assert [a.name for a in paged.arrays] == names[5:10]
    assert len(paged) == 7
    assert paged.page == 2
    assert [a.name for a in paged] == names[5:]
    assert paged.pagination_metadata.page == 2
    assert [a.name for a in paged.call_page(1).arrays] == names[:5]
    public = tdb.list_public_arrays(namespace="TileDB-Inc", permissions="read", client=client)
    assert len(public) == 10
    assert len(tdb.list_public_arrays(permissions="write", client=client)) == 0
    shared = tdb.list_shared_arrays(permissions="read_write", client=client)
    assert len(shared) == 3
    future = tdb.list_shared_arrays(async_req=True, client=client)
    assert isinstance(future, Future)
    assert len(future.result(timeout=10).arrays) == 6


def test_group_listings_with_filters(emu: Emulator, client: Client) -> None:
    flat = tdb.list_groups(client=client)
    assert isinstance(flat, GroupPager)
    assert len(flat) == 8
    top = tdb.list_groups(flat=False, client=client)
    assert len(top) == 5
    parent = next(g for g in flat if g.name == "group_0")
    children = tdb.list_groups(parent=uuid.UUID(parent.id), client=client)
    assert sorted(g.name for g in children) == ["group_5", "group_6", "group_7"]
    assert [g.group_type for g in tdb.list_groups(group_type="vcf", client=client)] == ["vcf"]
    assert len(tdb.list_public_groups(client=client).groups) == 4
    shared = tdb.list_shared_groups(shared_to="emulator", permission="read", client=client)
    assert len(shared) == 3
    assert len(tdb.list_shared_groups(shared_to=["someone-else"], client=client)) == 0
    future = tdb.list_groups(page=2, per_page=3, async_req=True, client=client)
    assert [g.name for g in future.result(timeout=10).groups] == [g.name for g in flat][3:6]


def test_faults_on_account_calls(emu: Emulator, client: Client) -> None:
    emu.add_faults(service="tiledb", path="^/v1/organizations$", action="reset", count=1)
    assert len(tdb.organizations(client=client)) == 2
    emu.add_faults(service="tiledb", path="^/v1/arrays/", action="malformed", count=1)
    with pytest.raises(ResponseDecodeError):
        list(tdb.list_arrays(client=client))
    emu.add_faults(service="tiledb", path="^/v1/user", action="unknown_enum", count=1)
    odd = tdb.user_profile(client=client)
    assert any(action.value == "FUTURE_VALUE" for action in odd.allowed_actions)
    assert tdb.find_organization_or_user_for_default_charges(odd, "read") == "emulator-org"
    emu.add_faults(service="tiledb", path="^/v1/groups/", action="extra_fields", count=1)
    assert len(list(tdb.list_groups(client=client))) == 8
