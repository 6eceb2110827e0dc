from enum import StrEnum
from typing import Self


class ActivityEventType(StrEnum):
    ARRAY_METADATA_GET = "array_metadata_get"
    ARRAY_METADATA_UPDATE = "array_metadata_update"
    CREATE = "create"
    DELETE = "delete"
    DEREGISTER = "deregister"
    ESTIMATED_RESULT_SIZES = "estimated_result_sizes"
    MAX_BUFFER_SIZES = "max_buffer_sizes"
    NON_EMPTY_DOMAIN = "non_empty_domain"
    QUERY_DELETE = "query_delete"
    QUERY_READ = "query_read"
    QUERY_WRITE = "query_write"
    READ_ENUMERATIONS = "read_enumerations"
    READ_FRAGMENT_INFO = "read_fragment_info"
    READ_SCHEMA = "read_schema"
    REGISTER = "register"
    UDF = "udf"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        """Keep a value this client does not know as a pseudo-member named UNKNOWN (an open enum).

        A newer server may send a value that did not exist when this client was generated; failing the
        whole response for it would lose everything else in the body.
        """
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member
