"""Contains all the data models used in inputs/outputs (imported lazily, on first use)"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .activity_event_type import ActivityEventType
    from .array_actions import ArrayActions
    from .array_activity_log import ArrayActivityLog
    from .array_browser_data import ArrayBrowserData
    from .array_info import ArrayInfo
    from .array_info_file_properties import ArrayInfoFileProperties
    from .array_info_metadata_item import ArrayInfoMetadataItem
    from .array_info_pricing_item import ArrayInfoPricingItem
    from .array_info_subscriptions_item import ArrayInfoSubscriptionsItem
    from .array_task import ArrayTask
    from .array_task_data import ArrayTaskData
    from .array_task_status import ArrayTaskStatus
    from .array_task_type import ArrayTaskType
    from .array_type import ArrayType
    from .domain_array import DomainArray
    from .error import Error
    from .file_type import FileType
    from .group_actions import GroupActions
    from .group_browser_data import GroupBrowserData
    from .group_info import GroupInfo
    from .group_info_metadata_item import GroupInfoMetadataItem
    from .group_type import GroupType
    from .namespace_actions import NamespaceActions
    from .organization import Organization
    from .organization_asset_locations import OrganizationAssetLocations
    from .organization_roles import OrganizationRoles
    from .organization_user import OrganizationUser
    from .pagination_metadata import PaginationMetadata
    from .querytype import Querytype
    from .result_format import ResultFormat
    from .task_asset import TaskAsset
    from .token import Token
    from .token_scope import TokenScope
    from .user import User
    from .user_asset_locations import UserAssetLocations
    from .workspace import Workspace
    from .workspace_get_response import WorkspaceGetResponse
    from .workspace_user import WorkspaceUser

_MODULES = {
    "ActivityEventType": ".activity_event_type",
    "ArrayActions": ".array_actions",
    "ArrayActivityLog": ".array_activity_log",
    "ArrayBrowserData": ".array_browser_data",
    "ArrayInfo": ".array_info",
    "ArrayInfoFileProperties": ".array_info_file_properties",
    "ArrayInfoMetadataItem": ".array_info_metadata_item",
    "ArrayInfoPricingItem": ".array_info_pricing_item",
    "ArrayInfoSubscriptionsItem": ".array_info_subscriptions_item",
    "ArrayTask": ".array_task",
    "ArrayTaskData": ".array_task_data",
    "ArrayTaskStatus": ".array_task_status",
    "ArrayTaskType": ".array_task_type",
    "ArrayType": ".array_type",
    "DomainArray": ".domain_array",
    "Error": ".error",
    "FileType": ".file_type",
    "GroupActions": ".group_actions",
    "GroupBrowserData": ".group_browser_data",
    "GroupInfo": ".group_info",
    "GroupInfoMetadataItem": ".group_info_metadata_item",
    "GroupType": ".group_type",
    "NamespaceActions": ".namespace_actions",
    "Organization": ".organization",
    "OrganizationAssetLocations": ".organization_asset_locations",
    "OrganizationRoles": ".organization_roles",
    "OrganizationUser": ".organization_user",
    "PaginationMetadata": ".pagination_metadata",
    "Querytype": ".querytype",
    "ResultFormat": ".result_format",
    "TaskAsset": ".task_asset",
    "Token": ".token",
    "TokenScope": ".token_scope",
    "User": ".user",
    "UserAssetLocations": ".user_asset_locations",
    "Workspace": ".workspace",
    "WorkspaceGetResponse": ".workspace_get_response",
    "WorkspaceUser": ".workspace_user",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)


__all__ = (
    "ActivityEventType",
    "ArrayActions",
    "ArrayActivityLog",
    "ArrayBrowserData",
    "ArrayInfo",
    "ArrayInfoFileProperties",
    "ArrayInfoMetadataItem",
    "ArrayInfoPricingItem",
    "ArrayInfoSubscriptionsItem",
    "ArrayTask",
    "ArrayTaskData",
    "ArrayTaskStatus",
    "ArrayTaskType",
    "ArrayType",
    "DomainArray",
    "Error",
    "FileType",
    "GroupActions",
    "GroupBrowserData",
    "GroupInfo",
    "GroupInfoMetadataItem",
    "GroupType",
    "NamespaceActions",
    "Organization",
    "OrganizationAssetLocations",
    "OrganizationRoles",
    "OrganizationUser",
    "PaginationMetadata",
    "Querytype",
    "ResultFormat",
    "TaskAsset",
    "Token",
    "TokenScope",
    "User",
    "UserAssetLocations",
    "Workspace",
    "WorkspaceGetResponse",
    "WorkspaceUser",
)
