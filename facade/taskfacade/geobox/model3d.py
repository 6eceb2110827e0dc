"""``geobox.model3d``'s ``Model`` at the SDK's module path (``Task.output_asset``)."""

from ._assets import Model

__all__ = ["Model"]
