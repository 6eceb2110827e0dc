from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.draft_status import DraftStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.draft_author import DraftAuthor


T = TypeVar("T", bound="Draft")


@_attrs_define
class Draft:
    """
    Attributes:
        number (int):
        title (str):
        branch_name (str):
        status (DraftStatus):
        description (str | Unset):
        parent_commit_id (None | str | Unset):
        author (DraftAuthor | Unset):
        updated_at (int | Unset): epoch seconds
    """

    number: int
    title: str
    branch_name: str
    status: DraftStatus
    description: str | Unset = UNSET
    parent_commit_id: None | str | Unset = UNSET
    author: DraftAuthor | Unset = UNSET
    updated_at: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        title = self.title

        branch_name = self.branch_name

        status = self.status.value

        description = self.description

        parent_commit_id: None | str | Unset
        if isinstance(self.parent_commit_id, Unset):
            parent_commit_id = UNSET
        else:
            parent_commit_id = self.parent_commit_id

        author: dict[str, Any] | Unset = UNSET
        if not isinstance(self.author, Unset):
            author = self.author.to_dict()

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "title": title,
                "branchName": branch_name,
                "status": status,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if parent_commit_id is not UNSET:
            field_dict["parentCommitId"] = parent_commit_id
        if author is not UNSET:
            field_dict["author"] = author
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.draft_author import DraftAuthor

        d = dict(src_dict)
        number = d.pop("number")

        title = d.pop("title")

        branch_name = d.pop("branchName")

        status = DraftStatus(d.pop("status"))

        description = d.pop("description", UNSET)

        def _parse_parent_commit_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_commit_id = _parse_parent_commit_id(d.pop("parentCommitId", UNSET))

        _author = d.pop("author", UNSET)
        author: DraftAuthor | Unset
        if isinstance(_author, Unset):
            author = UNSET
        else:
            author = DraftAuthor.from_dict(_author)

        updated_at = d.pop("updatedAt", UNSET)

        draft = cls(
            number=number,
            title=title,
            branch_name=branch_name,
            status=status,
            description=description,
            parent_commit_id=parent_commit_id,
            author=author,
            updated_at=updated_at,
        )

        draft.additional_properties = d
        return draft

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
