"""A workspace: one folder holding the SQLite database, page images and backups.

`Workspace.open(path, create=True)` gives a migrated, ready store. The database runs in
WAL mode with synchronous=FULL and foreign keys on. A workspace on a network share is
refused: SQLite's locking is not safe there. While open it holds a shared lock on its
`daftar.lock` file (`records.workspace_lock`), which a restore over the folder tests first.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from records.images import ImageStore
from records.workspace_lock import WorkspaceInUse, hold_open, release

DB_NAME = "daftar.sqlite"
IMAGES_DIR = "images"
BACKUPS_DIR = "backups"
KEYS_DIR = "keys"
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "9p", "afs", "ncpfs", "davfs", "fuse.davfs2", "glusterfs", "ceph", "fuse.rclone"}


class WorkspaceError(RuntimeError):
    """A workspace that cannot be used; the message says which file and what to do."""


def default_workspace_dir() -> Path:
    """DAFTAR_HOME, else the platform's per-user data folder."""
    env = os.environ.get("DAFTAR_HOME")
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("Daftar", appauthor=False))


def filesystem_type(path: Path) -> str:
    """File system type of the mount holding `path` ('' when unknown)."""
    if sys.platform.startswith("win"):
        s = str(path.resolve())
        if s.startswith("\\\\"):
            return "smb"
        try:
            import ctypes

            drive = os.path.splitdrive(s)[0] + "\\"
            if ctypes.windll.kernel32.GetDriveTypeW(drive) == 4:  # DRIVE_REMOTE
                return "smb"
        except Exception:  # pragma: no cover - windows only
            return ""
        return ""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return ""
    target = str(path.resolve())
    best, fstype = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mnt = parts[1].replace("\\040", " ")
        if (target == mnt or target.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best):
            best, fstype = mnt, parts[2]
    return fstype


def is_network_path(path: Path) -> bool:
    return filesystem_type(path) in NETWORK_FS or filesystem_type(path) == "smb"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def connect_raw(db_path: Path, key: bytes | None = None, *, timeout: float = 30, **kw):
    """A DB-API connection to a workspace database: sqlite3, or SQLCipher keyed with `key`."""
    if key is None:
        return sqlite3.connect(db_path, timeout=timeout, **kw)
    import sqlcipher3

    from records.crypto import sqlcipher_key

    con = sqlcipher3.connect(str(db_path), timeout=timeout, **kw)
    con.execute("PRAGMA cipher_log_level = NONE")
    con.execute(f"PRAGMA key = {sqlcipher_key(key)}")
    return con


def make_engine(db_path: Path, key: bytes | None = None) -> Engine:
    """SQLAlchemy engine for a workspace database with Daftar's pragmas (SQLCipher when keyed)."""
    extra = {}
    if key is not None:
        extra["creator"] = lambda: connect_raw(db_path, key, check_same_thread=False)
    engine = create_engine(
        f"sqlite:///{db_path}",
        json_serializer=lambda o: json.dumps(o, ensure_ascii=False),
        **extra,
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


# How long opening waits for another program's write lock before saying it is in use.
OPEN_LOCK_TIMEOUT = 5.0


def _probe_write_lock(db_path: Path, key: bytes | None = None) -> None:
    """Take and release the write lock once, so a workspace held by another program is
    reported on open (in WAL mode reads succeed even while another connection holds
    `BEGIN EXCLUSIVE`; only the first write would fail, much later)."""
    con = connect_raw(db_path, key, timeout=OPEN_LOCK_TIMEOUT, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
    finally:
        con.close()


def _explain(db_path: Path, exc: Exception) -> WorkspaceError:
    msg = str(getattr(exc, "orig", exc)).lower()
    if "locked" in msg or "busy" in msg:
        return WorkspaceError(
            f"{db_path} is in use by another program (another Daftar window, a backup or a copy). "
            "Close it and try again."
        )
    if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
        return WorkspaceError(
            f"{db_path} is damaged or is not a Daftar database. Nothing was changed. "
            "Restore the latest backup with `daftar restore BACKUP --workspace DIR`."
        )
    if "disk is full" in msg or "disk i/o error" in msg:
        return WorkspaceError(
            f"{db_path} cannot be written: the disk holding it is full or failing ({getattr(exc, 'orig', exc)}). "
            "Free some space on that disk and try again; nothing was changed."
        )
    if "unable to open" in msg or "readonly" in msg or "read-only" in msg:
        return WorkspaceError(f"{db_path} cannot be opened for writing: check the folder's permissions.")
    return WorkspaceError(f"{db_path}: {getattr(exc, 'orig', exc)}")


class WorkspaceLocked(WorkspaceError):
    """An encrypted workspace opened without its key: sign in first."""


def _private_folder(root: Path) -> None:
    """A folder made for a new workspace for this account only (a folder that already held
    something, such as a home folder given as the place, keeps its permissions)."""
    if os.name == "posix" and not any(root.iterdir()):
        os.chmod(root, 0o700)


def _private(root: Path, db_path: Path) -> None:
    """A new workspace's folder and database file for this user's account only (0700 and
    0600 on POSIX; SQLite gives its -wal and -shm files the database file's mode): records
    and password hashes are not for every account of a shared PC to read."""
    if os.name != "posix":
        return
    _private_folder(root)
    os.close(os.open(db_path, os.O_CREAT | os.O_WRONLY, 0o600))  # SQLite takes an empty file as new
    os.chmod(db_path, 0o600)


class Workspace:
    """An open workspace: paths, the database engine and sessions.

    An encrypted workspace (keys/slots.json present) needs its workspace key, obtained with
    `unlock(root, username, password)` or `unlock_recovery(root, code)`: the database is
    SQLCipher, page images AES-GCM, and the audit MAC key is derived from the same key.
    """

    def __init__(self, root: Path, engine: Engine, key: bytes | None = None):
        self.root = root
        self.engine = engine
        self.key = key
        if key is None:
            self.audit_key = self._load_or_create_key("audit.key")
            cipher = None
        else:
            from records.crypto import ImageCipher, derive

            self.audit_key = derive(key, "audit")
            cipher = ImageCipher(key)
        from records.audit import ANCHOR_FILE, ANCHOR_INFO

        self.Session = sessionmaker(engine, expire_on_commit=False, info={
            "audit_key": self.audit_key, ANCHOR_INFO: root / KEYS_DIR / ANCHOR_FILE})
        self.images = ImageStore(root / IMAGES_DIR, cipher=cipher)
        self.images.clean_partial()
        self.upgrade_backup: str | None = None  # backup taken before a schema upgrade on open
        self.anchor_first_use: int | None = None  # the event the audit anchor was first written for on open
        self.schema_revision: str | None = None  # the Alembic revision checked (and upgraded to) on open
        self._open_lock = None  # the shared lock of `records.workspace_lock` while open

    def _load_or_create_key(self, name: str) -> bytes:
        """A 32-byte secret kept in the workspace's keys/ folder (created once)."""
        keys = self.root / KEYS_DIR
        path = keys / name
        if path.is_file():
            return path.read_bytes()
        keys.mkdir(exist_ok=True)
        key = secrets.token_bytes(32)
        tmp = path.with_suffix(".part")
        with open(tmp, "wb") as f:
            f.write(key)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        try:
            os.chmod(path, 0o600)
        except OSError:  # pragma: no cover
            pass
        return key

    # -- paths -------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def images_dir(self) -> Path:
        return self.root / IMAGES_DIR

    @property
    def backups_dir(self) -> Path:
        return self.root / BACKUPS_DIR

    # -- opening -----------------------------------------------------------
    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def connect_raw(self, path: Path | None = None, **kw):
        """A DB-API connection to this workspace's database (or a copy of it at `path`)."""
        return connect_raw(path or self.db_path, self.key, **kw)

    @classmethod
    def exists(cls, root: Path) -> bool:
        return (Path(root) / DB_NAME).is_file()

    @classmethod
    def is_encrypted(cls, root: str | Path | None = None) -> bool:
        from records.crypto import KeySlots

        root = Path(root) if root is not None else default_workspace_dir()
        return KeySlots.exists(root.expanduser() / KEYS_DIR)

    @classmethod
    def unlock(cls, root: str | Path | None, username: str, password: str) -> bytes:
        """The workspace key from a user's slot (raises records.crypto.WrongPassword)."""
        from records.crypto import KeySlots

        root = Path(root) if root is not None else default_workspace_dir()
        return KeySlots.load(root.expanduser() / KEYS_DIR).unlock(username, password)

    @classmethod
    def unlock_recovery(cls, root: str | Path | None, code: str) -> bytes:
        from records.crypto import KeySlots

        root = Path(root) if root is not None else default_workspace_dir()
        return KeySlots.load(root.expanduser() / KEYS_DIR).unlock_recovery(code)

    @classmethod
    def create_encrypted(cls, root: str | Path, *, admin_username: str, admin_password: str,
                         kdf: dict | None = None) -> tuple[Workspace, str]:
        """Make a new encrypted workspace with its first administrator.

        Returns the open workspace and the recovery code, to be printed once and kept safe.
        """
        from records import accounts
        from records.crypto import KeySlots, new_workspace_key

        root = Path(root).expanduser()
        if (root / DB_NAME).exists():
            raise WorkspaceError(f"{root} already holds a workspace")
        key = new_workspace_key()
        try:
            root.mkdir(parents=True, exist_ok=True)
            _private_folder(root)
        except OSError as e:
            raise WorkspaceError(f"Cannot create the workspace folder {root}: {e.strerror}") from None
        slots = KeySlots.create(root / KEYS_DIR, key, kdf=kdf)
        slots.add_user(admin_username, admin_password, key)
        code = slots.set_recovery(key)
        ws = cls.open(root, create=True, key=key)
        with ws.session() as s:
            accounts.create_user(s, actor=None, username=admin_username, password=admin_password, role="admin")
        return ws, code

    @property
    def slots(self):
        from records.crypto import KeySlots

        return KeySlots.load(self.root / KEYS_DIR)

    @classmethod
    def open(cls, root: str | Path | None = None, *, create: bool = False, migrate: bool = True,
             key: bytes | None = None, anchor: bool = True, probe_write: bool = True,
             schema: str | None = None) -> Workspace:
        """Open (and with create=True, make) a workspace; upgrade an older one after a backup.

        A trail with events but no anchor of its end (keys/audit-anchor.json: a workspace from
        before the anchor existed) gets one now, unless `anchor` is False: trust on first use
        (`records.audit.anchor_on_first_use`; `audit.verify` warns in this process).
        `probe_write` False: no wait for the write lock on opening (a job process of the app,
        which has the workspace open already: a long write of the app is no other program).
        `schema` (with `migrate` False): the schema revision the opener expects (the app's,
        `schema_revision`, which it checked and upgraded on its own opening); a database at
        another one (restored or upgraded underneath the app) is refused, never migrated."""
        root = Path(root) if root is not None else default_workspace_dir()
        root = root.expanduser()
        db_path = root / DB_NAME
        if key is None and cls.is_encrypted(root):
            raise WorkspaceLocked(f"The workspace {root} is encrypted: sign in with your user name and password to open it.")
        new = not db_path.exists()
        if new:
            if not create:
                raise WorkspaceError(
                    f"No Daftar workspace at {root}. Create one with `daftar demo` or open the app."
                )
            try:
                root.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise WorkspaceError(f"Cannot create the workspace folder {root}: {e.strerror}") from None
        if is_network_path(root):
            raise WorkspaceError(
                f"{root} is on a network share ({filesystem_type(root)}). A workspace must be on "
                "this computer's own disk: SQLite cannot lock files safely over a network. "
                "Choose a local folder and use `daftar backup` to copy it to the share."
            )
        if new:
            _private(root, db_path)
        (root / IMAGES_DIR).mkdir(exist_ok=True)
        try:
            open_lock = hold_open(root)
        except WorkspaceInUse as e:
            raise WorkspaceError(str(e)) from None
        try:
            ws = cls._open_locked(root, db_path, migrate=migrate, key=key, probe_write=probe_write)
            if schema is not None and not migrate:
                ws._check_schema(schema)
            if migrate and anchor:
                ws.anchor_on_first_use()
                ws.record_restore()
        except BaseException:
            release(open_lock)
            raise
        ws._open_lock = open_lock
        return ws

    @classmethod
    def _open_locked(cls, root: Path, db_path: Path, *, migrate: bool, key: bytes | None,
                     probe_write: bool = True) -> Workspace:
        """`open`'s checks of the database, and the upgrade, with the open lock held."""
        if db_path.is_file() and db_path.stat().st_size == 0:
            # SQLite would take an empty file for a new database and migrate it: the
            # registers would silently vanish while their page images are still here.
            n = len(ImageStore(root / IMAGES_DIR).all_hashes())
            if n:
                raise WorkspaceError(
                    f"{db_path} is empty (0 bytes) but the workspace holds {n} page image(s): the "
                    "database was damaged. Nothing was changed. Restore the latest backup with "
                    "`daftar restore BACKUP --workspace DIR --force`."
                )
        engine = make_engine(db_path, key)
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
            if probe_write:
                _probe_write_lock(db_path, key)
        except (DatabaseError, OperationalError, sqlite3.Error) as e:
            engine.dispose()
            if key is not None and "not a database" in str(getattr(e, "orig", e)).lower():
                raise WorkspaceError(f"{db_path} cannot be decrypted with this key, or it is damaged. Nothing was changed.") from None
            raise _explain(db_path, e) from None
        except Exception as e:  # sqlcipher3 raises its own DatabaseError class
            engine.dispose()
            if type(e).__module__.startswith("sqlcipher3"):
                raise WorkspaceError(f"{db_path} cannot be decrypted with this key, or it is damaged. Nothing was changed.") from None
            raise
        ws = cls(root, engine, key)
        if migrate:
            from records.migrate import upgrade_workspace

            try:
                ws.upgrade_backup = upgrade_workspace(ws)
            except (DatabaseError, OperationalError) as e:
                engine.dispose()
                raise _explain(db_path, e) from None
            except WorkspaceError:
                engine.dispose()
                raise
            ws.schema_revision = ws._read_schema()
        return ws

    def _read_schema(self) -> str | None:
        """The database's Alembic revision (one small read; None before the first migration)."""
        with self.engine.connect() as conn:
            try:
                return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            except OperationalError:  # no such table
                return None

    def _check_schema(self, expected: str) -> None:
        """Refuse a database whose schema is not `expected` (closing the engine first)."""
        try:
            found = self._read_schema()
        except (DatabaseError, OperationalError) as e:
            self.engine.dispose()
            raise _explain(self.db_path, e) from None
        if found != expected:
            self.engine.dispose()
            raise WorkspaceError(
                f"{self.db_path} changed while Daftar had it open: its schema is now {found or 'none'}, "
                f"not {expected} (another program restored or upgraded it). Nothing was done; "
                "close Daftar and open the workspace again."
            )

    def anchor_on_first_use(self) -> int | None:
        """Write the audit anchor of a trail that has events but none (trust on first use,
        recorded in the trail; see `records.audit.anchor_on_first_use`); its sessions' `verify`
        then warns that events deleted from the end before now cannot be seen."""
        from records.audit import ANCHOR_FIRST_USE, anchor_on_first_use

        with self.session() as s:
            n = anchor_on_first_use(s)
        if n is not None:
            self.anchor_first_use = n
            self.Session.kw["info"][ANCHOR_FIRST_USE] = n
        return n

    def record_restore(self):
        """Record in the trail the restore from a backup that made this workspace, if it was
        not yet (`records.restores.record_pending`: the note `restore_backup` left); the
        `records.restores.Restore` recorded, or None."""
        from records.restores import record_pending

        return record_pending(self)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        s = self.Session()
        try:
            yield s
            s.commit()
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    def close(self) -> None:
        self.engine.dispose()
        release(self._open_lock)
        self._open_lock = None

    # -- backups -----------------------------------------------------------
    def backup_database(self, dest: Path) -> Path:
        """Consistent copy of the database with SQLite's online backup (safe while in use)."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        src = self.connect_raw(timeout=30)
        try:
            out = self.connect_raw(dest)  # an encrypted workspace's backup stays encrypted
            try:
                src.backup(out)
            finally:
                out.close()
        finally:
            src.close()
        return dest

    def timestamped_backup_path(self, label: str) -> Path:
        """A new file in backups/ named by `label` and this computer's clock, never one there
        already: a clock that lost its date (it starts at the same 2010 moment at every boot)
        would otherwise name a backup as an earlier one and write over it."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path, n = self.backups_dir / f"{label}-{stamp}.sqlite", 1
        while path.exists():
            n += 1
            path = self.backups_dir / f"{label}-{stamp}-{n}.sqlite"
        return path
