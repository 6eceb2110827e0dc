"""taskfacade_jobs: a fifth service for taskfacade, written as a plug-in (docs/adding-a-service.md).

A generic jobs API (list with paging, get, cancel, batch get of up to 50 ids), carried through every layer the
way an outside team would carry its own service, without editing taskfacade:

- ``openapi/jobs.yaml`` (beside this package): the contract;
- ``generated/``: the low-level client, from ``scripts/generate.py --spec ... --out ...`` (never edited by hand);
- ``facade/``: ``JobsClient`` and ``JobsJob`` (a ``taskfacade.Job``) on the core transport, pager and errors, and
  ``SERVICE`` (a ``taskfacade.ServiceInfo``);
- ``emulator/``: the service as the taskfacade emulator serves it (``Service``), on the emulator clock;
- ``cli/``: ``taskfacade tasks list|show|wait|cancel jobs`` (``SERVICE``, a ``taskfacade_cli.CliService``).

The layers keep taskfacade's import rules: ``facade`` never imports ``emulator`` or ``cli``, ``emulator`` never
imports ``facade`` or ``cli``, and ``generated`` imports nothing of this package but itself.
"""
