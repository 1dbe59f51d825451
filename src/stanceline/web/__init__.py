"""The web dashboard and JSON API (``stanceline serve``): FastAPI, Jinja2 templates, plotly charts."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
