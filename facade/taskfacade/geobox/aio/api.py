"""``geobox.aio.api`` at the vendor's module path: ``from taskfacade.geobox.aio.api import AsyncGeoboxClient``."""

from ._client import AsyncGeoboxClient

__all__ = ["AsyncGeoboxClient"]
