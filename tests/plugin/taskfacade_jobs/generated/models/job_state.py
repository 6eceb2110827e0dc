from enum import StrEnum
from typing import Self


class JobState(StrEnum):
    CANCELLED = "CANCELLED"
    FAILED = "FAILED"
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"

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
