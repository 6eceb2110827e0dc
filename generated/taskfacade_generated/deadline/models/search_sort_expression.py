from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_sort_expression import FieldSortExpression
    from ..models.parameter_sort_expression import ParameterSortExpression
    from ..models.user_jobs_first import UserJobsFirst


T = TypeVar("T", bound="SearchSortExpression")


@_attrs_define
class SearchSortExpression:
    """Tagged union, exactly one member set (closed on the request side).

    Attributes:
        user_jobs_first (UserJobsFirst | Unset):
        field_sort (FieldSortExpression | Unset):
        parameter_sort (ParameterSortExpression | Unset):
    """

    user_jobs_first: UserJobsFirst | Unset = UNSET
    field_sort: FieldSortExpression | Unset = UNSET
    parameter_sort: ParameterSortExpression | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        user_jobs_first: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user_jobs_first, Unset):
            user_jobs_first = self.user_jobs_first.to_dict()

        field_sort: dict[str, Any] | Unset = UNSET
        if not isinstance(self.field_sort, Unset):
            field_sort = self.field_sort.to_dict()

        parameter_sort: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameter_sort, Unset):
            parameter_sort = self.parameter_sort.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if user_jobs_first is not UNSET:
            field_dict["userJobsFirst"] = user_jobs_first
        if field_sort is not UNSET:
            field_dict["fieldSort"] = field_sort
        if parameter_sort is not UNSET:
            field_dict["parameterSort"] = parameter_sort

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.field_sort_expression import FieldSortExpression
        from ..models.parameter_sort_expression import ParameterSortExpression
        from ..models.user_jobs_first import UserJobsFirst

        d = dict(src_dict)
        _user_jobs_first = d.pop("userJobsFirst", UNSET)
        user_jobs_first: UserJobsFirst | Unset
        if isinstance(_user_jobs_first, Unset):
            user_jobs_first = UNSET
        else:
            user_jobs_first = UserJobsFirst.from_dict(_user_jobs_first)

        _field_sort = d.pop("fieldSort", UNSET)
        field_sort: FieldSortExpression | Unset
        if isinstance(_field_sort, Unset):
            field_sort = UNSET
        else:
            field_sort = FieldSortExpression.from_dict(_field_sort)

        _parameter_sort = d.pop("parameterSort", UNSET)
        parameter_sort: ParameterSortExpression | Unset
        if isinstance(_parameter_sort, Unset):
            parameter_sort = UNSET
        else:
            parameter_sort = ParameterSortExpression.from_dict(_parameter_sort)

        search_sort_expression = cls(
            user_jobs_first=user_jobs_first,
            field_sort=field_sort,
            parameter_sort=parameter_sort,
        )

        return search_sort_expression
