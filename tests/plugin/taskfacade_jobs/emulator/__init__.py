"""The jobs service in the taskfacade emulator: ``Service`` (a ``taskfacade_emulator.ServiceEmulator``), mounted
at ``/jobs``, with jobs on the shared lifecycle and the emulator clock."""

from ._service import DEFAULT_TOKEN, JobsCredentials, Service

__all__ = ["DEFAULT_TOKEN", "JobsCredentials", "Service"]
