"""The central sync server (FastAPI). `create_app(Settings(...))`; `daftar server` runs it."""

from sync.server.app import create_app
from sync.server.config import Settings

__all__ = ["create_app", "Settings"]
