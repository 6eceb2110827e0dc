"""``tensorbay.client.search`` at the SDK's module path: a basic-search job's result."""

from .._structs import FusionSearchResult, SearchResult

__all__ = ["FusionSearchResult", "SearchResult"]
