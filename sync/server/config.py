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
    for development. storage_dir: page images by content hash. admin_token: the shared
    administrator token: on the admin API it issues enrolment codes, revokes offices, records
    central decisions, exports (default: $DAFTAR_ADMIN_TOKEN, else a random one printed at
    start; never an office's); it signs in at /admin only while the server has no named operator
    (sync.server.operators, who have their own passwords and API tokens). test_hooks: enables /v1/test/* fault injection (never in production).
    """

    database_url: str
    storage_dir: Path
    admin_token: str = field(default_factory=lambda: os.environ.get("DAFTAR_ADMIN_TOKEN") or secrets.token_urlsafe(24))
    test_hooks: bool = False
    # refused batches kept for the operator (sync_refusal): the newest `refusals_keep`, none older
    # than `refusals_days` days (pruned at start and whenever one is written; 0: no such bound)
    refusals_keep: int = 10000
    refusals_days: int = 365
    enrol_failures_per_hour: int = 10  # failed enrolments per client address and per office name (0: no limit)
    admin_idle_minutes: float = 30  # the /admin page's sign-in ends after this long unused
    admin_session_hours: float = 8  # and this long after it was made, used or not
    max_image_bytes: int = 200 * 1024 * 1024
    changes_page: int = 500
    # an upload (a page image, a large batch's body) no stored batch names and nothing was written
    # to for this many days is discarded (sync.server.uploads), at start and every
    # `upload_sweep_hours` hours; 0: never
    upload_days: float = 30
    upload_sweep_hours: float = 6
    review_page: int = 50  # entries a page of the admin site's review lists (a next-page link for more)

    def __post_init__(self) -> None:
        self.storage_dir = Path(self.storage_dir)
        if len(self.admin_token) < 16:
            raise ValueError("the admin token must have at least 16 characters")
        if self.refusals_keep < 0 or self.refusals_days < 0:
            raise ValueError("the refused batches kept (--keep-refusals, --refusal-days) cannot be negative")
        if self.enrol_failures_per_hour < 0:
            raise ValueError("--enrol-failures cannot be negative (0: no limit)")
        if self.upload_days < 0:
            raise ValueError("--upload-days cannot be negative (0: uploads are never discarded)")
        if self.upload_sweep_hours <= 0:
            raise ValueError("the sweep of old uploads needs a positive interval (upload_sweep_hours)")
