"""HTTP API (FastAPI) and the offline dashboard over a knowledge base opened read-only."""

from bellum.server.app import create_app, serve

__all__ = ["create_app", "serve"]
