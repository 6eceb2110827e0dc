"""``tensorbay.client`` at the SDK's module path: ``from taskfacade.tensorbay.client import GAS``.

The job classes are in ``taskfacade.tensorbay.client.job`` and ``Draft`` in ``taskfacade.tensorbay.client.struct``,
where the SDK keeps them. The SDK's ``config`` and ``profile`` (its global request settings and the ``~/.gasconfig``
reader) have no counterpart: a ``GAS`` takes ``retry_mode=`` and ``timeout=`` instead (see docs/tensorbay.md).
"""

from .._gas import GAS

__all__ = ["GAS"]
