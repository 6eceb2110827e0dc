"""``geobox.aio.task`` at the vendor's module path: ``from taskfacade.geobox.aio.task import AsyncTask``."""

from ._task import AsyncTask

__all__ = ["AsyncTask"]
