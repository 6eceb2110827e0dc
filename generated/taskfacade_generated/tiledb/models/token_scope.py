from enum import StrEnum
from typing import Self


class TokenScope(StrEnum):
    ARRAYADMIN = "array:admin"
    ARRAYREAD = "array:read"
    ARRAYREAD_WRITE = "array:read-write"
    CONFIRM_EMAIL = "confirm_email"
    GROUPADMIN = "group:admin"
    GROUPREAD = "group:read"
    GROUPREAD_WRITE = "group:read-write"
    ORGANIZATIONADMIN = "organization:admin"
    ORGANIZATIONREAD = "organization:read"
    ORGANIZATIONREAD_WRITE = "organization:read-write"
    PASSWORD_RESET = "password_reset"
    USERADMIN = "user:admin"
    USERREAD = "user:read"
    USERREAD_WRITE = "user:read-write"
    VALUE_2 = "*"

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
