"""The corpus store: articles, statements and actors across a whole corpus (SQLite or PostgreSQL)."""

from __future__ import annotations

from .gazetteer import load_gazetteer
from .link import relink
from .store import DEFAULT_DB, Store, database_url

__all__ = ["DEFAULT_DB", "Store", "database_url", "load_gazetteer", "relink"]
