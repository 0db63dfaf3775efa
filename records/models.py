"""SQLAlchemy 2 typed models of a Daftar workspace.

Nothing is deleted in place: a correction is a new FieldValue row (the newest row per
entry and field is current, marked `current=True`); an approved entry that changes gets a
new version. Schema changes go through Alembic (records/migrations).
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def new_uuid() -> str:
    return str(uuidlib.uuid4())


class Base(DeclarativeBase):
    pass


class Office(Base):
    """This installation: its identity, keys and enrolment with the central server."""

    __tablename__ = "office"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    name: Mapped[str] = mapped_column(String(200))
    district: Mapped[str] = mapped_column(String(100), default="")
    tehsil: Mapped[str] = mapped_column(String(100), default="")
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    signing_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    server_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    device_token: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class User(Base):
    __tablename__ = "user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))  # clerk|supervisor|revenue_officer|admin
    password_hash: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str] = mapped_column(String(5), default="ur")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Register(Base):
    """One bound register volume: a template kind for one mauza and year."""

    __tablename__ = "register"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    template_id: Mapped[str] = mapped_column(String(50))
    template_version: Mapped[int] = mapped_column(Integer, default=1)
    template_json: Mapped[dict | None] = mapped_column(JSON, nullable=True)  # frozen copy
    district: Mapped[str] = mapped_column(String(100))
    tehsil: Mapped[str] = mapped_column(String(100))
    mauza: Mapped[str] = mapped_column(String(100))
    hadbast_no: Mapped[str] = mapped_column(String(20))
    year: Mapped[str] = mapped_column(String(20))
    volume: Mapped[str] = mapped_column(String(20), default="1")
    header: Mapped[dict] = mapped_column(JSON, default=dict)  # other header fields (harvest...)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("register.id"), nullable=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    pages: Mapped[list[Page]] = relationship(back_populates="register", order_by="Page.page_no")


class Page(Base):
    """A scanned page of a register, its image stored once by content hash."""

    __tablename__ = "page"
    __table_args__ = (UniqueConstraint("register_id", "page_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    register_id: Mapped[int] = mapped_column(ForeignKey("register.id"), index=True)
    page_no: Mapped[int] = mapped_column(Integer)
    image_sha256: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    image_name: Mapped[str] = mapped_column(String(300), default="")  # original file name
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    # OCR: none|queued|running|done|failed
    ocr_status: Mapped[str] = mapped_column(String(20), default="none")
    ocr_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # a built-in register kind whose column headings the page matched clearly better than
    # its register's, as OCR read it (ocr.page_kind): imported into the wrong register?
    looks_like: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # workflow: draft|submitted|returned|approved|verified|batched|sent|accepted|rejected
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    register: Mapped[Register] = relationship(back_populates="pages")


class Entry(Base):
    """One row of a register, with a stable UUID and a version that grows after approval."""

    __tablename__ = "entry"
    __table_args__ = (
        UniqueConstraint("uuid", "version"),
        Index("ix_entry_page_row", "page_id", "row_no"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), default=new_uuid, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    register_id: Mapped[int] = mapped_column(ForeignKey("register.id"), index=True)
    page_id: Mapped[int | None] = mapped_column(ForeignKey("page.id"), nullable=True)
    row_no: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    is_latest: Mapped[bool] = mapped_column(Boolean, default=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    verified_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # denormalised search keys (normalised text), kept current by records services
    search_khewat: Mapped[str] = mapped_column(String(40), default="", index=True)
    search_khasra: Mapped[str] = mapped_column(Text, default="")
    search_owner: Mapped[str] = mapped_column(Text, default="")

    values: Mapped[list[FieldValue]] = relationship(back_populates="entry", order_by="FieldValue.id")


class SearchToken(Base):
    """Khasra numbers of an entry, one row each, indexed so a khasra search never scans.

    A subdivided number also stores its parents: 125/5/1 gives 125/5/1, 125/5 and 125.
    """

    __tablename__ = "search_token"
    entry_id: Mapped[int] = mapped_column(ForeignKey("entry.id"), primary_key=True)
    token: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class FieldValue(Base):
    """One value of a field; corrections append new rows, the raw OCR text is kept forever."""

    __tablename__ = "field_value"
    __table_args__ = (Index("ix_field_value_current", "entry_id", "field", "current"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entry.id"), index=True)
    field: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(Text, default="")  # normalised text as stored
    raw_text: Mapped[str | None] = mapped_column(Text, nullable=True)  # OCR text, never edited
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)  # 0..1 (not arithmetic)
    box: Mapped[list | None] = mapped_column(JSON, nullable=True)  # [x, y, w, h] in image px
    source: Mapped[str] = mapped_column(String(20), default="typed")  # ocr|typed|corrected|copied
    flags: Mapped[list] = mapped_column(JSON, default=list)  # [{"code","severity","message"}]
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    entry: Mapped[Entry] = relationship(back_populates="values")


class AuditEvent(Base):
    """Append-only, hash-chained record of every change (see records/audit.py)."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    username: Mapped[str] = mapped_column(String(80), default="")
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    register_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    page_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    entry_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    field: Mapped[str | None] = mapped_column(String(60), nullable=True)
    old: Mapped[str | None] = mapped_column(Text, nullable=True)
    new: Mapped[str | None] = mapped_column(Text, nullable=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")
    mac: Mapped[str] = mapped_column(String(64), default="")


class Batch(Base):
    """A signed set of approved entries on its way to the central server."""

    __tablename__ = "batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    state: Mapped[str] = mapped_column(String(20), default="open")  # open|sealed|sent|acknowledged|closed
    manifest: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    manifest_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    signature: Mapped[str | None] = mapped_column(String(200), nullable=True)
    audit_head: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sealed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    items: Mapped[list[OutboxItem]] = relationship(back_populates="batch", order_by="OutboxItem.id")


class OutboxItem(Base):
    """One entry version waiting to reach the server; its retry state is written before sending."""

    __tablename__ = "outbox_item"
    __table_args__ = (UniqueConstraint("entry_uuid", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entry.id"))
    entry_uuid: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    content_sha256: Mapped[str] = mapped_column(String(64))
    # queued|uploading|submitted|acknowledged|accepted|rejected|conflict|failed|superseded
    state: Mapped[str] = mapped_column(String(20), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    server_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    receipt: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    decision_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    batch: Mapped[Batch] = relationship(back_populates="items")


class SyncState(Base):
    """Key/value sync bookkeeping: change cursor, last success, pause flag."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class ImportedExport(Base):
    """A JSON export imported into this workspace (`records.exports.json_export.import_json`):
    the same file, or an older export of the same office, is refused when offered again."""

    __tablename__ = "imported_export"
    id: Mapped[int] = mapped_column(primary_key=True)
    # the file's `export_id`; "sha256:<hex>" of its signed content for an export without one
    # (a Daftar before export ids); "audit:<event id>" for an import recorded only in the trail
    export_id: Mapped[str] = mapped_column(String(100), unique=True)
    content_sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    office_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)  # None: unsigned
    office_name: Mapped[str] = mapped_column(String(200), default="")
    key_fingerprint: Mapped[str | None] = mapped_column(String(40), nullable=True)
    exported_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    export_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the file's; None: before numbers
    # how many restores from a backup the exporting workspace had been through (`export_epoch`),
    # and when the last was made (the file's `restored.at`); None: an export made before epochs
    export_epoch: Mapped[int | None] = mapped_column(Integer, nullable=True)
    office_restored_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    file_name: Mapped[str] = mapped_column(String(500), default="")
