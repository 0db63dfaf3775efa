"""The server's own tables (separate from the workspace models) and its engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class ServerOffice(Base):
    """An enrolled office: its public signing key and the hash of its device token."""

    __tablename__ = "sync_office"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    district: Mapped[str] = mapped_column(String(100), default="")
    tehsil: Mapped[str] = mapped_column(String(100), default="")
    public_key: Mapped[str] = mapped_column(String(100))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # revoked by the operator: its device token and key are refused until it is enrolled again
    # with a code the operator issues for it
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_reason: Mapped[str] = mapped_column(Text, default="")


class ServerEnrolCode(Base):
    """A one-time enrolment code the operator issued for one office (a new one, or an
    enrolled one getting a new key: `office_id`). Only its hash is kept; it expires, and is
    used once."""

    __tablename__ = "sync_enrol_code"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    district: Mapped[str] = mapped_column(String(100), default="")
    tehsil: Mapped[str] = mapped_column(String(100), default="")
    office_id: Mapped[int | None] = mapped_column(ForeignKey("sync_office.id"), nullable=True)  # re-enrolment
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    used_by: Mapped[int | None] = mapped_column(ForeignKey("sync_office.id"), nullable=True)


class ServerEvent(Base):
    """The server's own audit trail: codes issued, enrolments and re-enrolments (a new key
    for an enrolled office), revocations, batch files imported, decisions, the admin page's
    sign-ins, restores; each written in the transaction of its change, naming who made it
    (`detail["by"]`: docs/sync-api.md, the server's trail)."""

    __tablename__ = "sync_event"
    __table_args__ = (Index("ix_sync_event_action", "action", "id"),)  # the latest restore (s0006)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(40))
    office_uuid: Mapped[str] = mapped_column(String(36), default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class ServerRefusal(Base):
    """A batch the server refused (conflict, bad signature, wrong or revoked office...): what
    the operator watches."""

    __tablename__ = "sync_refusal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    office_uuid: Mapped[str] = mapped_column(String(36), default="", index=True)
    batch_uuid: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(String(20), default="network")  # network|usb
    status: Mapped[int] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text, default="")


class ServerEnrolFailure(Base):
    """A failed enrolment attempt (a wrong, used or expired code...), by client address and
    office name: what limits guessing codes (`ingest.enrol_limited`). Rows older than the
    limit's window are deleted as new ones are written; the refusal itself is in sync_event."""

    __tablename__ = "sync_enrol_failure"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    address: Mapped[str] = mapped_column(String(64), default="", index=True)
    office_name: Mapped[str] = mapped_column(String(200), default="", index=True)


class ServerOperator(Base):
    """A named person of the central office who signs in at /admin (name and password) and may
    have personal API tokens (`ServerOperatorToken`): a `reviewer` decides on entries, an
    `admin` also issues enrolment codes and revokes offices. Made and changed only with
    `daftar server operator ...` on the server's database (sync.server.operators); the
    password an argon2id hash, locked out after wrong passwords as the desktop's accounts are."""

    __tablename__ = "sync_operator"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))  # as given
    name_key: Mapped[str] = mapped_column(String(64), unique=True)  # casefolded: one operator per name
    role: Mapped[str] = mapped_column(String(20))  # reviewer|admin
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # a sign-in made before the password was last set (a reset) has ended
    password_set_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # the password was typed by someone else (`operator add`, `operator password`): at the next
    # sign-in at /admin the operator chooses their own before any page works (API tokens aside)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    last_sign_in: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ServerOperatorFormerName(Base):
    """A name an operator had before `daftar server operator rename`: what they did under it
    stays in the trail by that name, so it stays theirs (no other operator may take it, and the
    trail's readers are told who it is now: `operators.former_names`). Forgotten with the
    operator (`operator remove`, only of one who never acted) or when they take it back."""

    __tablename__ = "sync_operator_former_name"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("sync_operator.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))  # as it was
    name_key: Mapped[str] = mapped_column(String(64), unique=True)  # casefolded, as sync_operator.name_key
    until: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)  # when it was changed


class ServerOperatorToken(Base):
    """An operator's personal API token: only its SHA-256 is kept (it is shown once), and a
    short fingerprint the trail names it by. Refused once revoked or its operator disabled."""

    __tablename__ = "sync_operator_token"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("sync_operator.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_used: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ServerAdminSession(Base):
    """A browser signed in at /admin: the cookie holds a random id, this row its SHA-256, and
    the operator who signed in (`operator_id`, `operator_name`; none when the shared
    administrator token signed in, which it may only while the server has no operators). It
    ends at Sign out, after `Settings.admin_idle_minutes` unused, `admin_session_hours` after
    the sign-in, when its operator is disabled or given a new password, or (the token's) when
    the administrator token changes (`token_sha256`) or the first operator is made."""

    __tablename__ = "sync_admin_session"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    token_sha256: Mapped[str] = mapped_column(String(64))  # the shared token's hash ("" for an operator)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("sync_operator.id"), nullable=True)
    operator_name: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ServerBatch(Base):
    """One received batch and the receipt returned for it (returned again on a resend)."""

    __tablename__ = "sync_batch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("sync_office.id"), index=True)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    manifest: Mapped[dict] = mapped_column(JSON)
    signature: Mapped[str] = mapped_column(String(200))
    audit_head: Mapped[str] = mapped_column(String(64), default="")
    source: Mapped[str] = mapped_column(String(20), default="network")  # network|usb
    entries: Mapped[int] = mapped_column(Integer, default=0)
    receipt: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ServerEntry(Base):
    """One entry version, stored exactly once: the key is (entry_uuid, version)."""

    __tablename__ = "sync_entry"
    __table_args__ = (UniqueConstraint("entry_uuid", "version", name="uq_sync_entry_key"),
                      Index("ix_sync_entry_state", "state", "id"),  # the review: entries waiting, oldest first
                      Index("ix_sync_entry_batch", "batch_id", "state"),  # a batch's entries waiting
                      # PostgreSQL: the register kind in the document (central._waiting's filter; migration s0004)
                      Index("ix_sync_entry_kind", text("((content -> 'register') ->> 'template_id')"), "state",
                            "id").ddl_if(dialect="postgresql"),
                      Index("ix_sync_entry_office_id_id", "office_id", "id"))  # an office's holdings (s0005)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_uuid: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[dict] = mapped_column(JSON)
    office_id: Mapped[int] = mapped_column(ForeignKey("sync_office.id"), index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("sync_batch.id"))
    state: Mapped[str] = mapped_column(String(20), default="received")  # received|accepted|rejected
    reason: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ServerInstance(Base):
    """One row: the server's epoch, a random id made with its database and made anew when the
    server finds its database restored from a backup (`sync.server.instance`). An office that
    sees another epoch than the one it knew checks at once what the server holds of its entries."""

    __tablename__ = "sync_instance"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    epoch: Mapped[str] = mapped_column(String(36))
    since: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ServerOfficeClock(Base):
    """Each office's latest clock offset as the server measured it (`sync.clocks`): the
    office's clock minus the server's, in whole seconds, and when the server heard it by its
    own clock. Written at most once a minute per office (sooner when the offset moved) and read
    at start, so that a restarted server knows at once whether the offices doubt its clock (s0009)."""

    __tablename__ = "sync_office_clock"
    office_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    offset_seconds: Mapped[int] = mapped_column(BigInteger)
    heard_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC, by the server's clock


class ServerDecision(Base):
    """A central decision; its id is the cursor offices pull with."""

    __tablename__ = "sync_decision"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("sync_office.id"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("sync_entry.id"))
    entry_uuid: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LOCK_ID = 0x0DAF7A5  # PostgreSQL advisory lock: one migrating worker at a time


def migrate(engine: Engine) -> None:
    """Bring the server tables to the newest revision (sync/server/migrations)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_ID})")
        cfg.attributes["connection"] = conn
        names = set(inspect(conn).get_table_names())
        if "sync_office" in names and "sync_alembic_version" not in names:
            command.stamp(cfg, "s0001")  # made by create_all before migrations existed
        command.upgrade(cfg, "head")


class DatabaseUnavailable(RuntimeError):
    """The server's database cannot be used: an address that is not one, or a database that
    does not answer. The message names it (without its password) and says what to do."""


URL_FORM = "postgresql+psycopg://USER@HOST:PORT/DATABASE (or sqlite:///FILE for development)"


def _shown(url: str) -> str:
    """The database address as it may be printed: its password left out."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not an address at all: as given
        return url


def make_engine(url: str) -> Engine:
    """Engine for PostgreSQL (psycopg 3) or SQLite (development), migrated to the newest schema.
    DatabaseUnavailable, in words, when `url` is not a database address or the database
    cannot be reached or opened."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_size=10, max_overflow=40, pool_pre_ping=True, pool_timeout=60)
    except (ArgumentError, NoSuchModuleError):
        raise DatabaseUnavailable(f"{_shown(url)} is not a database address: write {URL_FORM}") from None
    try:
        migrate(engine)
    except OperationalError as e:
        engine.dispose()
        reason = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
        raise DatabaseUnavailable(f"cannot open the database {_shown(url)} ({reason}): {_advice(reason)}") from None
    return engine


PASSWORD_PLACES = ("give the database user's password in $PGPASSWORD or in the file ~/.pgpass "
                   "(%APPDATA%\\postgresql\\pgpass.conf on Windows), PostgreSQL's own places, which keep it out of "
                   "the command line and the list of processes (docs/install.md, A central server on PostgreSQL)")


def _advice(reason: str) -> str:
    """What to do about a database that could not be opened, by PostgreSQL's reason: a password
    it asks for and was not given (the address names none) is no server that is down."""
    if "no password supplied" in reason:
        return f"the database asks for a password and none was given: {PASSWORD_PLACES}"
    if "password authentication failed" in reason:
        return f"the database refused the password: {PASSWORD_PLACES}, and check it"
    return ("check that the database server runs and is reachable from here, and that its user and database (or the "
            "file's folder) exist")


def make_sessionmaker(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, expire_on_commit=False)
