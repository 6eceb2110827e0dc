"""The jobs service in the taskfacade emulator: ``Service`` (a ``taskfacade_emulator.ServiceEmulator``), mounted
at ``/jobs``, with jobs on the shared lifecycle and the emulator clock."""

from ._credentials import DEFAULT_TOKEN, JobsCredentials
from ._service import Service

__all__ = ["DEFAULT_TOKEN", "JobsCredentials", "Service"]
