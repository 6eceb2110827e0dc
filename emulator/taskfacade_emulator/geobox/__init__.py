"""The Geobox emulator, served under ``/geobox``: the paths of openapi/geobox.yaml (``/geobox/v1/tasks/`` ...).

What it does, in Geobox's own terms:

- Auth: ``Authorization: Bearer <token>`` (the configured token, or one from ``POST /v1/auth/token/`` with the
  configured username/password as an OAuth2 password form), else the ``apikey`` query parameter. Refusals are
  401 ``{"detail": "Not authenticated"}`` (or "Could not validate credentials" / "Invalid API key") with
  ``WWW-Authenticate: Bearer``. Every credential acts as user 1, who may use ``user_id``.
- Tasks follow the shared schedule: PENDING (queued), PROGRESS (running; ``/status/`` counts current/total
  work units), then SUCCESS, FAILURE (``result.errors`` and ``result.detail.msg``) or ABORTED.
- Abort: PENDING or PROGRESS becomes ABORTED at once; ABORTED again is a no-op; SUCCESS or FAILURE is a 409.
- A successful task of an asset kind has ``result.<kind>_uuid``; that asset's GET answers 404 until then.
- Listing: ``state``, ``q`` (a CQL subset, see ``_cql``), ``search``/``search_fields``, ``order_by``,
  ``return_count``, ``skip``/``limit`` (default 10), ``user_id``, ``shared``. Bad types are FastAPI 422 lists,
  unusable values (CQL, order_by, search_fields) 400 ``{"detail": "..."}``.
- Seed: ``ctx.count_for("geobox")`` tasks over the last 30 days (see ``_seed``). ``POST /_emulator/tasks`` takes
  ``asset`` (vector, raster, model, file, 3dtiles, table or none; default vector), ``name``, ``user_id`` and
  ``shared`` besides the common fields.
- Faults: ``unknown_enum`` changes ``state``, ``layer_type`` and ``file_type`` values and renames a result's
  asset key to ``pointcloud_uuid`` (an asset kind no client knows).
"""

from ._service import Service

__all__ = ["Service"]
