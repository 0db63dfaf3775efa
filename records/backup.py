"""Backup and restore of a whole workspace as one verifiable .tar file.

A backup holds a consistent copy of the database (SQLite's online backup API, safe while
the app or another process writes), every page image, the keys/ folder (the audit key,
so the audit chain still verifies after a restore) and `manifest.json` with the format
version, Alembic revision, row counts and the sha256 and size of every file. The manifest
is the last member of the archive: a backup that was cut short has none and is refused.

Restore checks everything (hashes, sizes, SQLite integrity) in a staging folder before it
replaces anything; an existing workspace is moved aside, never deleted. Opening the
restored workspace upgrades an older schema (after backing it up).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from records import audit, restores
from records.images import fsync_dir
from records.output_file import inside, missing_folder
from records.workspace import (
    BACKUPS_DIR,
    DB_NAME,
    IMAGES_DIR,
    KEYS_DIR,
    Workspace,
    WorkspaceError,
)
from records.workspace_lock import WorkspaceInUse, hold_alone, release

FORMAT = "daftar-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SUFFIX = ".tar"
_CHUNK = 1 << 20
_COUNTED = ("register", "page", "entry", "field_value", "user", "audit_event", "batch", "outbox_item")


class BackupError(WorkspaceError):
    """A backup that cannot be made or used; the message names the file and what to do."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    revision: str | None
    counts: dict[str, int]
    images: int
    missing_images: tuple[str, ...] = ()
    size: int = 0


@dataclass(frozen=True)
class RestoreResult:
    workspace: Path
    revision: str | None
    counts: dict[str, int]
    images: int
    moved_aside: Path | None = None
    upgrade_backup: str | None = None
    audit_ok: bool = True
    audit_reason: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)
    opened: bool = True  # False: an encrypted backup restored without signing in
    # the restore's generation as its trail recorded it (`records.restores`; 0: not recorded
    # yet, as for an encrypted backup restored without signing in: at the first sign-in)
    restore_epoch: int = 0


def _sha256_file(path: Path) -> tuple[str, int]:
    h, n = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
            n += len(chunk)
    return h.hexdigest(), n


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def default_backup_path(ws: Workspace) -> Path:
    """Where `daftar backup` writes without DEST: the workspace's backups/ folder."""
    return ws.backups_dir / f"daftar-backup-{_stamp()}{SUFFIX}"


def snapshot_info(db_path: Path, connect=None) -> tuple[str | None, dict[str, int], list[str]]:
    """Alembic revision, row counts and referenced image hashes of a database file.

    `connect(path)` opens it (an encrypted workspace's `connect_raw`); default plain SQLite.
    """
    con = connect(db_path) if connect else sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        rev = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            rev = row[0] if row else None
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _COUNTED if t in tables}
        shas = []
        if "page" in tables:
            shas = [r[0] for r in con.execute("SELECT DISTINCT image_sha256 FROM page WHERE image_sha256 IS NOT NULL")]
    finally:
        con.close()
    return rev, counts, shas


def _resolve_dest(ws: Workspace, dest: str | Path | None) -> Path:
    """The backup file to write, as an absolute path (it is what the audit trail and the
    last-backup note record): `dest` itself (.tar added), or a new name in the folder `dest`.
    A folder that is not there is refused, not made: a USB stick or share that is not
    mounted would otherwise get its backup written onto this computer's own disk. So is a
    place inside the workspace folder other than its backups/ folder (its images/ or keys/,
    where Daftar keeps its own files)."""
    path = Path(os.path.abspath(_dest_file(ws, dest)))
    if inside(path, ws.root) and not inside(path, ws.backups_dir):
        raise BackupError(f"{path} is inside the workspace folder {ws.root}, among Daftar's own files: write the "
                          f"backup onto a USB stick or another disk, or into the workspace's {ws.backups_dir.name}/ "
                          "folder. No backup was written.")
    return path


def _dest_file(ws: Workspace, dest: str | Path | None) -> Path:
    """`_resolve_dest`'s file, as given (relative when `dest` is); BackupError when its
    folder is not there (`records.output_file.missing_folder`, as for an export)."""
    if dest is None:
        return default_backup_path(ws)
    said = str(dest)
    dest = Path(dest).expanduser()
    if dest.is_dir() or said.endswith(("/", os.sep)):  # a folder to put a new backup in
        file = dest / f"daftar-backup-{_stamp()}{SUFFIX}"
    else:
        file = dest if dest.suffix == SUFFIX else dest.with_name(dest.name + SUFFIX)
    problem = missing_folder(file)
    if problem:
        raise BackupError(problem)
    return file


def _newest_event(snap: Path, connect=None) -> tuple[int, str] | None:
    """The (id, hash) of the newest audit event in a database copy (None: no events)."""
    con = connect(snap) if connect else sqlite3.connect(f"file:{snap}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        con.close()
    return (int(row[0]), str(row[1])) if row else None


def _damage(snap: Path, connect=None) -> str | None:
    """What SQLite's quick check finds wrong in a database copy (None when it is sound)."""
    try:
        con = connect(snap) if connect else sqlite3.connect(f"file:{snap}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        return str(e)
    except Exception as e:  # sqlcipher3's own DatabaseError
        if type(e).__name__ != "DatabaseError":
            raise
        return str(e)
    from records.health import quick_check_problem

    return quick_check_problem(rows)


def create_backup(ws: Workspace, dest: str | Path | None = None, *, progress=None,
                  remember: bool = True) -> BackupResult:
    """Write a backup of `ws` to `dest` (a .tar file, or a folder to put one in).

    The database copy is one consistent snapshot even while others write; images are
    copied after it, so every page the snapshot knows has its image (images are written
    before their rows commit and never removed). The file appears only when complete.
    `progress(what, done, total)` hears of the database copied ("database") and each page
    image ("images"); what it raises (a stop) leaves nothing behind, as any failure.
    """
    dest = _resolve_dest(ws, dest)
    if dest.exists():
        raise BackupError(f"{dest} already exists: choose another name, nothing was written.")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)  # (the workspace's own backups/ folder)
        tmp_folder = tempfile.TemporaryDirectory(prefix="daftar-backup-", dir=dest.parent)
    except OSError as e:
        raise BackupError(f"Cannot write the backup {dest}: {e.strerror or e}") from None
    part = dest.with_name(dest.name + ".part")
    with tmp_folder as tmpdir:
        snap = Path(tmpdir) / DB_NAME
        if progress is not None:
            progress("database", 0, 1)
        try:
            ws.backup_database(snap)
        except Exception as e:  # sqlite3 or sqlcipher3 errors
            raise BackupError(f"Cannot copy the database {ws.db_path}: {e}") from None
        damage = _damage(snap, ws.connect_raw if ws.encrypted else None)
        if damage:  # a copy that would not restore is no backup (`daftar restore` refuses it)
            raise BackupError(f"The database {ws.db_path} is damaged ({damage}): a copy of it could not be "
                              "restored, so no backup was written. Run `daftar check`, then restore the latest "
                              "good backup.")
        revision, counts, referenced = snapshot_info(snap, ws.connect_raw if ws.encrypted else None)
        tail = _newest_event(snap, ws.connect_raw if ws.encrypted else None)
        files: dict[str, dict] = {}
        sha, size = _sha256_file(snap)
        files[DB_NAME] = {"sha256": sha, "size": size}
        present = ws.images.all_hashes()
        missing = tuple(sorted(s for s in referenced if s not in present))
        try:
            with open(part, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
                    tar.add(snap, arcname=DB_NAME)
                    for done, img in enumerate(sorted(present)):
                        if progress is not None:
                            progress("images", done, len(present))
                        src = ws.images.path(img)
                        arc = f"{IMAGES_DIR}/{img[:2]}/{img}"
                        files[arc] = _add_hashed(tar, src, arc)
                    keys = ws.root / KEYS_DIR
                    if keys.is_dir():
                        for k in sorted(keys.iterdir()):
                            if k.is_file() and not k.name.endswith(".part") and k.name != audit.ANCHOR_FILE:
                                arc = f"{KEYS_DIR}/{k.name}"
                                files[arc] = _add_hashed(tar, k, arc)
                    if tail is not None:  # the anchor of the copy's own newest event (the live one may be newer)
                        anchor = Path(tmpdir) / audit.ANCHOR_FILE
                        anchor.write_bytes(audit.anchor_bytes(ws.audit_key, tail))
                        arc = f"{KEYS_DIR}/{audit.ANCHOR_FILE}"
                        files[arc] = _add_hashed(tar, anchor, arc)
                    manifest = {
                        "format": FORMAT,
                        "format_version": FORMAT_VERSION,
                        "app_version": _app_version(),
                        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                        "source": str(ws.root),
                        "encrypted": ws.encrypted,
                        "alembic_revision": revision,
                        "counts": counts,
                        "images": len(present),
                        "missing_images": list(missing),
                        "files": files,
                    }
                    blob = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size = len(blob)
                    info.mtime = int(dt.datetime.now().timestamp())
                    tar.addfile(info, io.BytesIO(blob))
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(part, dest)
            fsync_dir(dest.parent)
        except OSError as e:
            part.unlink(missing_ok=True)
            if e.errno == 28:
                raise BackupError(f"The disk holding {dest} is full: no backup was written.") from None
            raise BackupError(f"Cannot write the backup {dest}: {e.strerror or e}") from None
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    result = BackupResult(dest, revision, counts, len(present), missing, dest.stat().st_size)
    if remember:
        _remember(ws, result)
    return result


LAST_BACKUP = "last-backup.json"  # in the workspace's backups/ folder


@dataclass(frozen=True)
class LastBackup:
    """When and where the workspace's last backup was written (by the app or `daftar backup`)."""

    at: dt.datetime  # UTC
    path: str
    size: int


def _remember(ws: Workspace, result: BackupResult) -> None:
    """Note the backup just written (for `last_backup`); a note that cannot be written does
    not undo the backup."""
    _note_last(ws.backups_dir, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), result.path, result.size)


def _note_last(folder: Path, at: str, path: Path, size: int) -> None:
    """Write `folder`/LAST_BACKUP (a workspace's backups folder): the backup at `path` was made at `at`."""
    note = {"at": at, "path": str(path), "size": size}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / (LAST_BACKUP + ".part")
        tmp.write_text(json.dumps(note), encoding="utf-8")
        os.replace(tmp, folder / LAST_BACKUP)
    except OSError:
        pass


def last_backup(ws: Workspace) -> LastBackup | None:
    """The last backup written of this workspace, None when none is known (or its note is
    unreadable)."""
    try:
        note = json.loads((ws.backups_dir / LAST_BACKUP).read_text(encoding="utf-8"))
        at = dt.datetime.fromisoformat(note["at"])
        return LastBackup(at if at.tzinfo else at.replace(tzinfo=dt.UTC), str(note["path"]), int(note["size"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


DATED_AHEAD = -2  # days_without_backup: the last backup is dated after today (a clock was wrong)
CLOCK_SLACK = dt.timedelta(days=1)


def backup_dated_ahead(last: LastBackup | None, now: dt.datetime | None = None) -> bool:
    """Is the last backup dated after now by more than a day? The computer's clock is wrong now,
    or was when it was written (set years ahead, then put right): how old it is is not known."""
    return last is not None and last.at - (now or dt.datetime.now(dt.UTC)) > CLOCK_SLACK


def days_without_backup(ws: Workspace, remind_after_days: int, now: dt.datetime | None = None) -> int | None:
    """Whole days since the last backup when that is `remind_after_days` or more (-1: no
    backup was ever written of a workspace that holds pages; DATED_AHEAD: the last backup is
    dated after today, so its age is not known: a clock written wrong must not silence the
    reminder for years); None when no reminder is due (a recent backup, reminders off with 0,
    or nothing in the workspace to lose yet)."""
    if remind_after_days <= 0:
        return None
    last = last_backup(ws)
    if last is None:
        from sqlalchemy import func, select

        from records.models import Page

        with ws.session() as s:
            return -1 if s.scalar(select(func.count(Page.id))) else None
    if backup_dated_ahead(last, now):
        return DATED_AHEAD
    days = ((now or dt.datetime.now(dt.UTC)) - last.at).days
    return days if days >= remind_after_days else None


def back_up(ws: Workspace, actor, dest: str | Path | None = None, *, via: str = "app", progress=None,
            before_commit=None) -> BackupResult:
    """`create_backup` recorded in the audit trail ("workspace.backup": who took a copy of the
    office's records, where to and how much, and `via` the app or the command line): a copy
    is what leaves the office on a USB stick. `actor`: the signed-in user (audit.SYSTEM for
    a command run without signing in).

    `before_commit()` is called once the event is written and holds the write lock, just
    before it commits: the backup's point of no return. What it raises (a stop asked before
    it) leaves nothing, no event and no file; after it the backup and its event stay, and its
    caller must say it was written (the app's job process: desktop.job_process.past_stopping)."""

    result = create_backup(ws, dest, progress=progress, remember=False)
    stopped: list[BaseException] = []

    def point_of_no_return() -> None:
        try:
            before_commit()
        except BaseException as e:
            stopped.append(e)
            raise

    try:
        _record_backup(ws, actor, result, via, point_of_no_return if before_commit is not None else None)
    except BaseException as e:  # a backup nobody can see was taken is not left on the stick
        result.path.unlink(missing_ok=True)
        fsync_dir(result.path.parent)
        if not isinstance(e, Exception) or any(e is x for x in stopped):
            raise  # (stopped)
        reason = str(getattr(e, "orig", None) or e).splitlines()[0]
        raise BackupError(f"The backup {result.path} could not be recorded in the audit trail ({reason}), so it was "
                          "removed: no backup was written. Try again in a moment.") from None
    _remember(ws, result)
    return result


RECORD_TRIES = 6  # each waits up to the workspace's busy timeout (5 s) for the write lock


def _record_backup(ws: Workspace, actor, result: BackupResult, via: str, before_commit=None) -> None:
    """The backup's audit event (its transaction takes the write lock before it reads the
    chain's tail: `audit.record`). While the app holds the lock longer than the busy timeout
    (a long save), it is asked again, up to RECORD_TRIES times: the backup is written, only
    its record waits. `before_commit()`: see `back_up`."""
    from sqlalchemy.exc import OperationalError

    for attempt in range(RECORD_TRIES):
        try:
            with ws.session() as s:
                audit.record(s, actor=actor, action="workspace.backup", entity="workspace",
                             new=str(result.path), detail={"images": result.images, "size": result.size,
                                                           "entries": result.counts.get("entry", 0), "via": via})
                s.flush()
                if before_commit is not None:
                    before_commit()
            return
        except OperationalError as e:
            msg = str(e.orig).lower()
            if attempt == RECORD_TRIES - 1 or ("locked" not in msg and "busy" not in msg):
                raise


def _add_hashed(tar: tarfile.TarFile, src: Path, arc: str) -> dict:
    """Add a file to the archive, hashing exactly the bytes written."""
    data = src.read_bytes()
    info = tarfile.TarInfo(arc)
    info.size = len(data)
    info.mtime = int(src.stat().st_mtime)
    info.mode = 0o600 if arc.startswith(KEYS_DIR) else 0o644
    tar.addfile(info, io.BytesIO(data))
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def _app_version() -> str:
    try:
        from importlib.metadata import version

        return version("daftar")
    except Exception:  # pragma: no cover - not installed
        return "unknown"


# ----------------------------------------------------------------------------- reading
def read_manifest(backup: str | Path) -> dict:
    """The manifest of a backup file; BackupError naming the file when it is unusable."""
    backup = Path(backup)
    with _open_tar(backup) as tar:
        return _manifest(tar, backup)


def _open_tar(backup: Path) -> tarfile.TarFile:
    if not backup.exists():
        raise BackupError(f"The backup {backup} does not exist.")
    if backup.is_dir():
        raise BackupError(f"{backup} is a folder: give the backup file (daftar-backup-….tar).")
    try:
        return tarfile.open(backup, mode="r:")
    except (tarfile.TarError, OSError) as e:
        raise BackupError(f"{backup} is damaged or is not a Daftar backup ({e}).") from None


def _manifest(tar: tarfile.TarFile, backup: Path) -> dict:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise BackupError(
            f"{backup} is incomplete: it has no {MANIFEST} (the backup was interrupted or the "
            "file was cut short while copying). Use another backup."
        ) from None
    except (tarfile.TarError, OSError) as e:
        raise BackupError(f"{backup} is damaged or cut short ({e}). Use another backup.") from None
    try:
        f = tar.extractfile(member)
        manifest = json.loads(f.read().decode("utf-8")) if f else None
    except (tarfile.TarError, OSError, ValueError) as e:
        raise BackupError(f"{backup}: its {MANIFEST} cannot be read ({e}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{backup} is not a Daftar backup (its {MANIFEST} is not one of ours).")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise BackupError(f"{backup} was made by a newer version of Daftar: update Daftar to restore it.")
    if DB_NAME not in manifest.get("files", {}):
        raise BackupError(f"{backup} is incomplete: its manifest lists no database.")
    return manifest


def _safe_name(name: str) -> bool:
    p = Path(name)
    return not p.is_absolute() and ".." not in p.parts and name == p.as_posix()


def verify_backup(backup: str | Path, into: Path | None = None) -> dict:
    """Check every file of a backup against its manifest; extract into `into` if given.

    Returns the manifest. Raises BackupError naming the first bad or missing file.
    """
    backup = Path(backup)
    with _open_tar(backup) as tar:
        manifest = _manifest(tar, backup)
        expected: dict[str, dict] = manifest["files"]
        seen: set[str] = set()
        try:
            for member in tar:
                name = member.name
                if name == MANIFEST:
                    continue
                if name not in expected:
                    continue  # not ours to restore; ignored
                if not member.isfile() or not _safe_name(name):
                    raise BackupError(f"{backup}: the entry {name} is not a plain file; the backup is damaged.")
                f = tar.extractfile(member)
                h, n = hashlib.sha256(), 0
                out = None
                if into is not None:
                    target = into / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    out = open(target, "wb")
                    if name.startswith(f"{KEYS_DIR}/"):
                        os.chmod(target, 0o600)  # secrets: owner only, as the workspace keeps them
                try:
                    while chunk := f.read(_CHUNK):
                        h.update(chunk)
                        n += len(chunk)
                        if out:
                            out.write(chunk)
                    if out:
                        out.flush()
                        os.fsync(out.fileno())
                finally:
                    if out:
                        out.close()
                want = expected[name]
                if n != want["size"] or h.hexdigest() != want["sha256"]:
                    raise BackupError(
                        f"{backup}: the file {name} is damaged (its content does not match the "
                        "manifest). Nothing was restored; use another backup."
                    )
                seen.add(name)
        except (tarfile.TarError, OSError, EOFError) as e:
            raise BackupError(f"{backup} is damaged or cut short ({e}). Nothing was restored.") from None
        missing = sorted(set(expected) - seen)
        if missing:
            raise BackupError(
                f"{backup} is incomplete: {len(missing)} file(s) listed in its manifest are "
                f"missing, first {missing[0]}. Nothing was restored; use another backup."
            )
    return manifest


def _integrity_check(db: Path, backup: Path, key: bytes | None = None) -> None:
    try:
        if key is None:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        else:
            from records.workspace import connect_raw

            con = connect_raw(db, key)
        try:
            res = con.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            con.close()
    except Exception as e:  # sqlite3 or sqlcipher3 errors
        raise BackupError(f"{backup}: the database inside is damaged ({e}). Nothing was restored.") from None
    if res != "ok":
        raise BackupError(f"{backup}: the database inside is damaged ({res}). Nothing was restored.")


def _check_revision(manifest: dict, backup: Path) -> None:
    """Refuse, before anything is replaced, a backup whose schema this program does not know."""
    from records.migrate import known_revision

    rev = manifest.get("alembic_revision")
    if rev and not known_revision(rev):
        raise BackupError(
            f"{backup} was made by a newer version of Daftar (schema {rev}). Update Daftar to "
            "restore it; nothing was restored."
        )


def _unlock(staging: Path, backup: Path, username: str, password: str) -> bytes:
    """The workspace key from the key slots inside the backup."""
    from records.crypto import CryptoError, KeySlots

    try:
        return KeySlots.load(staging / KEYS_DIR).unlock(username, password)
    except CryptoError as e:
        raise BackupError(f"{backup} is encrypted and cannot be opened as {username}: {e}. "
                          "Nothing was restored.") from None


def _is_empty_dir(path: Path) -> bool:
    return path.is_dir() and not any(path.iterdir())


def _check_not_in_use(root: Path) -> None:
    db = root / DB_NAME
    if not db.is_file():
        return
    try:
        con = sqlite3.connect(db, timeout=0.5)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
        finally:
            con.close()
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            raise BackupError(
                f"The workspace {root} is in use (Daftar or a backup is running). Close it and "
                "restore again; nothing was changed."
            ) from None
    except sqlite3.DatabaseError:
        pass  # a damaged database is exactly what a restore replaces


def restore_backup(backup: str | Path, workspace: str | Path, *, force: bool = False,
                   username: str | None = None, password: str | None = None) -> RestoreResult:
    """Restore `backup` into the folder `workspace`.

    Everything is verified in a staging folder first. A non-empty workspace is refused
    unless `force`; then it is moved aside to `<workspace>.before-restore-<time>` (kept),
    and only when nobody has it open (the app, a `daftar` command: `records.workspace_lock`).
    The restored workspace is opened once, which upgrades an older schema after backing
    it up, and its audit chain is checked. An encrypted backup is opened only with a
    user's `username` and `password` (from the backup's own key slots); without them its
    files are still verified by hash, and it is opened (and upgraded) at the first sign-in.
    """
    backup = Path(backup).expanduser().resolve()
    root = Path(workspace).expanduser().absolute()
    if root.exists() and not root.is_dir():
        raise BackupError(f"{root} is a file, not a workspace folder.")
    from records.workspace import filesystem_type, is_network_path

    if is_network_path(root.parent if not root.exists() else root):
        raise BackupError(
            f"{root} is on a network share ({filesystem_type(root.parent)}): a workspace must be on "
            "this computer's own disk. Restore into a local folder."
        )
    occupied = root.is_dir() and not _is_empty_dir(root)
    if occupied and not force:
        raise BackupError(
            f"The workspace {root} is not empty. Restore into a new folder, or add --force to "
            "move the current workspace aside (it is kept, not deleted) and restore in its place."
        )
    alone = None  # the exclusive lock on the workspace replaced: nobody has it open
    if occupied:
        try:
            alone = hold_alone(root)
        except WorkspaceInUse as e:
            raise BackupError(str(e)) from None
    try:
        return _restore(backup, root, occupied, username, password)
    finally:
        release(alone)


def _restore(backup: Path, root: Path, occupied: bool, username: str | None,
             password: str | None) -> RestoreResult:
    """`restore_backup` once the target is known to be free (see there)."""
    if occupied:
        _check_not_in_use(root)
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BackupError(f"Cannot create {root.parent}: {e.strerror}") from None
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.restore-", dir=root.parent))
    moved: Path | None = None
    key: bytes | None = None
    try:
        manifest = verify_backup(backup, into=staging)
        _check_revision(manifest, backup)
        encrypted = bool(manifest.get("encrypted"))
        if encrypted and username:
            key = _unlock(staging, backup, username, password or "")
        if key is not None or not encrypted:
            _integrity_check(staging / DB_NAME, backup, key)
        (staging / IMAGES_DIR).mkdir(exist_ok=True)
        restores.write_note(staging, backup=backup, manifest=manifest)  # recorded at the first opening
        if manifest.get("created_at"):  # its last backup is the one it was restored from (not 'no backup yet')
            _note_last(staging / BACKUPS_DIR, str(manifest["created_at"]), backup, backup.stat().st_size)
        fsync_dir(staging)
        if occupied:
            moved = root.with_name(f"{root.name}.before-restore-{_stamp()}")
            n = 1
            while moved.exists():
                n += 1
                moved = root.with_name(f"{root.name}.before-restore-{_stamp()}-{n}")
            os.replace(root, moved)
        elif root.is_dir():
            root.rmdir()
        os.replace(staging, root)
        fsync_dir(root.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    warnings = []
    if manifest.get("missing_images"):
        warnings.append(
            f"{len(manifest['missing_images'])} page image(s) were already missing when the backup was made"
        )
    if encrypted and key is None:
        warnings.append("the workspace is encrypted: it was checked file by file and will be opened "
                        "(and upgraded if older) when a user signs in")
        return RestoreResult(root, manifest.get("alembic_revision"), dict(manifest.get("counts", {})),
                             int(manifest.get("images", 0)), moved, None, True, "not opened (encrypted)",
                             tuple(warnings), opened=False)
    ws = Workspace.open(root, key=key, anchor=False)
    try:
        from records.migrate import current_revision

        upgrade_backup = ws.upgrade_backup
        revision = current_revision(ws.engine)
        with ws.session() as s:
            from records import audit

            res = audit.verify(s)
        if res.ok and ws.anchor_on_first_use() is not None:  # a backup from before the anchor existed
            warnings.append(f"the backup holds no note of the audit trail's end (keys/{audit.ANCHOR_FILE}: made by "
                            f"an older Daftar); it was written now, for event {ws.anchor_first_use} (trust on first "
                            "use): events deleted from the end of the trail before the backup cannot be seen")
        recorded = ws.record_restore() if res.ok else None  # (a trail that does not verify: at the next opening)
        _, counts, _ = snapshot_info(ws.db_path, ws.connect_raw if ws.encrypted else None)
    finally:
        ws.close()
    return RestoreResult(root, revision, counts, int(manifest.get("images", 0)), moved,
                         upgrade_backup, res.ok, res.reason, tuple(warnings),
                         restore_epoch=recorded.epoch if recorded else 0)
