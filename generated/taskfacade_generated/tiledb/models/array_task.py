from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.array_task_status import ArrayTaskStatus
from ..models.array_task_type import ArrayTaskType
from ..models.querytype import Querytype
from ..models.result_format import ResultFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.array_activity_log import ArrayActivityLog
    from ..models.array_info import ArrayInfo
    from ..models.domain_array import DomainArray
    from ..models.task_asset import TaskAsset


T = TypeVar("T", bound="ArrayTask")


@_attrs_define
class ArrayTask:
    """One array task. Every field is optional (the server omits empty ones). Times are RFC 3339, `duration` is in
    nanoseconds.

        Attributes:
            id (str | Unset): Task id (UUID).
            name (None | str | Unset): Optional task name.
            username (str | Unset): Username that executed the task.
            description (None | str | Unset): Optional task description.
            namespace (str | Unset): Namespace the task is tied to (charged).
            array_metadata (ArrayInfo | Unset): Metadata of an array (as in the array browser and ArrayTask.array_metadata).
            asset (TaskAsset | Unset): The asset a task ran on (newer TileDB client only).
            subarray (DomainArray | Unset): A domain or subarray, one list per datatype.
            memory (int | Unset): Memory allocated to the task, in bytes.
            cpu (int | Unset): Millicpu allocated to the task.
            status (ArrayTaskStatus | Unset): Status of an array task. DENIED is deprecated and used to mean
                RESOURCES_UNAVAILABLE. Open enum in the generated client: an unknown value parses to a member named UNKNOWN
                keeping the raw value.
            status_message (None | str | Unset): The reason the task is in its status.
            start_time (datetime.datetime | None | Unset): Start time (RFC 3339).
            finish_time (datetime.datetime | None | Unset): Finish time (RFC 3339).
            cost (float | Unset): Total cost in USD.
            egress_cost (float | Unset): Egress cost in USD.
            access_cost (float | Unset): Access cost in USD.
            query_type (Querytype | Unset): Type of query.
            udf_code (str | Unset): Code the UDF runs.
            udf_language (str | Unset): Language of udf_code.
            sql_query (str | Unset): The SQL query.
            type_ (ArrayTaskType | Unset): Kind of array task.
            activity (list[ArrayActivityLog] | Unset): Array activity logs of the task.
            logs (str | Unset): Logs of the task (always present, possibly empty).
            duration (float | Unset): Duration of the task in nanoseconds.
            sql_init_commands (list[str] | Unset):
            sql_parameters (list[Any] | Unset):
            result_format (ResultFormat | Unset): Data format of a result (`native` is the deprecated alias of the pickle
                format).
            task_graph_uuid (str | Unset): Task graph this task belongs to, if any.
            client_node_uuid (str | Unset): Node of the client-side task graph, if any.
            cloud_provider (str | Unset):
            cloud_region (str | Unset):
    """

    id: str | Unset = UNSET
    name: None | str | Unset = UNSET
    username: str | Unset = UNSET
    description: None | str | Unset = UNSET
    namespace: str | Unset = UNSET
    array_metadata: ArrayInfo | Unset = UNSET
    asset: TaskAsset | Unset = UNSET
    subarray: DomainArray | Unset = UNSET
    memory: int | Unset = UNSET
    cpu: int | Unset = UNSET
    status: ArrayTaskStatus | Unset = UNSET
    status_message: None | str | Unset = UNSET
    start_time: datetime.datetime | None | Unset = UNSET
    finish_time: datetime.datetime | None | Unset = UNSET
    cost: float | Unset = UNSET
    egress_cost: float | Unset = UNSET
    access_cost: float | Unset = UNSET
    query_type: Querytype | Unset = UNSET
    udf_code: str | Unset = UNSET
    udf_language: str | Unset = UNSET
    sql_query: str | Unset = UNSET
    type_: ArrayTaskType | Unset = UNSET
    activity: list[ArrayActivityLog] | Unset = UNSET
    logs: str | Unset = UNSET
    duration: float | Unset = UNSET
    sql_init_commands: list[str] | Unset = UNSET
    sql_parameters: list[Any] | Unset = UNSET
    result_format: ResultFormat | Unset = UNSET
    task_graph_uuid: str | Unset = UNSET
    client_node_uuid: str | Unset = UNSET
    cloud_provider: str | Unset = UNSET
    cloud_region: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        username = self.username

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        namespace = self.namespace

        array_metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.array_metadata, Unset):
            array_metadata = self.array_metadata.to_dict()

        asset: dict[str, Any] | Unset = UNSET
        if not isinstance(self.asset, Unset):
            asset = self.asset.to_dict()

        subarray: dict[str, Any] | Unset = UNSET
        if not isinstance(self.subarray, Unset):
            subarray = self.subarray.to_dict()

        memory = self.memory

        cpu = self.cpu

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        status_message: None | str | Unset
        if isinstance(self.status_message, Unset):
            status_message = UNSET
        else:
            status_message = self.status_message

        start_time: None | str | Unset
        if isinstance(self.start_time, Unset):
            start_time = UNSET
        elif isinstance(self.start_time, datetime.datetime):
            start_time = self.start_time.isoformat()
        else:
            start_time = self.start_time

        finish_time: None | str | Unset
        if isinstance(self.finish_time, Unset):
            finish_time = UNSET
        elif isinstance(self.finish_time, datetime.datetime):
            finish_time = self.finish_time.isoformat()
        else:
            finish_time = self.finish_time

        cost = self.cost

        egress_cost = self.egress_cost

        access_cost = self.access_cost

        query_type: str | Unset = UNSET
        if not isinstance(self.query_type, Unset):
            query_type = self.query_type.value

        udf_code = self.udf_code

        udf_language = self.udf_language

        sql_query = self.sql_query

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        activity: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.activity, Unset):
            activity = []
            for activity_item_data in self.activity:
                activity_item = activity_item_data.to_dict()
                activity.append(activity_item)

        logs = self.logs

        duration = self.duration

        sql_init_commands: list[str] | Unset = UNSET
        if not isinstance(self.sql_init_commands, Unset):
            sql_init_commands = self.sql_init_commands

        sql_parameters: list[Any] | Unset = UNSET
        if not isinstance(self.sql_parameters, Unset):
            sql_parameters = self.sql_parameters

        result_format: str | Unset = UNSET
        if not isinstance(self.result_format, Unset):
            result_format = self.result_format.value

        task_graph_uuid = self.task_graph_uuid

        client_node_uuid = self.client_node_uuid

        cloud_provider = self.cloud_provider

        cloud_region = self.cloud_region

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if username is not UNSET:
            field_dict["username"] = username
        if description is not UNSET:
            field_dict["description"] = description
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if array_metadata is not UNSET:
            field_dict["array_metadata"] = array_metadata
        if asset is not UNSET:
            field_dict["asset"] = asset
        if subarray is not UNSET:
            field_dict["subarray"] = subarray
        if memory is not UNSET:
            field_dict["memory"] = memory
        if cpu is not UNSET:
            field_dict["cpu"] = cpu
        if status is not UNSET:
            field_dict["status"] = status
        if status_message is not UNSET:
            field_dict["status_message"] = status_message
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if finish_time is not UNSET:
            field_dict["finish_time"] = finish_time
        if cost is not UNSET:
            field_dict["cost"] = cost
        if egress_cost is not UNSET:
            field_dict["egress_cost"] = egress_cost
        if access_cost is not UNSET:
            field_dict["access_cost"] = access_cost
        if query_type is not UNSET:
            field_dict["query_type"] = query_type
        if udf_code is not UNSET:
            field_dict["udf_code"] = udf_code
        if udf_language is not UNSET:
            field_dict["udf_language"] = udf_language
        if sql_query is not UNSET:
            field_dict["sql_query"] = sql_query
        if type_ is not UNSET:
            field_dict["type"] = type_
        if activity is not UNSET:
            field_dict["activity"] = activity
        if logs is not UNSET:
            field_dict["logs"] = logs
        if duration is not UNSET:
            field_dict["duration"] = duration
        if sql_init_commands is not UNSET:
            field_dict["sql_init_commands"] = sql_init_commands
        if sql_parameters is not UNSET:
            field_dict["sql_parameters"] = sql_parameters
        if result_format is not UNSET:
            field_dict["result_format"] = result_format
        if task_graph_uuid is not UNSET:
            field_dict["task_graph_uuid"] = task_graph_uuid
        if client_node_uuid is not UNSET:
            field_dict["client_node_uuid"] = client_node_uuid
        if cloud_provider is not UNSET:
            field_dict["cloud_provider"] = cloud_provider
        if cloud_region is not UNSET:
            field_dict["cloud_region"] = cloud_region

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.array_activity_log import ArrayActivityLog
        from ..models.array_info import ArrayInfo
        from ..models.domain_array import DomainArray
        from ..models.task_asset import TaskAsset

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        username = d.pop("username", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        namespace = d.pop("namespace", UNSET)

        _array_metadata = d.pop("array_metadata", UNSET)
        array_metadata: ArrayInfo | Unset
        if isinstance(_array_metadata, Unset):
            array_metadata = UNSET
        else:
            array_metadata = ArrayInfo.from_dict(_array_metadata)

        _asset = d.pop("asset", UNSET)
        asset: TaskAsset | Unset
        if isinstance(_asset, Unset):
            asset = UNSET
        else:
            asset = TaskAsset.from_dict(_asset)

        _subarray = d.pop("subarray", UNSET)
        subarray: DomainArray | Unset
        if isinstance(_subarray, Unset):
            subarray = UNSET
        else:
            subarray = DomainArray.from_dict(_subarray)

        memory = d.pop("memory", UNSET)

        cpu = d.pop("cpu", UNSET)

        _status = d.pop("status", UNSET)
        status: ArrayTaskStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ArrayTaskStatus(_status)

        def _parse_status_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_message = _parse_status_message(d.pop("status_message", UNSET))

        def _parse_start_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_time_type_0 = datetime.datetime.fromisoformat(data)

                return start_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        start_time = _parse_start_time(d.pop("start_time", UNSET))

        def _parse_finish_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finish_time_type_0 = datetime.datetime.fromisoformat(data)

                return finish_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finish_time = _parse_finish_time(d.pop("finish_time", UNSET))

        cost = d.pop("cost", UNSET)

        egress_cost = d.pop("egress_cost", UNSET)

        access_cost = d.pop("access_cost", UNSET)

        _query_type = d.pop("query_type", UNSET)
        query_type: Querytype | Unset
        if isinstance(_query_type, Unset):
            query_type = UNSET
        else:
            query_type = Querytype(_query_type)

        udf_code = d.pop("udf_code", UNSET)

        udf_language = d.pop("udf_language", UNSET)

        sql_query = d.pop("sql_query", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: ArrayTaskType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = ArrayTaskType(_type_)

        _activity = d.pop("activity", UNSET)
        activity: list[ArrayActivityLog] | Unset = UNSET
        if _activity is not UNSET:
            activity = []
            for activity_item_data in _activity:
                activity_item = ArrayActivityLog.from_dict(activity_item_data)

                activity.append(activity_item)

        logs = d.pop("logs", UNSET)

        duration = d.pop("duration", UNSET)

        sql_init_commands = cast(list[str], d.pop("sql_init_commands", UNSET))

        sql_parameters = cast(list[Any], d.pop("sql_parameters", UNSET))

        _result_format = d.pop("result_format", UNSET)
        result_format: ResultFormat | Unset
        if isinstance(_result_format, Unset):
            result_format = UNSET
        else:
            result_format = ResultFormat(_result_format)

        task_graph_uuid = d.pop("task_graph_uuid", UNSET)

        client_node_uuid = d.pop("client_node_uuid", UNSET)

        cloud_provider = d.pop("cloud_provider", UNSET)

        cloud_region = d.pop("cloud_region", UNSET)

        array_task = cls(
            id=id,
            name=name,
            username=username,
            description=description,
            namespace=namespace,
            array_metadata=array_metadata,
            asset=asset,
            subarray=subarray,
            memory=memory,
            cpu=cpu,
            status=status,
            status_message=status_message,
            start_time=start_time,
            finish_time=finish_time,
            cost=cost,
            egress_cost=egress_cost,
            access_cost=access_cost,
            query_type=query_type,
            udf_code=udf_code,
            udf_language=udf_language,
            sql_query=sql_query,
            type_=type_,
            activity=activity,
            logs=logs,
            duration=duration,
            sql_init_commands=sql_init_commands,
            sql_parameters=sql_parameters,
            result_format=result_format,
            task_graph_uuid=task_graph_uuid,
            client_node_uuid=client_node_uuid,
            cloud_provider=cloud_provider,
            cloud_region=cloud_region,
        )

        array_task.additional_properties = d
        return array_task

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
