"""The emulated account: the user, their organizations, and the arrays and groups the browsers list.

Users and organizations follow from the configured credentials (they are not state). Arrays and groups are
generated once, deterministically, and stored in ``tiledb_assets`` as JSON; keys starting with ``_`` in a
stored body (permission, sharing, parent group) are filter inputs the browsers strip before answering.
"""

from __future__ import annotations

import random
import uuid
from typing import Any

from ._seed import ARRAY_FILE_TYPES, array_id
from ._wire import GROUP_TYPES, NAMESPACE_ACTIONS, rfc3339

ORG_NAME = "emulator-org"
_DAY = 86_400.0


def _uid(label: str) -> str:
    return str(uuid.UUID(int=random.Random(f"tiledb-id:{label}").getrandbits(128), version=4))


def _membership(username: str, org: str, role: str, actions: tuple[str, ...]) -> dict[str, Any]:
    return {
        "user_id": _uid(f"user:{username}"),
        "organization_id": _uid(f"org:{org}"),
        "username": username,
        "user_full_name": "Emulator User",
        "user_email": f"{username}@example.com",
        "organization_name": org,
        "role": role,
        "allowed_actions": list(actions),
    }


def memberships(username: str) -> list[dict[str, Any]]:
    """The user's organizations: the org they own and the read-only ``public`` org every user sees."""
    return [
        _membership(username, ORG_NAME, "owner", NAMESPACE_ACTIONS),
        _membership(username, "public", "read_only", ("read",)),
    ]


def user_profile(username: str) -> dict[str, Any]:
    """``GET /v1/user``: no default charged namespace, so clients fall back to the first non-public org."""
    return {
        "id": _uid(f"user:{username}"),
        "username": username,
        "name": "Emulator User",
        "email": f"{username}@example.com",
        "is_valid_email": True,
        "stripe_connect": False,
        "company": "taskfacade",
        "logo": None,
        "timezone": "UTC",
        "organizations": memberships(username),
        "allowed_actions": list(NAMESPACE_ACTIONS[:9]),
        "enabled_features": [],
        "unpaid_subscription": False,
        "default_s3_path": None,
        "default_s3_path_credentials_name": None,
        "asset_locations": {},
        "default_namespace_charged": None,
        "default_region": "us-east-1",
    }


def workspace_name(workspace_id: str) -> str:
    """The emulator workspace's name: its id without the ``ws_`` prefix (``ws_emulator`` is named ``emulator``)."""
    return workspace_id.removeprefix("ws_") or workspace_id


def workspace(workspace_id: str, username: str, created_at: float) -> dict[str, Any]:
    """``GET /v4/workspaces/{workspace}``: the v4 envelope, with every field tiledb-client 3.x requires."""
    member = {
        "user_id": _uid(f"user:{username}"),
        "username": username,
        "display_name": "Emulator User",
        "email": f"{username}@example.com",
        "role": "owner",
        "added_by": username,
        "created_at": rfc3339(created_at),
    }
    return {
        "data": {
            "workspace_id": workspace_id,
            "name": workspace_name(workspace_id),
            "description": "The emulator's workspace.",
            "created_by": member,
            "self": member,
            "created_at": rfc3339(created_at),
            "updated_at": rfc3339(created_at),
        }
    }


def organizations(username: str, created_at: float) -> list[dict[str, Any]]:
    """``GET /v1/organizations``: every organization the user belongs to."""
    out = []
    for member in memberships(username):
        out.append(
            {
                "id": member["organization_id"],
                "role": member["role"],
                "name": member["organization_name"],
                "created_at": rfc3339(created_at),
                "updated_at": rfc3339(created_at),
                "logo": None,
                "description": f"The {member['organization_name']} organization",
                "users": [member],
                "allowed_actions": member["allowed_actions"],
                "num_of_arrays": 4.0,
                "enabled_features": [],
                "unpaid_subscription": False,
                "default_s3_path": None,
                "default_s3_path_credentials_name": None,
                "asset_locations": {},
                "stripe_connect": False,
                "assume_role_arn": None,
            }
        )
    return out


def assets(*, now: float, seed: int, username: str) -> list[tuple[str, int, dict[str, Any]]]:
    """(kind, seq, body) for every array and group; kinds are ``arrays/owned|public|shared``, ``groups/...``."""
    rng = random.Random(f"tiledb-assets:{seed}")
    out: list[tuple[str, int, dict[str, Any]]] = []
    for k in range(len(ARRAY_FILE_TYPES)):
        out.append(
            ("arrays/owned", k, _array(rng, now, username, f"array_{k}", array_id(seed, k), ARRAY_FILE_TYPES[k]))
        )
    for k in range(10):
        body = _array(rng, now, "TileDB-Inc", f"public_array_{k}", _uid(f"public:{seed}:{k}"), None)
        body.update(public_share=True, allowed_actions=["read", "read_array_info", "read_array_schema"])
        body["_permission"] = "read"
        out.append(("arrays/public", k, body))
    for k in range(6):
        body = _array(rng, now, "collab-lab", f"shared_array_{k}", _uid(f"shared:{seed}:{k}"), None)
        body.update(share_count=1.0, allowed_actions=["read", "write"] if k % 2 else ["read"])
        body.update(_permission="read_write" if k % 2 else "read", _shared_to=[username])
        out.append(("arrays/shared", k, body))
    out.extend(_groups(rng, now, seed, username))
    return out


def _array(
    rng: random.Random, now: float, namespace: str, name: str, array_id: str, file_type: str | None
) -> dict[str, Any]:
    created = now - rng.uniform(30, 365) * _DAY
    body: dict[str, Any] = {
        "id": array_id,
        "file_properties": {"size": str(rng.randrange(1, 10_000))} if file_type else {},
        "uri": f"s3://{namespace.lower()}-bucket/arrays/{name}",
        "namespace": namespace,
        "size": float(rng.randrange(1024, 1024**3)),
        "last_accessed": rfc3339(now - rng.uniform(0, 30) * _DAY),
        "description": f"{name} in {namespace}",
        "name": name,
        "allowed_actions": ["read", "write", "edit", "read_array_logs", "read_array_info", "read_array_schema"],
        "pricing": [],
        "subscriptions": [],
        "logo": None,
        "access_credentials_name": f"{namespace.lower()}-creds",
        "type": rng.choice(("dense", "sparse")),
        "share_count": 0.0,
        "public_share": False,
        "namespace_subscribed": False,
        "tiledb_uri": f"tiledb://{namespace}/{name}",
        "tags": rng.sample(("genomics", "imaging", "weather", "finance", "demo"), 2),
        "license_id": None,
        "license_text": None,
        "read_only": False,
        "is_favorite": rng.random() < 0.2,
        "created_at": rfc3339(created),
        "created_by": namespace,
        "metadata": [{"key": "origin", "value": "emulator"}],
        "_permission": "admin",
    }
    if file_type is not None:
        body["file_type"] = file_type
    return body


def _groups(rng: random.Random, now: float, seed: int, username: str) -> list[tuple[str, int, dict[str, Any]]]:
    out: list[tuple[str, int, dict[str, Any]]] = []
    owned_ids = [_uid(f"group:{seed}:{k}") for k in range(8)]
    for k, group_id in enumerate(owned_ids):
        body = _group(rng, now, username, f"group_{k}", group_id, GROUP_TYPES[k % len(GROUP_TYPES)])
        body["_parent"] = owned_ids[0] if k in (5, 6, 7) else None  # three sub-groups of group_0
        out.append(("groups/owned", k, body))
    for k in range(4):
        body = _group(rng, now, "TileDB-Inc", f"public_group_{k}", _uid(f"pgroup:{seed}:{k}"), "generic")
        body.update(public_share=True, allowed_actions=["read"], _permission="read")
        out.append(("groups/public", k, body))
    for k in range(3):
        body = _group(rng, now, "collab-lab", f"shared_group_{k}", _uid(f"sgroup:{seed}:{k}"), "soma")
        body.update(share_count=1.0, allowed_actions=["read"], _permission="read", _shared_to=[username])
        out.append(("groups/shared", k, body))
    return out


def _group(rng: random.Random, now: float, namespace: str, name: str, group_id: str, kind: str) -> dict[str, Any]:
    assets_n, groups_n = rng.randrange(0, 20), rng.randrange(0, 4)
    return {
        "id": group_id,
        "namespace": namespace,
        "name": name,
        "description": f"{name} in {namespace}",
        "uri": f"s3://{namespace.lower()}-bucket/groups/{name}",
        "tiledb_uri": f"tiledb://{namespace}/{name}",
        "asset_count": float(assets_n),
        "group_count": float(groups_n),
        "size": float(assets_n + groups_n),
        "last_accessed": rfc3339(now - rng.uniform(0, 30) * _DAY),
        "allowed_actions": ["read", "write", "edit"],
        "group_type": kind,
        "logo": None,
        "access_credentials_name": f"{namespace.lower()}-creds",
        "share_count": 0.0,
        "public_share": False,
        "tags": rng.sample(("genomics", "imaging", "weather", "finance", "demo"), 2),
        "license_id": None,
        "license_text": None,
        "created_at": rfc3339(now - rng.uniform(30, 365) * _DAY),
        "created_by": namespace,
        "metadata": [{"key": "origin", "value": "emulator"}],
        "_permission": "admin",
    }
