"""Airflow names that moved between 3.x releases, imported from where this Airflow has them.

Airflow 3.2 moved the task exceptions to ``airflow.sdk.exceptions`` (``airflow.exceptions`` still answers, with a
deprecation warning); 3.0 has them only in ``airflow.exceptions``. ``amask_secret`` (adding a log mask from async
code without blocking on the supervisor) is newer than 3.0 too.
"""

from __future__ import annotations

__all__ = ["AirflowException", "AirflowFailException", "AirflowNotFoundException", "amask_secret", "mask_secret"]

try:
    from airflow.sdk.exceptions import AirflowException, AirflowFailException, AirflowNotFoundException
except ImportError:  # Airflow 3.0/3.1
    from airflow.exceptions import (  # type: ignore[attr-defined,no-redef,unused-ignore]
        AirflowException,
        AirflowFailException,
        AirflowNotFoundException,
    )

try:
    from airflow.sdk.log import amask_secret, mask_secret
except ImportError:  # Airflow 3.0: adding a mask does no I/O outside a task there
    from airflow.sdk.execution_time.secrets_masker import mask_secret  # type: ignore[no-redef,unused-ignore]

    async def amask_secret(secret: str, name: str | None = None) -> None:  # type: ignore[misc,unused-ignore]
        """``mask_secret`` for async code."""
        mask_secret(secret, name)
