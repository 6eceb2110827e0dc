"""Low-level clients generated from openapi/ by scripts/generate.py. Never edit by hand."""
