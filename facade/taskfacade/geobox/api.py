"""``geobox.api`` at the SDK's module path: ``from taskfacade.geobox.api import GeoboxClient``."""

from ._client import DEFAULT_HOST, GeoboxClient

__all__ = ["DEFAULT_HOST", "GeoboxClient"]
