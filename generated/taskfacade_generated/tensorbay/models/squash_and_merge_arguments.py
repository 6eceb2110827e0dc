from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.squash_and_merge_strategy import SquashAndMergeStrategy
from ..types import UNSET, Unset

T = TypeVar("T", bound="SquashAndMergeArguments")


@_attrs_define
class SquashAndMergeArguments:
    """
    Attributes:
        title (str): the title of the draft the job creates
        source_branch_name (str):
        target_branch_name (str):
        strategy (SquashAndMergeStrategy): what to do on conflicts
        description (str | Unset): the draft's description
    """

    title: str
    source_branch_name: str
    target_branch_name: str
    strategy: SquashAndMergeStrategy
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        source_branch_name = self.source_branch_name

        target_branch_name = self.target_branch_name

        strategy = self.strategy.value

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
                "sourceBranchName": source_branch_name,
                "targetBranchName": target_branch_name,
                "strategy": strategy,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        title = d.pop("title")

        source_branch_name = d.pop("sourceBranchName")

        target_branch_name = d.pop("targetBranchName")

        strategy = SquashAndMergeStrategy(d.pop("strategy"))

        description = d.pop("description", UNSET)

        squash_and_merge_arguments = cls(
            title=title,
            source_branch_name=source_branch_name,
            target_branch_name=target_branch_name,
            strategy=strategy,
            description=description,
        )

        squash_and_merge_arguments.additional_properties = d
        return squash_and_merge_arguments

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
