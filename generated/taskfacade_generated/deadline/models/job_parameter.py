from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobParameter")


@_attrs_define
class JobParameter:
    """Tagged union, exactly one member set. Open, like TaskParameterValue.

    Attributes:
        int_ (str | Unset):
        float_ (str | Unset):
        string (str | Unset):
        path (str | Unset):
        bool_ (str | Unset):
        range_expr (str | Unset):
        string_list (list[str] | Unset):
        path_list (list[str] | Unset):
        int_list (list[str] | Unset):
        float_list (list[str] | Unset):
        bool_list (list[str] | Unset):
        int_list_list (list[list[str]] | Unset):
    """

    int_: str | Unset = UNSET
    float_: str | Unset = UNSET
    string: str | Unset = UNSET
    path: str | Unset = UNSET
    bool_: str | Unset = UNSET
    range_expr: str | Unset = UNSET
    string_list: list[str] | Unset = UNSET
    path_list: list[str] | Unset = UNSET
    int_list: list[str] | Unset = UNSET
    float_list: list[str] | Unset = UNSET
    bool_list: list[str] | Unset = UNSET
    int_list_list: list[list[str]] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        int_ = self.int_

        float_ = self.float_

        string = self.string

        path = self.path

        bool_ = self.bool_

        range_expr = self.range_expr

        string_list: list[str] | Unset = UNSET
        if not isinstance(self.string_list, Unset):
            string_list = self.string_list

        path_list: list[str] | Unset = UNSET
        if not isinstance(self.path_list, Unset):
            path_list = self.path_list

        int_list: list[str] | Unset = UNSET
        if not isinstance(self.int_list, Unset):
            int_list = self.int_list

        float_list: list[str] | Unset = UNSET
        if not isinstance(self.float_list, Unset):
            float_list = self.float_list

        bool_list: list[str] | Unset = UNSET
        if not isinstance(self.bool_list, Unset):
            bool_list = self.bool_list

        int_list_list: list[list[str]] | Unset = UNSET
        if not isinstance(self.int_list_list, Unset):
            int_list_list = []
            for int_list_list_item_data in self.int_list_list:
                int_list_list_item = int_list_list_item_data

                int_list_list.append(int_list_list_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if int_ is not UNSET:
            field_dict["int"] = int_
        if float_ is not UNSET:
            field_dict["float"] = float_
        if string is not UNSET:
            field_dict["string"] = string
        if path is not UNSET:
            field_dict["path"] = path
        if bool_ is not UNSET:
            field_dict["bool"] = bool_
        if range_expr is not UNSET:
            field_dict["rangeExpr"] = range_expr
        if string_list is not UNSET:
            field_dict["stringList"] = string_list
        if path_list is not UNSET:
            field_dict["pathList"] = path_list
        if int_list is not UNSET:
            field_dict["intList"] = int_list
        if float_list is not UNSET:
            field_dict["floatList"] = float_list
        if bool_list is not UNSET:
            field_dict["boolList"] = bool_list
        if int_list_list is not UNSET:
            field_dict["intListList"] = int_list_list

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        int_ = d.pop("int", UNSET)

        float_ = d.pop("float", UNSET)

        string = d.pop("string", UNSET)

        path = d.pop("path", UNSET)

        bool_ = d.pop("bool", UNSET)

        range_expr = d.pop("rangeExpr", UNSET)

        string_list = cast(list[str], d.pop("stringList", UNSET))

        path_list = cast(list[str], d.pop("pathList", UNSET))

        int_list = cast(list[str], d.pop("intList", UNSET))

        float_list = cast(list[str], d.pop("floatList", UNSET))

        bool_list = cast(list[str], d.pop("boolList", UNSET))

        _int_list_list = d.pop("intListList", UNSET)
        int_list_list: list[list[str]] | Unset = UNSET
        if _int_list_list is not UNSET:
            int_list_list = []
            for int_list_list_item_data in _int_list_list:
                int_list_list_item = cast(list[str], int_list_list_item_data)

                int_list_list.append(int_list_list_item)

        job_parameter = cls(
            int_=int_,
            float_=float_,
            string=string,
            path=path,
            bool_=bool_,
            range_expr=range_expr,
            string_list=string_list,
            path_list=path_list,
            int_list=int_list,
            float_list=float_list,
            bool_list=bool_list,
            int_list_list=int_list_list,
        )

        job_parameter.additional_properties = d
        return job_parameter

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
