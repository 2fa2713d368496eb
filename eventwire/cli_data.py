"""CLI commands over the stored data (aggregation, relations, exports)."""

from __future__ import annotations

from .cli import app  # noqa: F401  (commands below register on it)
