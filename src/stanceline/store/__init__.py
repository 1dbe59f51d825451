"""The corpus store: articles, statements and actors across a whole corpus (SQLite or PostgreSQL)."""

from __future__ import annotations

from .gazetteer import load_gazetteer
from .link import relink
from .store import DATABASE_ERRORS, DEFAULT_DB, Store, database_url, storage_error

__all__ = [
    "DATABASE_ERRORS",
    "DEFAULT_DB",
    "Store",
    "database_url",
    "load_gazetteer",
    "relink",
    "storage_error",
]
