from enum import StrEnum
from typing import Self


class NamespaceActions(StrEnum):
    CREATE = "create"
    DELETE = "delete"
    DELETE_ORGANIZATION = "delete_organization"
    EDIT = "edit"
    EDIT_BILLING = "edit_billing"
    EDIT_ORGANIZATION = "edit_organization"
    READ = "read"
    READ_ARRAY_LOGS = "read_array_logs"
    READ_JOB_LOGS = "read_job_logs"
    READ_OBJECT_LOGS = "read_object_logs"
    RUN_JOB = "run_job"
    WRITE = "write"

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
