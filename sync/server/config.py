"""Server settings: one dataclass, filled by `daftar server` flags or by tests."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Settings:
    """Where the server keeps its data and who may administer it.

    database_url: ``postgresql+psycopg://user@host:port/db`` in production; ``sqlite:///file``
    for development. storage_dir: page images by content hash. admin_token: the operator's:
    issues enrolment codes, revokes offices, records central decisions, exports (default:
    $DAFTAR_ADMIN_TOKEN, else a random one printed at start; never an office's). test_hooks: enables /v1/test/* fault injection (never in production).
    """

    database_url: str
    storage_dir: Path
    admin_token: str = field(default_factory=lambda: os.environ.get("DAFTAR_ADMIN_TOKEN") or secrets.token_urlsafe(24))
    test_hooks: bool = False
    max_image_bytes: int = 200 * 1024 * 1024
    changes_page: int = 500

    def __post_init__(self) -> None:
        self.storage_dir = Path(self.storage_dir)
        if len(self.admin_token) < 16:
            raise ValueError("the admin token must have at least 16 characters")
