"""The sync client: sends sealed batches from the workspace outbox to the central server and
pulls back central decisions. Qt-free; the desktop runs `SyncEngine.run_once` in a worker.

Outbox item states: queued -> uploading (images) -> submitted -> acknowledged (receipt kept)
-> accepted | rejected; `conflict` (same key, other content on the server) and `failed`
(the server refused it: 4xx) wait for a person. The retry state (attempts, next attempt
time) is committed before every attempt, so a crash at any point resumes cleanly: images
resume at the server's offset, a resent batch gets its original receipt.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import errno
import gzip
import hashlib
import json
import math
import random
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from records import audit, workflow
from records.audit import SYSTEM
from records.crypto import CryptoError
from records.images import ImageStoreError
from records.models import (
    Batch,
    Entry,
    FieldValue,
    Office,
    OutboxItem,
    Page,
    Register,
    SyncState,
    utcnow,
)
from records.outbox import (
    DEFAULT_OFFICE_NAME,
    OutboxError,
    office_identity,
    public_key_b64,
    submission,
)
from sync import protocol as P
from sync.clocks import ClockDoubt, parse_clock, parse_doubt
from sync.gcpause import gc_paused
from sync.problem import Problem  # noqa: F401 - where the engine's callers have found it

PENDING = ("queued", "uploading", "submitted")
K_CURSOR, K_LAST_SUCCESS, K_PAUSED, K_LAST_ERROR, K_CA = "cursor", "last_success", "paused", "last_error", "ca_bundle"
K_CURSOR_ENTRY = "cursor_entry"  # the entry of the decision the cursor stands on (the server checks it)
K_LAST_PASS = "last_pass"  # when the last pass ended (ISO, UTC); how it ended: K_LAST_ERROR ("" = fine)
# After the server said it does not know the cursor (its database restored from a backup) the
# decisions are read again from the start. K_UNCONFIRMED: outbox item ids the office holds as
# accepted/rejected whose decision the re-read has not met yet (JSON list; only while it runs).
# K_DECISIONS_LOST: those the whole re-read did not meet: the server no longer has their decision.
K_UNCONFIRMED, K_DECISIONS_LOST = "decisions_unconfirmed", "decisions_lost"
DECIDED = ("accepted", "rejected")
RECEIVED = ("acknowledged", "accepted", "rejected")  # outbox states of entries the server has received
# Reconciliation (`SyncEngine.reconcile`): the server's epoch last seen, when all its holdings
# were last compared (ISO, UTC), and the outbox item ids reconciliation sent again (JSON list):
# the status says so while they wait to be acknowledged again.
K_EPOCH, K_RECONCILED_AT, K_RESENT = "server_epoch", "reconciled_at", "entries_resent"
RECONCILE_EVERY = dt.timedelta(days=1)  # all the holdings compared at most this often, unless something says more
RESENT = ("The central server had lost this entry (its database was restored from a backup?): it is sent again.")
REQUEUED = ("The central server no longer holds this batch (its database was restored from a backup?): "
            "it is sent again.")


# ----------------------------------------------------------------------------- errors
class SyncError(RuntimeError):
    """A failure explained in words a clerk understands."""

    retry = False


class TransientError(SyncError):
    """Worth trying again later (network, timeout, 5xx, 429, captive portal)."""

    retry = True

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class LinkDropped(TransientError):
    """The connection failed or was cut (no answer from the server): on a poor link, what the
    server received before the cut is kept and the next attempt goes on from there."""


LINK_DROPPED_KEPT = ("The connection to the central server dropped while sending batch {0} of {1}: the server "
                     "keeps the {2} of it that it had received, and the next sync goes on from there. Nothing "
                     "was lost.")
LINK_DROPPED = ("The connection to the central server dropped during the sync, after the server had answered: the "
                "next sync goes on from where this one stopped. Nothing was lost.")


def size_text(n: int) -> str:
    """A number of bytes as people read it: "0 kB", "850 kB", "12.3 MB"."""
    if n < 999_500:
        return f"{(n + 999) // 1000 if n < 1000 else round(n / 1000)} kB"
    return f"{n / 1_000_000:.1f} MB"


class ServerDiskFullError(TransientError):
    """The central server's disk is full: nothing is lost; trying again in this pass cannot
    help (its operator must free space), the next passes will."""


class CertificateError(TransientError):
    """The server's certificate is not trusted here: trying again in this pass cannot help
    (the CA file, this computer's clock, or the certificate itself must change)."""


class RefusedError(SyncError):
    """The server refused the request (4xx): not retried; its reason is shown."""

    def __init__(self, message: str, status: int, body: dict | None = None):
        super().__init__(message)
        self.status, self.body = status, body or {}


class DiskFullError(SyncError):
    pass


class LocalImageError(SyncError):
    """A page image of a batch cannot be read here (missing, damaged): that batch waits for
    it, the other batches are sent."""


# ----------------------------------------------------------------------------- plain values
@dataclass
class SyncConfig:
    server_url: str
    device_token: str
    ca_bundle: str | None = None
    timeout: float = 20.0
    connect_timeout: float = 5.0
    chunk_size: int = 512 * 1024
    max_attempts: int = 5  # per batch and pass
    parallel_uploads: int = 3  # images uploaded at the same time
    # a compressed batch body larger than this goes up in resumable parts (POST /v1/images,
    # then /v1/batches/uploaded): one request of it would start again from 0 at each drop
    resumable_body: int = 64 * 1024
    backoff_base: float = 1.0
    backoff_max: float = 60.0


@dataclass
class SyncReport:
    """What one pass did (plain values for the UI thread)."""

    batches_acknowledged: int = 0
    entries_acknowledged: int = 0
    batches_requeued: int = 0  # acknowledged before, but the server no longer held them: sent again
    decisions_lost: int = 0  # decided here, but the server (restored) no longer has the decision: found this pass
    reconciled: str = ""  # why this pass compared all the server's holdings ("" when it did not)
    entries_lost: int = 0  # received by the server before, but it no longer held them: sent again
    entries_differ: int = 0  # the server held them with another hash: sent again (a conflict for a supervisor)
    images_uploaded: int = 0
    images_skipped: int = 0
    bytes_uploaded: int = 0
    decisions_applied: int = 0
    conflicts: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # nothing failed, but something is wrong (this computer's clock)
    paused: bool = False
    reached_server: bool = False
    retry_later: bool = False  # ended by a problem that passes (the network, a busy server): try again later
    # ended because the connection dropped after the server had answered in this pass (not "no
    # connection"): what the server received is kept and the next pass goes on from there
    link_dropped: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.paused


@dataclass(frozen=True)
class QueueStatus:
    counts: dict[str, int]
    last_success: str | None
    last_error: str | None
    paused: bool
    problems: tuple[Problem, ...]  # (entry uuid, version, state, message, where the entry is...)
    ready: int = 0  # approved or verified entries not in a batch yet that a batch would take now
    unverified: int = 0  # approved entries the office's required verification still holds back
    last_pass: str | None = None  # when the last pass ended (ISO, UTC); it ended well when last_error is None
    server: str | None = None  # the central server's address (None: not enrolled)
    # entries the office holds as accepted/rejected whose decision the central server no longer
    # has (its database restored from a backup): it will decide them again
    decisions_lost: tuple[Problem, ...] = ()  # (at most 200 of them)
    decisions_lost_total: int = 0  # how many there are
    # entries the central server had lost (reconciliation) that are being sent again: not yet acknowledged
    entries_resent: int = 0
    # the unverified entries wait for nobody: the office has no enabled revenue officer's account
    no_verifier: bool = False
    # of `ready`, the entries a revenue officer verified (the rest are approved, not verified)
    ready_verified: int = 0

    @property
    def ready_approved(self) -> int:
        """Of `ready`, the entries approved and not verified (an office not requiring verification)."""
        return self.ready - self.ready_verified

    @property
    def waiting(self) -> int:
        return sum(self.counts.get(s, 0) for s in PENDING)


# ----------------------------------------------------------------------------- sync state
def get_state(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(SyncState, key)
    return row.value if row else default


def set_state(session: Session, key: str, value: str) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


# ----------------------------------------------------------------------------- a pass cut off
PASS_LOCK = "sync-pass.lock"  # in the workspace folder: held (exclusive) while a pass runs
CUT_OFF = ("The sync pass that was sending this batch was cut off (the program was stopped or the computer went "
           "off): it is sent again at the next pass (the central server keeps one copy).")


@contextlib.contextmanager
def pass_lock(ws):
    """Hold the lock that says a sync pass runs on this workspace: an exclusive lock on
    WORKSPACE/sync-pass.lock (records.workspace_lock.try_lock), which the operating system
    drops when the process ends, killed too. Yields True when taken, False when another pass
    holds it (another process, or another pass of this one), None when no lock file can be
    written (a read-only folder: nothing can be told)."""
    from records.workspace_lock import try_lock

    try:
        f = open(Path(ws.root) / PASS_LOCK, "ab")  # noqa: SIM115 - held open as long as the lock
    except OSError:
        yield None
        return
    try:
        yield try_lock(f, exclusive=True)
    finally:
        f.close()


def _requeue_cut_off(s: Session) -> int:
    """Items left `uploading` or `submitted` (states only a running pass holds) go back to
    `queued`, to be sent first thing: the pass that set them was cut off. The server takes
    a batch once, by its id, so sending it again is safe. Call only while holding `pass_lock`."""
    return s.execute(update(OutboxItem).where(OutboxItem.state.in_(("uploading", "submitted")))
                     .values(state="queued", last_error=CUT_OFF, next_attempt_at=None, updated_at=utcnow())
                     .execution_options(synchronize_session=False)).rowcount or 0


def requeue_cut_off(ws) -> int:
    """Put back in the queue the items of a pass that was cut off (the process killed, the
    computer off), unless a pass runs now; returns how many."""
    with pass_lock(ws) as alone:
        if not alone:
            return 0
        with ws.session() as s:
            return _requeue_cut_off(s)


def queue_status(ws) -> QueueStatus:
    """Counts of outbox items by state, approved entries not in a batch yet, the last pass
    (when, how it ended), the server, the pause flag, items needing a person and decisions
    the central server no longer has. Items a pass that was cut off left `uploading` or
    `submitted` are put back in the queue first (`requeue_cut_off`): they are waiting."""
    with ws.session() as s:
        counts = dict(s.execute(select(OutboxItem.state, func.count()).group_by(OutboxItem.state)).all())
    if (counts.get("uploading") or counts.get("submitted")) and requeue_cut_off(ws):
        with ws.session() as s:
            counts = dict(s.execute(select(OutboxItem.state, func.count()).group_by(OutboxItem.state)).all())
    with ws.session() as s:
        problems = _problems(s)
        from records.outbox import has_verifier, readiness_by_state

        ready_approved, ready_verified, unverified = readiness_by_state(s)
        ready = ready_approved + ready_verified
        no_verifier = bool(unverified) and not has_verifier(s)
        office = s.scalar(select(Office).order_by(Office.id).limit(1))
        server = (office.server_url or (office.settings or {}).get("sync.server_url")) if office else None
        lost = _id_list(get_state(s, K_DECISIONS_LOST))
        lost_total = 0
        for i in range(0, len(lost), 500):
            lost_total += s.scalar(select(func.count()).select_from(OutboxItem).where(
                OutboxItem.id.in_(lost[i:i + 500]), OutboxItem.state.in_(LOST_STATES))) or 0
        resent = _id_list(get_state(s, K_RESENT))
        resent_total = 0
        for i in range(0, len(resent), 500):
            resent_total += s.scalar(select(func.count()).select_from(OutboxItem).where(
                OutboxItem.id.in_(resent[i:i + 500]), OutboxItem.state.in_(PENDING))) or 0
        return QueueStatus(counts, get_state(s, K_LAST_SUCCESS), get_state(s, K_LAST_ERROR) or None,
                           get_state(s, K_PAUSED) == "1", problems, ready, unverified,
                           get_state(s, K_LAST_PASS) or None, server or None,
                           _decided_here(s, _problems(s, ids=lost, states=LOST_STATES, message=DECISION_LOST))
                           if lost else (), lost_total, resent_total, no_verifier=no_verifier,
                           ready_verified=ready_verified)


DECISION_LOST = ("The central server no longer has its decision on this entry (its database was restored from "
                 "a backup?): it will decide it again.")


# outbox states of an item whose decision the server lost: still decided here, or sent again
# since because the server had lost the entry too (`SyncEngine.reconcile`), until decided again
LOST_STATES = (*DECIDED, "acknowledged", *PENDING)


def _decided_here(s: Session, problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """Lost decisions as the office holds them: an item sent again since (the server had lost
    the entry too) says its entry version's state here (accepted or rejected), not `queued`."""
    if all(p.state in DECIDED for p in problems):
        return problems
    keys = {(p.entry_uuid, p.version) for p in problems}
    here = {(u, v): st for u, v, st in s.execute(select(Entry.uuid, Entry.version, Entry.state).where(
        Entry.uuid.in_({k[0] for k in keys})))}
    return tuple(p if p.state in DECIDED else p._replace(state=here.get((p.entry_uuid, p.version), p.state))
                 for p in problems)


def _id_list(text: str | None) -> list[int]:
    try:
        return [int(i) for i in json.loads(text)] if text else []
    except (ValueError, TypeError):
        return []


def _problems(s: Session, limit: int = 200, *, ids: list[int] | None = None,
              states: tuple[str, ...] = ("conflict", "failed", "rejected"), message: str | None = None
              ) -> tuple[Problem, ...]:
    """The outbox items needing a person (or those of `ids` still in one of `states`, with
    `message`), each with where its entry is (three small reads)."""
    stmt = select(OutboxItem.entry_uuid, OutboxItem.version, OutboxItem.state, OutboxItem.last_error,
                  OutboxItem.decision_reason).where(OutboxItem.state.in_(states))
    if ids is not None:
        stmt = stmt.where(OutboxItem.id.in_(ids[:limit * 50]))
    probs = s.execute(stmt.order_by(OutboxItem.id).limit(limit)).all()
    if message is not None:
        probs = [(u, v, st, message, reason) for u, v, st, _err, reason in probs]
    if not probs:
        return ()
    where = {}
    for uuid, eid, pid, row_no, tid, mauza, year, page_no in s.execute(
        select(Entry.uuid, Entry.id, Entry.page_id, Entry.row_no, Register.template_id, Register.mauza,
               Register.year, Page.page_no)
        .join(Register, Register.id == Entry.register_id).outerjoin(Page, Page.id == Entry.page_id)
        .where(Entry.uuid.in_({p[0] for p in probs}), Entry.is_latest.is_(True))
    ):
        where[uuid] = (eid, pid, tid, mauza, year, page_no, row_no)
    khewat = dict(s.execute(select(FieldValue.entry_id, FieldValue.value).where(
        FieldValue.entry_id.in_([w[0] for w in where.values()]), FieldValue.field == "khewat_no",
        FieldValue.current.is_(True))).all())
    out = []
    for uuid, version, state, err, reason in probs:
        eid, pid, tid, mauza, year, page_no, row_no = where.get(uuid, (None, None, "", "", "", None, None))
        out.append(Problem(uuid, version, state, err or "", reason or "", eid, pid, tid or "", mauza or "",
                           year or "", page_no, row_no, khewat.get(eid, "") if eid is not None else ""))
    return tuple(out)


def set_paused(ws, paused: bool) -> None:
    with ws.session() as s:
        set_state(s, K_PAUSED, "1" if paused else "0")


def load_config(ws, **overrides) -> SyncConfig:
    """Server address, device token and CA bundle of the workspace's office."""
    import os

    with ws.session() as s:
        office = s.scalar(select(Office).order_by(Office.id).limit(1))
        url = (office.server_url if office else None) or ((office.settings or {}).get("sync.server_url") if office else None)
        token = office.device_token if office else None
        ca = get_state(s, K_CA) or os.environ.get("DAFTAR_CA_BUNDLE") or None
    if not url or not token:
        raise SyncError("This office is not enrolled with a central server yet. Ask IT to enrol it "
                        "(`daftar sync --enrol --server URL --code CODE`).")
    kw = {"server_url": url, "device_token": token, "ca_bundle": ca}
    kw.update(overrides)
    return SyncConfig(**kw)


def make_client(cfg: SyncConfig, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    verify: ssl.SSLContext | bool = True
    if cfg.ca_bundle:
        if not Path(cfg.ca_bundle).is_file():
            raise SyncError(f"The CA bundle {cfg.ca_bundle} does not exist. Ask IT to set the province's CA file.")
        try:
            verify = ssl.create_default_context(cafile=cfg.ca_bundle)
        except (ssl.SSLError, OSError, ValueError) as e:
            raise SyncError(f"The CA bundle {cfg.ca_bundle} cannot be used ({getattr(e, 'reason', None) or e}): "
                            "it must be the file of the CA certificate(s) that signed the server's certificate, "
                            "as text (`-----BEGIN CERTIFICATE-----`). Ask IT for the province's CA file.") from None
    headers = {"User-Agent": "daftar-sync/1"}
    if cfg.device_token:
        headers["Authorization"] = f"Bearer {cfg.device_token}"
    return httpx.Client(
        base_url=cfg.server_url.rstrip("/"), verify=verify, transport=transport, headers=headers,
        timeout=httpx.Timeout(cfg.timeout, connect=cfg.connect_timeout), event_hooks={"request": [_say_our_time]},
    )


def _say_our_time(request: httpx.Request) -> None:
    """Every request carries this computer's clock (`P.CLIENT_TIME`): the server compares the
    offices' clocks with its own (`sync.clocks`)."""
    request.headers[P.CLIENT_TIME] = _now().strftime("%Y-%m-%dT%H:%M:%SZ")


def enrol(ws, *, server_url: str, code: str, ca_bundle: str | None = None,
          transport: httpx.BaseTransport | None = None) -> str:
    """Register this office with the server (IT does this once) with the one-time code the
    central server's operator issued for it; stores the device token and the CA bundle's
    absolute path (a sync started from another folder, as the app's, finds it), both only
    once the server has enrolled the office. SyncError saying why otherwise."""
    import os

    ca = os.path.abspath(Path(ca_bundle).expanduser()) if ca_bundle else None
    with ws.session() as s:
        office = office_identity(s)
        body = {"code": code, "office_id": office.uuid, "name": office.name, "district": office.district,
                "tehsil": office.tehsil, "public_key": public_key_b64(office.signing_key)}
    cfg = SyncConfig(server_url=server_url, device_token="", ca_bundle=ca)
    with make_client(cfg, transport) as c:
        try:
            r = c.post("/v1/enrol", json=body)
        except httpx.HTTPError as e:
            hint = ""
            if server_url.lower().startswith("http://"):
                hint = (f". The address starts with http://, but the Daftar server takes HTTPS only: write "
                        f"https://{server_url[len('http://'):]}")
            raise SyncError(f"Cannot reach the central server at {server_url}: {_net_reason(e)}{hint}") from None
    if r.status_code in (401, 403, 429):  # 429: too many failed enrolments (the server says how long to wait)
        raise SyncError(f"The server refused the enrolment: {_reason(r)}.")
    if r.status_code != 200:
        raise SyncError(f"The server refused the enrolment ({r.status_code}): {_reason(r)}")
    try:
        token = r.json()["device_token"]
        known_as = str(r.json().get("name") or "").strip()
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SyncError(f"{server_url} did not answer as a Daftar server (no device token in its answer): "
                        "check the address") from None
    with ws.session() as s:
        office = office_identity(s)
        office.server_url, office.device_token = server_url, token
        detail = None
        if known_as and office.name == DEFAULT_OFFICE_NAME:  # a new office nobody named: the central one's name
            detail = {"name": known_as, "was": office.name}  # (its exports and printouts named "Daftar office")
            office.name = known_as
        if ca:
            set_state(s, K_CA, ca)
        audit.record(s, actor=SYSTEM, action="office.enrol", entity="office", entity_id=office.uuid, new=server_url,
                     detail=detail)
    return token


def store_ca_bundle(ws, ca_bundle: str, *, transport: httpx.BaseTransport | None = None) -> str:
    """Keep a new CA bundle for this enrolled office (the server's CA changed) once the
    server's certificate verifies with it: no re-enrolment, no new device token. Returns the
    absolute path kept; SyncError saying why otherwise (the bundle kept before stays)."""
    import os

    ca = os.path.abspath(Path(ca_bundle).expanduser())
    cfg = load_config(ws, ca_bundle=ca)
    with make_client(cfg, transport) as c:
        try:
            c.get("/v1/ping", timeout=cfg.connect_timeout + 10)
        except httpx.HTTPError as e:
            raise SyncError(f"Cannot reach the central server at {cfg.server_url} with the CA bundle {ca}: "
                            f"{_net_reason(e)}") from None
    # an answer over TLS: the server's certificate verified with this bundle
    with ws.session() as s:
        old = get_state(s, K_CA)
        set_state(s, K_CA, ca)
        audit.record(s, actor=SYSTEM, action="office.ca_bundle", entity="office",
                     entity_id=office_identity(s).uuid, old=old, new=ca)
    return ca


def fetch_server_copy(ws, entry_uuid: str, version: int, *, transport: httpx.BaseTransport | None = None,
                      config: SyncConfig | None = None):
    """The central server's copy of an entry version this office sent (`GET
    /v1/entries/{uuid}/{version}`), as a plain `records.conflicts.ServerCopy`, checked against
    its hash. One request over TLS, as a sync pass makes them; SyncError in one line when the
    server cannot be reached or has no such copy, or when the answer is not the server's."""
    from records.conflicts import ServerCopy

    cfg = config or load_config(ws)
    with make_client(cfg, transport) as c:
        try:
            r = c.get(f"/v1/entries/{entry_uuid}/{version}")
        except httpx.HTTPError as e:
            raise SyncError(f"Cannot reach the central server at {cfg.server_url}: {_net_reason(e)}. The server's "
                            "copy can be compared once the connection is back.") from None
    if r.status_code == 404 and _error_code(r) == "unknown_entry":
        raise SyncError("The central server holds no copy of this entry version sent by this office.")
    if r.status_code == 403 and _error_code(r) == "office_revoked":
        raise SyncError("This office's access was revoked by the central server; ask the operator.")
    if r.status_code in (401, 403):
        raise SyncError(f"The central server did not accept this office's credentials: {_reason(r)}. Ask IT to "
                        "enrol the office again.")
    if r.status_code == 404:  # a server from before this route
        raise SyncError("The central server does not give copies of entries yet: ask its operator to update it.")
    if r.status_code != 200 or "json" not in r.headers.get("content-type", ""):
        raise SyncError(f"The central server did not give its copy (error {r.status_code}): try again later.")
    try:
        got = P.ServerCopy.model_validate(r.json())
    except ValueError:
        raise SyncError("The answer was not the central server's copy of the entry (a Wi-Fi login page?): try "
                        "again later.") from None
    if (got.entry_uuid, got.version) != (entry_uuid, version) or P.content_hash(got.content) != got.sha256:
        raise SyncError("The server's copy of the entry does not match its hash: try again later, or ask the "
                        "central server's operator.")
    return ServerCopy(got.entry_uuid, got.version, got.sha256, got.content, got.state, got.reason, got.server_id,
                      got.batch_id, got.source, got.received_at)


# ----------------------------------------------------------------------------- helpers
def _reason(r: httpx.Response) -> str:
    try:
        body = r.json()
    except ValueError:
        return f"HTTP {r.status_code}"
    d = body.get("detail") if isinstance(body, dict) else None
    if isinstance(d, list):  # FastAPI validation errors
        d = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', []))}: {e.get('msg')}" for e in d if isinstance(e, dict))
    return str(d or body)


def _error_code(r: httpx.Response) -> str:
    """The `error` of a JSON refusal ("" for anything else)."""
    try:
        body = r.json()
    except ValueError:
        return ""
    return str(body.get("error") or "") if isinstance(body, dict) else ""


def _certificate_failed(e: Exception) -> bool:
    return "CERTIFICATE_VERIFY_FAILED" in str(e) or isinstance(getattr(e, "__cause__", None), ssl.SSLError)


def _date_invalid(e: Exception) -> bool:
    """The certificate failed on its dates (OpenSSL compares them with this computer's clock)."""
    s = str(e)
    return "certificate is not yet valid" in s or "certificate has expired" in s


# ----------------------------------------------------------------------------- this computer's clock
CLOCK_SLACK = dt.timedelta(minutes=10)  # a clock further off than this from the server's is said to be wrong


def _now() -> dt.datetime:
    """This computer's clock (aware, UTC); tests move it."""
    return dt.datetime.now(dt.UTC)


def _shown(t: dt.datetime) -> str:
    """A time as this computer's clock shows it (local time)."""
    return t.astimezone().strftime("%Y-%m-%d %H:%M")


def server_time(r: httpx.Response) -> dt.datetime | None:
    """The central server's clock when it answered (`P.SERVER_TIME`, else HTTP's Date); None
    when the answer says neither (an old server, a proxy's page)."""
    v = r.headers.get(P.SERVER_TIME)
    if v:
        return parse_clock(v)
    try:
        t = email.utils.parsedate_to_datetime(r.headers["Date"]) if r.headers.get("Date") else None
    except (TypeError, ValueError, IndexError):
        return None
    return t if t is None or t.tzinfo else t.replace(tzinfo=dt.UTC)


def clock_wrong(here: dt.datetime, server: dt.datetime) -> str:
    """Why sync cannot connect when the certificate fails on this computer's wrong date."""
    return (f"This computer's date is wrong: it says {_shown(here)} but the central server's clock says "
            f"{_shown(server)}. Set this computer's date and time, then sync again (nothing was lost).")


def clock_off(here: dt.datetime, server: dt.datetime) -> str:
    """The warning of a pass that worked with this computer's clock far from the server's."""
    return (f"This computer's clock is wrong: it says {_shown(here)} but the central server's clock says "
            f"{_shown(server)}. Set this computer's date and time: until then the times it records are wrong.")


def server_clock_doubted(here: dt.datetime, server: dt.datetime, doubt: ClockDoubt) -> str:
    """The warning of a pass whose server's clock the offices doubt, this computer's among them."""
    return (f"The central server's clock seems wrong: it says {_shown(server)} while this computer says "
            f"{_shown(here)}, and {doubt.agreeing} of the {doubt.seen} offices that synced with it in the last day "
            "agree with this computer. Tell the central office to set its server's clock (this computer's clock "
            "needs no change).")


def _agrees_with_doubters(here: dt.datetime, server: dt.datetime, doubt: ClockDoubt | None) -> bool:
    """Whether this computer's clock is one of those that say the server's is wrong."""
    return doubt is not None and abs((here - server) - doubt.offset) <= CLOCK_SLACK


def clock_behind_work(here: dt.datetime, newest: dt.datetime) -> str:
    """Why sync cannot connect when the server's time is not known but this computer's date is
    before work it already recorded."""
    return (f"This computer's date is wrong: it says {_shown(here)}, before work already recorded on it "
            f"({_shown(newest)}). Set this computer's date and time, then sync again (nothing was lost).")


def certificate_dates(here: dt.datetime) -> str:
    """Why sync cannot connect when the clock is right but the certificate is out of its dates."""
    return (f"Cannot reach the central server: its certificate is not valid today ({_shown(here)}; the server's "
            "clock agrees): it has expired or is not valid yet. Ask IT to renew the server's certificate.")


def certificate_dates_server_clock_wrong(here: dt.datetime, server: dt.datetime, doubt: ClockDoubt) -> str:
    """Why sync cannot connect when this computer's clock is right (the other offices' agree
    with it), the certificate is out of its dates, and the server's own clock is wrong."""
    return (f"Cannot reach the central server: its certificate is not valid today ({_shown(here)}; "
            f"{doubt.agreeing} of the {doubt.seen} offices that synced with it agree with this computer's date): it "
            f"has expired or is not valid yet. Ask IT to renew the server's certificate, and the central office to "
            f"set its server's clock (it says {_shown(server)}).")


def _net_reason(e: Exception) -> str:
    if _date_invalid(e):
        # OpenSSL compares the certificate's dates with this computer's clock: a clock a day
        # or a year off looks exactly like this, and no CA file would help
        now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        return (f"its certificate is not valid on this computer's date ({now}): check that this computer's date "
                "and time are right; if they are, the server's certificate has expired (ask IT to renew it)")
    if _certificate_failed(e):
        return "its certificate could not be verified (ask IT to check the CA bundle)"
    if isinstance(e, httpx.TimeoutException):
        return "the connection is too slow or stopped answering"
    return "no connection"


def _is_disk_full(e: BaseException) -> bool:
    if isinstance(e, OSError) and e.errno == errno.ENOSPC:
        return True
    return "disk is full" in str(getattr(e, "orig", e)).lower() or "disk full" in str(e).lower()


DISK_FULL = ("The disk of this computer is full, so the sync result could not be saved. Nothing was "
             "lost: free some space and press Sync now.")


def _retry_after(r: httpx.Response) -> float | None:
    v = r.headers.get("Retry-After")
    if not v:
        return None
    try:
        return max(0.0, float(v))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(v)
            return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
        except (TypeError, ValueError):
            return None


def _move_entries(session: Session, entry_ids: list[int], action: str, reason: str | None = None) -> None:
    """Move entries through the workflow as the system, in bulk (old versions too)."""
    from records.services import transition

    t = workflow.TRANSITIONS[action]
    entries = []
    for i in range(0, len(entry_ids), 500):
        entries += session.scalars(select(Entry).where(Entry.id.in_(entry_ids[i:i + 500]))).all()
    movable = [e for e in entries if e.state in t.sources]
    latest = [e.id for e in movable if e.is_latest]
    if latest:
        transition(session, actor=SYSTEM, entry_ids=latest, action=action, comment=reason or None)
    for e in movable:
        if e.is_latest:
            continue
        # edited since it was batched: the old version still records what the server decided
        old = e.state
        e.state = t.target
        audit.record(session, actor=SYSTEM, action=f"entry.{action}", entity="entry", entity_id=e.id,
                     register_id=e.register_id, page_id=e.page_id, entry_uuid=e.uuid, old=old, new=t.target,
                     detail={"comment": reason} if reason else {})


# ----------------------------------------------------------------------------- engine
class SyncEngine:
    """One office's sync client. Inject `sleep`, `rand` and `transport` in tests.

    `progress(what, done, total)` is told how a pass goes (the sync panel's bar, `daftar
    sync`'s lines; called from the pass's thread and its upload threads):

    - ``batches`` (i, n): batch i of the n this pass sends starts (again after a retry);
    - ``images`` (k, n): k of the batch's n page images are at the server;
    - ``images_resumed`` (held, total): the server held `held` of the batch's `total` page image
      bytes already, part of an image among them (an earlier attempt or pass): it goes on from there;
    - ``image_bytes`` (held, total): the server holds `held` of the batch's `total` image bytes now;
    - ``batch_resumed`` (held, total): the batch's entries (a large body, uploaded resumable):
      the server held `held` of its `total` bytes already;
    - ``batch`` (held, total): the server holds `held` of the batch's `total` body bytes;
    - ``link_dropped`` / ``retry`` (seconds, attempt): the connection dropped (or the server was
      busy or failed), the pass waits `seconds` before its attempt number `attempt`.
    """

    def __init__(self, ws, config: SyncConfig | None = None, *, sleep: Callable[[float], None] = time.sleep,
                 rand: Callable[[], float] = random.random, transport: httpx.BaseTransport | None = None,
                 progress: Callable[[str, int, int], None] | None = None):
        self.ws = ws
        self.cfg = config or load_config(ws)
        self.sleep, self.rand, self.transport = sleep, rand, transport
        self.progress = progress or (lambda what, done, total: None)
        self._client: httpx.Client | None = None
        self._clock_checked = False
        self._held_now = 0  # (_push_batch: what the server held of the batch at an attempt's start)
        self._confirmed = 0  # bytes of the batch the server confirmed receiving in this attempt
        self._count_lock = threading.Lock()  # (upload threads add to _confirmed)
        self._answered = False  # the server answered in this pass (a drop then is not "no connection")
        self._batch_at = (0, 0)  # batch i of n this pass is sending (0, 0: none)
        self._drop: tuple[int, int, int] | None = None  # the link dropped: batch i of n, bytes the server kept
        self.clock_warning = ""  # this computer's clock far from the server's (said by the last pass)
        self.stage_seconds: dict[str, float] = {}  # wall time per stage of the last passes (diagnostics, bench)

    @contextlib.contextmanager
    def _stage(self, name: str):
        t = time.perf_counter()
        try:
            yield
        finally:
            self.stage_seconds[name] = self.stage_seconds.get(name, 0.0) + time.perf_counter() - t

    # -- plumbing --------------------------------------------------------
    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = make_client(self.cfg, self.transport)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter (half fixed, half random) for attempt 1, 2, ..."""
        d = min(self.cfg.backoff_max, self.cfg.backoff_base * (2 ** max(0, attempt - 1)))
        return d / 2 + d / 2 * self.rand()

    def _call(self, method: str, path: str, *, accept: tuple[int, ...] = (200,), **kw) -> httpx.Response:
        try:
            r = self.client.request(method, path, **kw)
        except httpx.HTTPError as e:
            if _certificate_failed(e):  # not worth the backoff of this pass: said at once
                if _date_invalid(e):
                    raise CertificateError(self._certificate_dates_reason(e)) from None
                raise CertificateError(f"Cannot reach the central server: {_net_reason(e)}.") from None
            raise LinkDropped(f"Cannot reach the central server: {_net_reason(e)}. Sync will try again.") from None
        self._answered = True
        self._note_server_time(r)
        if r.status_code in accept:
            return r
        if r.status_code == 429:
            ra = _retry_after(r)
            raise TransientError("The central server is busy. Sync will try again"
                                 + (f" in {ra:.0f} seconds." if ra is not None else " later."), ra)
        if r.status_code == 507 or (r.status_code >= 500 and _error_code(r) == "disk_full"):
            raise ServerDiskFullError("The central server's disk is full. Nothing was lost: sync will try again "
                                      "later (the server's operator has to free space).", _retry_after(r))
        if r.status_code >= 500:
            raise TransientError(f"The central server has a problem (error {r.status_code}). Sync will try again later.",
                                 _retry_after(r))
        if r.status_code == 403 and _error_code(r) == "office_revoked":
            raise RefusedError("This office's access was revoked by the central server; ask the operator. Nothing "
                               "is sent until the operator issues a new enrolment code and IT enrols the office "
                               "again.", 403)
        if r.status_code in (401, 403):
            raise RefusedError(f"The central server did not accept this office's credentials: {_reason(r)}. "
                               "Ask IT to enrol the office again.", r.status_code)
        body = None
        try:
            body = r.json()
        except ValueError:
            pass
        raise RefusedError(f"The central server refused it: {_reason(r)}", r.status_code, body if isinstance(body, dict) else None)

    def _note_server_time(self, r: httpx.Response) -> None:
        """Once a pass: this computer's clock against the server's; further off than
        CLOCK_SLACK is a warning of the pass (the times recorded here are wrong)."""
        if self._clock_checked:
            return
        theirs = server_time(r)
        if theirs is None:
            return
        self._clock_checked = True
        here = _now()
        if abs(here - theirs) > CLOCK_SLACK:
            doubt = parse_doubt(r.headers.get(P.SERVER_TIME_DOUBT))
            self.clock_warning = (server_clock_doubted(here, theirs, doubt)
                                  if _agrees_with_doubters(here, theirs, doubt) else clock_off(here, theirs))

    def _probe_server_time(self) -> tuple[dt.datetime | None, ClockDoubt | None]:
        """The server's clock, and the offices' doubt of it, asked without checking its
        certificate (which this computer's date cannot check): no credentials are sent, and
        the answer only chooses the words said. (None, None) when it does not answer."""
        try:
            with httpx.Client(verify=False, transport=self.transport,
                              timeout=httpx.Timeout(self.cfg.connect_timeout)) as c:
                r = c.get(self.cfg.server_url.rstrip("/") + P.API_PREFIX + "/ping")
                return server_time(r), parse_doubt(r.headers.get(P.SERVER_TIME_DOUBT))
        except (httpx.HTTPError, ValueError, OSError):
            return None, None

    def _newest_recorded(self) -> dt.datetime | None:
        from records.models import AuditEvent

        try:
            with self.ws.session() as s:
                at = s.scalar(select(AuditEvent.at).order_by(AuditEvent.id.desc()).limit(1))
        except Exception:  # noqa: BLE001 - only chooses the words said
            return None
        return at.replace(tzinfo=dt.UTC) if at is not None else None

    def _certificate_dates_reason(self, e: Exception) -> str:
        """The certificate is out of its dates on this computer's clock: is the clock wrong
        (the server's says another time, or the clock is before work recorded here) or the
        certificate? One line saying which, with this computer's date."""
        here, (theirs, doubt) = _now(), self._probe_server_time()
        if theirs is not None:
            if abs(here - theirs) <= CLOCK_SLACK:
                return certificate_dates(here)
            if _agrees_with_doubters(here, theirs, doubt):
                # the other offices' clocks agree with this one: the server's clock is the wrong one
                return certificate_dates_server_clock_wrong(here, theirs, doubt)
            return clock_wrong(here, theirs)
        newest = self._newest_recorded()
        if newest is not None and here < newest - CLOCK_SLACK:
            return clock_behind_work(here, newest)
        return f"Cannot reach the central server: {_net_reason(e)}."

    def _json(self, r: httpx.Response):
        ctype = r.headers.get("content-type", "")
        if "json" not in ctype:
            raise TransientError("The network answered with a web page instead of the central server "
                                 "(a Wi-Fi or hotel login page?). Sign in with a browser, then press Sync now.")
        try:
            return r.json()
        except ValueError:
            raise TransientError("The answer from the server was cut off or garbled. Sync will try again.") from None

    def _commit(self, fn: Callable[[Session], object]):
        """Run `fn` in one workspace transaction; a full disk becomes a clear DiskFullError."""
        try:
            with self.ws.session() as s:
                return fn(s)
        except (OperationalError, OSError) as e:
            if _is_disk_full(e):
                raise DiskFullError(DISK_FULL) from None
            raise

    def _paused_now(self) -> bool:
        with self.ws.session() as s:
            return get_state(s, K_PAUSED) == "1"

    # -- public ----------------------------------------------------------
    def server_reachable(self) -> bool:
        """True when the server answers as a Daftar server (for a connectivity watcher)."""
        return self.reach() is True

    def reach(self) -> bool | str:
        """True when the server answers as a Daftar server, False when it does not; why in
        words when its certificate fails on this computer's date (the clock is wrong, most
        often: no connection would help until it is set)."""
        try:
            r = self.client.get("/v1/ping", timeout=self.cfg.connect_timeout)
            return r.status_code == 200 and "json" in r.headers.get("content-type", "") \
                and r.json().get("service") == "daftar-sync"
        except httpx.HTTPError as e:
            if _certificate_failed(e) and _date_invalid(e):
                return self._certificate_dates_reason(e)
            return False
        except ValueError:
            return False

    def run_once(self, *, force: bool = True, reconcile: bool = False) -> SyncReport:
        """One pass: push every pending batch, then pull decisions. `force` ignores backoff times.
        A pass holds `pass_lock` while it runs; items a pass cut off before left `uploading` or
        `submitted` are queued again first. Before it pushes, it compares what the server holds
        with what this office sent (`reconcile`: all of it now, whatever the schedule says)."""
        with pass_lock(self.ws) as alone:
            return self._run_once(force, alone, reconcile)

    def _run_once(self, force: bool, alone: bool | None, reconcile: bool = False) -> SyncReport:
        rep = SyncReport()
        self._clock_checked, self.clock_warning = False, ""
        self._answered, self._batch_at, self._drop = False, (0, 0), None
        with self.ws.session() as s:
            if get_state(s, K_PAUSED) == "1":
                rep.paused = True
                return rep
        try:
            if alone:
                self._commit(_requeue_cut_off)
            with self._stage("reconcile"):
                self._reconcile(rep)
            with self._stage("holdings"):
                self.reconcile(rep, forced=reconcile)
            batches = self._pending_batches(force)
            for i, batch_id in enumerate(batches, 1):
                self._batch_at = (i, len(batches))
                self._push_batch(batch_id, rep)
            self._batch_at = (0, 0)
            with self._stage("pull"):
                self._pull(rep)
        except DiskFullError as e:
            rep.errors.append(str(e))
        except TransientError as e:
            rep.link_dropped = isinstance(e, LinkDropped) and self._answered
            rep.errors.append(self._dropped_words() if rep.link_dropped else str(e))
            rep.retry_later = True
        except RefusedError as e:
            rep.errors.append(str(e))
        finally:
            self.close()
        if self.clock_warning:
            rep.warnings.append(self.clock_warning)
        msg = rep.errors[-1] if rep.errors else ""
        try:
            def _finish(s):
                resent = _id_list(get_state(s, K_RESENT))
                if resent:  # said while they wait: those acknowledged since are no longer
                    still = {i for k in range(0, len(resent), 500) for i in s.scalars(select(OutboxItem.id).where(
                        OutboxItem.id.in_(resent[k:k + 500]), OutboxItem.state.in_(PENDING)))}
                    set_state(s, K_RESENT, json.dumps([i for i in resent if i in still]) if still else "")
                set_state(s, K_LAST_ERROR, msg)
                set_state(s, K_LAST_PASS, utcnow().isoformat(timespec="seconds") + "Z")
                if not rep.errors:
                    set_state(s, K_LAST_SUCCESS, utcnow().isoformat(timespec="seconds") + "Z")
            self._commit(_finish)
        except DiskFullError:
            pass
        return rep

    def _dropped_words(self) -> str:
        """What a pass that ended with the connection dropped after the server had answered
        says: not "no connection", but where it dropped and what the server kept."""
        if self._drop is not None and self._drop[2] > 0:
            i, n, kept = self._drop
            return LINK_DROPPED_KEPT.format(i, n, size_text(kept))
        return LINK_DROPPED

    # -- push ------------------------------------------------------------
    def _reconcile(self, rep: SyncReport) -> None:
        """Ask the server whether it still holds every batch this office has a receipt for, and
        queue again (the very signed submission) any it does not: a server database restored
        from a backup has lost what arrived after it, and the office would never send it again."""
        with self.ws.session() as s:
            acked = s.execute(select(Batch.id, Batch.uuid).where(Batch.state == "acknowledged")
                              .order_by(Batch.id)).all()
        if not acked:
            return
        held: set[str] = set()
        for i in range(0, len(acked), 1000):
            part = [u for _, u in acked[i:i + 1000]]
            try:
                r = self._call("POST", "/v1/batches/held", json={"batch_ids": part})
            except RefusedError as e:
                if e.status in (404, 405):  # a server from before this question: nothing to compare
                    return
                raise
            got = self._json(r)
            if not isinstance(got, dict) or not isinstance(got.get("held"), list):
                raise TransientError("The network answered with something that is not the central server "
                                     "(a Wi-Fi login page?). Sync will try again.")
            held.update(got["held"])
        rep.reached_server = True
        missing = [(bid, u) for bid, u in acked if u not in held]
        if not missing:
            return

        def fn(s: Session) -> int:
            now, resent, decided = utcnow(), [], []
            for bid, uuid_ in missing:
                items = s.execute(select(OutboxItem.id, OutboxItem.state).where(
                    OutboxItem.batch_id == bid, OutboxItem.state.in_(RECEIVED))).all()
                resent += [i for i, _st in items]
                decided += [i for i, st in items if st in DECIDED]
                n = s.execute(
                    update(OutboxItem).where(OutboxItem.batch_id == bid, OutboxItem.state.in_(RECEIVED))
                    .values(state="queued", attempts=0, next_attempt_at=None, last_error=REQUEUED, updated_at=now)
                    .execution_options(synchronize_session=False)).rowcount
                s.get(Batch, bid).state = "sealed"
                audit.record(s, actor=SYSTEM, action="batch.requeued", entity="batch", entity_id=uuid_,
                             detail={"entries": n, "reason": "the central server does not hold it"})
            # said until acknowledged again; a decision made here stays named as lost until made again
            set_state(s, K_RESENT, json.dumps(sorted(set(_id_list(get_state(s, K_RESENT))) | set(resent))))
            new_lost = set(decided) - set(_id_list(get_state(s, K_DECISIONS_LOST)))
            if new_lost:
                set_state(s, K_DECISIONS_LOST,
                          json.dumps(sorted(set(_id_list(get_state(s, K_DECISIONS_LOST))) | new_lost)))
                audit.record(s, actor=SYSTEM, action="sync.decisions_lost", entity="office",
                             entity_id=office_identity(s).uuid,
                             detail={"entries": len(new_lost), "reason": "the central server no longer holds "
                                     "these entries, nor their decisions (restored from a backup?)"})
            return len(resent), len(new_lost)
        lost, decided = self._commit(fn)
        rep.entries_lost += lost
        rep.decisions_lost += decided
        rep.batches_requeued += len(missing)

    # -- reconciliation --------------------------------------------------------
    def reconcile(self, rep: SyncReport, *, forced: bool = False) -> None:
        """Compare what the central server holds of this office's entries with every entry
        version this office holds a receipt for (outbox items acknowledged, accepted or
        rejected), and put back in the outbox what the server lacks or holds with another hash.

        Every pass asks the summary (`GET /v1/holdings/summary`: the server's epoch and its
        counts by state, one request). All the holdings (`GET /v1/holdings`, 5,000 a page) are
        read when `forced` (`daftar sync --reconcile`), when the server's epoch is not the one
        last seen (its database found restored), when the server holds fewer entries, or fewer
        decided ones, than this office has received or decided, and otherwise at most once a
        day (RECONCILE_EVERY). A server from before these routes (404) is not asked.

        What the server lacks goes back into the outbox and is sent in this same pass, its page
        images too (`_send_batch` asks which the server holds): a batch the server lacks whole
        is queued again as it was signed; entries of a batch it holds in part are sealed into a
        new batch with their very documents (`records.outbox.reseal_items`, audited
        `batch.resend`, reason "reconcile"). An entry the server holds with another hash is
        sent again too: the server refuses it as a conflict, which a supervisor settles.

        An entry decided here (accepted or rejected) whose decision the server no longer has
        (it holds it `received`, or lacks it and gets it again) keeps its state here: the
        decision was made and recorded in the audit trail, and nothing is undone without a
        decision. It is named among the decisions the server lost (`QueueStatus.decisions_lost`)
        until the central office decides it again. Audited `sync.reconciled` when anything
        was found."""
        with self.ws.session() as s:
            here = dict(s.execute(select(OutboxItem.state, func.count()).where(OutboxItem.state.in_(RECEIVED))
                                  .group_by(OutboxItem.state)).all())
        if not here:  # nothing received by the server yet: nothing it could have lost
            return
        with self.ws.session() as s:
            seen, at = get_state(s, K_EPOCH) or "", get_state(s, K_RECONCILED_AT) or ""
        daily = _older_than(at, RECONCILE_EVERY) and bool(seen)  # (never compared: all of it)
        try:
            r = self._call("GET", "/v1/holdings/summary", params={"ranges": "true"} if daily and not forced else None)
        except RefusedError as e:
            if e.status in (404, 405):  # a server from before reconciliation
                return
            raise
        got = self._json(r)
        try:
            summary = P.HoldingsSummary.model_validate(got)
        except ValueError:
            raise TransientError("The network answered with something that is not the central server "
                                 "(a Wi-Fi login page?). Sync will try again.") from None
        rep.reached_server = True
        with self.ws.session() as s:
            # decisions known lost already (named in the status until made again) are not a new
            # loss: without this every pass would read all the holdings until they are made again
            lost = _id_list(get_state(s, K_DECISIONS_LOST))
            known_lost = sum(s.scalar(select(func.count()).select_from(OutboxItem).where(
                OutboxItem.id.in_(lost[i:i + 500]), OutboxItem.state.in_(DECIDED))) or 0
                for i in range(0, len(lost), 500))
        received, decided = sum(here.values()), sum(here.get(k, 0) for k in DECIDED) - known_lost
        theirs_decided = sum(summary.states.get(k, 0) for k in DECIDED)
        why = ("asked" if forced
               else "epoch" if seen and seen != summary.epoch
               else "fewer" if summary.entries < received or theirs_decided < decided
               else "daily" if _older_than(at, RECONCILE_EVERY)
               else "")
        if not why:
            if not seen:
                self._commit(lambda s: set_state(s, K_EPOCH, summary.epoch))
            return
        held: dict[tuple[str, int], tuple[str, str]] = {}
        after, epoch = 0, summary.epoch
        if why == "daily" and summary.ranges is not None and summary.range_size:
            # the daily check: only the ranges of server ids whose digest differs from this office's
            differ = self._differing_ranges(summary)
            if differ is not None:
                size = summary.range_size
                for k in sorted(differ):
                    page = self._holdings_page({"after": max(0, k * size - 1), "limit": size})
                    epoch = page.epoch
                    for sid, uuid_, version, sha, state in page.entries:
                        if sid // size == k:
                            held[(uuid_, version)] = (sha, state)
                self._commit(lambda s: self._settle_holdings(s, held, epoch, why, rep, ranges=(differ, size)))
                return
        while True:
            page = self._holdings_page({"after": after})
            epoch = page.epoch
            for _sid, uuid_, version, sha, state in page.entries:
                held[(uuid_, version)] = (sha, state)
            if not page.more or not page.entries:
                break
            after = page.cursor
        self._commit(lambda s: self._settle_holdings(s, held, epoch, why, rep))

    def _holdings_page(self, params: dict):
        """One page of `GET /v1/holdings` (what the server holds of this office's entries)."""
        r = self._call("GET", "/v1/holdings", params=params)
        try:
            return P.Holdings.model_validate(self._json(r))
        except ValueError:
            raise TransientError("The server's list of what it holds was cut off or garbled. Sync will try "
                                 "again.") from None

    def _differing_ranges(self, summary: P.HoldingsSummary) -> set[int] | None:
        """The ranges of server ids (`summary.range_size` each) whose count or digest at the
        server is not this office's, computed from its receipts' server ids; None when an item
        received has no server id to place it by (then all of it is compared)."""
        size = summary.range_size or 1
        mine: dict[int, list[tuple[int, str, int, str]]] = {}
        with self.ws.session() as s:
            for sid, uuid_, version, sha in s.execute(select(OutboxItem.server_id, OutboxItem.entry_uuid,
                                                             OutboxItem.version, OutboxItem.content_sha256)
                                                      .where(OutboxItem.state.in_(RECEIVED))):
                n = _server_number(sid)
                if n is None:
                    return None
                mine.setdefault(n // size, []).append((n, uuid_, version, sha))
        ours = {k: (len(v), P.range_digest((u, ver, h) for _n, u, ver, h in sorted(v))) for k, v in mine.items()}
        theirs = {k: (n, d) for k, n, d in summary.ranges or ()}
        return {k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k)}

    @staticmethod
    def _settle_holdings(s: Session, held: dict[tuple[str, int], tuple[str, str]], epoch: str, why: str,
                         rep: SyncReport, ranges: tuple[set[int], int] | None = None) -> None:
        """The comparison and what it puts back in the outbox, in one workspace transaction.
        `ranges` (the ranges of server ids read, their size): only the items received whose
        server id is in one of them are compared."""
        from records.outbox import reseal_items

        rows = s.execute(select(OutboxItem.id, OutboxItem.batch_id, OutboxItem.entry_uuid, OutboxItem.version,
                                OutboxItem.content_sha256, OutboxItem.state, OutboxItem.server_id)
                         .where(OutboxItem.state.in_(RECEIVED))).all()
        if ranges is not None:
            read, size = ranges
            rows = [r for r in rows if (_server_number(r[6]) or 0) // size in read]
        rows = [r[:6] for r in rows]
        lacked, differ, undecided = [], [], []
        for iid, bid, uuid_, version, sha, state in rows:
            h = held.get((uuid_, version))
            if h is None:
                lacked.append((iid, bid, state))
            elif h[0] != sha:
                differ.append((iid, bid, state))
            elif state in DECIDED and h[1] == "received":
                undecided.append(iid)
        again = lacked + differ
        lost_decisions = undecided + [iid for iid, _b, st in again if st in DECIDED]
        set_state(s, K_EPOCH, epoch)
        set_state(s, K_RECONCILED_AT, utcnow().isoformat(timespec="seconds") + "Z")
        rep.reconciled = why
        if not again and not lost_decisions:
            return
        now = utcnow()
        by_batch: dict[int, list[int]] = {}
        for iid, bid, _st in again:
            by_batch.setdefault(bid, []).append(iid)
        whole, part = [], []
        for bid, ids in by_batch.items():
            n = s.scalar(select(func.count()).select_from(OutboxItem).where(OutboxItem.batch_id == bid)) or 0
            (whole if n == len(ids) else part).append(bid)
        for bid in whole:  # the server lacks the whole batch: its very signed submission again
            s.execute(update(OutboxItem).where(OutboxItem.batch_id == bid)
                      .values(state="queued", attempts=0, next_attempt_at=None, last_error=RESENT, updated_at=now)
                      .execution_options(synchronize_session=False))
            batch = s.get(Batch, bid)
            batch.state = "sealed"
            audit.record(s, actor=SYSTEM, action="batch.requeued", entity="batch", entity_id=batch.uuid,
                         detail={"entries": len(by_batch[bid]), "reason": "reconcile: the central server does not "
                                 "hold its entries"})
        if part:  # the server holds the batch in part: its missing entries in a new batch
            ids = [i for bid in part for i in by_batch[bid]]
            items = [s.get(OutboxItem, i) for i in sorted(ids)]
            try:
                reseal_items(s, actor=SYSTEM, items=items, reason="reconcile")
            except OutboxError as e:  # the records changed outside Daftar: nothing is signed afresh
                rep.errors.append(f"{len(items)} entries the central server had lost could not be sent again: {e}")
                again = [a for a in again if a[1] not in part]
            else:
                for it in items:
                    it.last_error = RESENT
        new_lost = set(lost_decisions) - set(_id_list(get_state(s, K_DECISIONS_LOST)))
        if new_lost:  # (as `_settle_reread` records those a re-read of the decisions finds)
            set_state(s, K_DECISIONS_LOST, json.dumps(sorted(set(_id_list(get_state(s, K_DECISIONS_LOST))) | new_lost)))
            audit.record(s, actor=SYSTEM, action="sync.decisions_lost", entity="office",
                         entity_id=office_identity(s).uuid,
                         detail={"entries": len(new_lost), "reason": "the central server no longer has their "
                                 "decisions (restored from a backup?)"})
        if again:
            before = _id_list(get_state(s, K_RESENT))
            set_state(s, K_RESENT, json.dumps(sorted(set(before) | {i for i, _b, _st in again})))
        audit.record(s, actor=SYSTEM, action="sync.reconciled", entity="office", entity_id=office_identity(s).uuid,
                     detail={"why": why, "epoch": epoch, "held": len(held), "received_here": len(rows),
                             "lacked": len(lacked), "other_hash": len(differ), "decisions_lost": len(lost_decisions),
                             "batches_requeued": len(whole), "batches_in_part": len(part)})
        rep.entries_lost += len(lacked)
        rep.entries_differ += len(differ)
        rep.decisions_lost += len(new_lost)

    def _pending_batches(self, force: bool) -> list[int]:
        now = utcnow()
        with self.ws.session() as s:
            stmt = select(OutboxItem.batch_id).where(OutboxItem.state.in_(PENDING))
            if not force:
                stmt = stmt.where((OutboxItem.next_attempt_at.is_(None)) | (OutboxItem.next_attempt_at <= now))
            return sorted(set(s.scalars(stmt)))

    def _note_attempt(self, batch_id: int, state: str) -> int:
        """Write the retry state before an attempt (one transaction, one bulk UPDATE for all
        items of the batch); returns the attempt number."""
        def fn(s: Session) -> int:
            rows = s.execute(select(OutboxItem.id, OutboxItem.attempts).where(
                OutboxItem.batch_id == batch_id, OutboxItem.state.in_(PENDING))).all()
            now = utcnow()
            params = [{"id": i, "attempts": a + 1, "state": state, "updated_at": now,
                       "next_attempt_at": now + dt.timedelta(seconds=self.backoff(a + 1))} for i, a in rows]
            if params:
                s.execute(update(OutboxItem), params)
            return max((p["attempts"] for p in params), default=0)
        return self._commit(fn)

    def _note_error(self, batch_id: int, message: str, state: str | None = None, delay: float | None = None) -> None:
        def fn(s: Session) -> None:
            for it in s.scalars(select(OutboxItem).where(OutboxItem.batch_id == batch_id, OutboxItem.state.in_(PENDING))):
                it.last_error = message
                if state:
                    it.state = state
                if delay is not None:
                    it.next_attempt_at = utcnow() + dt.timedelta(seconds=delay)
        try:
            self._commit(fn)
        except DiskFullError:
            pass

    def _push_batch(self, batch_id: int, rep: SyncReport) -> None:
        counted: set[str] = set()  # images of this batch counted in rep already (uploaded or found there)
        held_before, attempt, tries, kept = -1, 0, 0, 0
        while True:
            attempt, tries = attempt + 1, tries + 1
            self._held_now = 0  # bytes of the batch (images, body) the server held at this attempt's start
            self._confirmed = 0
            with self._stage("retry_state"):
                self._note_attempt(batch_id, "uploading")
            if self._batch_at[1]:
                self.progress("batches", *self._batch_at)
            try:
                self._send_batch(batch_id, rep, counted)
                return
            except TransientError as e:
                # a link that drops often but moves bytes between drops (the server held more at this
                # attempt's start than at the one before): the drop does not count against the pass
                if isinstance(e, LinkDropped) and 0 <= held_before < self._held_now \
                        and tries < 20 * self.cfg.max_attempts:
                    attempt = 0
                held_before = max(held_before, self._held_now)
                kept = max(kept, self._held_now + self._confirmed)  # (at least: what the server said it held)
                delay = e.retry_after if e.retry_after is not None else self.backoff(max(1, attempt))
                delay = min(delay, self.cfg.backoff_max)
                # nothing is uploading any more: the batch waits to be sent again
                self._note_error(batch_id, str(e), state="queued", delay=delay)
                if attempt >= self.cfg.max_attempts or self._paused_now() \
                        or isinstance(e, (CertificateError, ServerDiskFullError)):
                    if isinstance(e, LinkDropped) and self._answered:
                        self._drop = (*self._batch_at, kept)
                        self._note_error(batch_id, self._dropped_words())
                    raise
                self._say_retry(e, delay, attempt + 1)
                self.sleep(delay)
            except LocalImageError as e:  # this office's own copy is at fault: the next batches may go
                rep.errors.append(f"{e} Its batch waits until then; the other batches are sent.")
                self._note_error(batch_id, rep.errors[-1], state="queued")
                return
            except RefusedError as e:
                if e.status in (401, 403):  # credentials: the batch itself is fine, keep it queued
                    self._note_error(batch_id, str(e), state="queued")
                    raise
                self._refused(batch_id, e, rep)
                return

    def _say_retry(self, e: TransientError, delay: float, attempt: int) -> None:
        """Tell `progress` the pass waits `delay` seconds before attempt `attempt` (why: a
        dropped connection, or another passing problem)."""
        self.progress("link_dropped" if isinstance(e, LinkDropped) else "retry", max(1, math.ceil(delay)), attempt)

    def _confirm(self, n: int) -> int:
        """The server confirmed `n` more bytes of the batch (upload threads); the attempt's total."""
        with self._count_lock:
            self._confirmed += n
            return self._confirmed

    def _send_batch(self, batch_id: int, rep: SyncReport, counted: set[str] | None = None) -> None:
        with self._stage("read_batch"), self.ws.session() as s:
            batch = s.get(Batch, batch_id)
            body = submission(batch)
        images = body["manifest"].get("images", [])
        self._upload_images(images, rep, set() if counted is None else counted)
        with self._stage("submitted_state"):
            self._commit(lambda s: s.execute(
                update(OutboxItem).where(OutboxItem.batch_id == batch_id, OutboxItem.state.in_(PENDING))
                .values(state="submitted", updated_at=utcnow()).execution_options(synchronize_session=False)))
        data = gzip.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                             compresslevel=6, mtime=0)  # JSON shrinks about 6x: minutes on a slow line
        try:
            with self._stage("submit_batch"):
                r = self._submit_uploaded(data) if len(data) > self.cfg.resumable_body else None
                if r is None:
                    r = self._call("POST", "/v1/batches", content=data,
                                   headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})
        except RefusedError as e:
            if e.body.get("error") == "images_missing":  # lost on the server side: upload them again
                raise TransientError("Some page images did not reach the server; they will be sent again.") from None
            if e.body.get("error") == "body_missing":
                raise TransientError("The batch did not reach the server whole; it is sent again.") from None
            raise
        rep.reached_server = True
        try:
            receipt = P.check_receipt(self._json(r), body["manifest"])
        except P.ReceiptError as e:
            raise TransientError(f"The server's answer is not a valid receipt ({e}); maybe a Wi-Fi login page "
                                 "or a proxy answered. Sync will try again.") from None
        with self._stage("acknowledge"):
            self._acknowledge(batch_id, receipt, rep)

    def _upload_images(self, images: list[str], rep: SyncReport, counted: set[str]) -> None:
        """Ask which images the server holds (one request), upload the rest, a few at a time.
        `counted`: the batch's images counted in `rep` by an earlier attempt of this pass (an
        image it uploaded is not "already there" when the next attempt finds it complete)."""
        if not images:
            return
        with self._stage("images_query"):
            held = self._held(images)
        self._held_now += sum(int(held[h].get("offset", 0)) for h in images)
        todo = [h for h in images if not held[h].get("complete")]
        found = {h for h in images if held[h].get("complete")} - counted
        rep.images_skipped += len(found)
        counted |= found
        done = len(images) - len(todo)
        self.progress("images", done, len(images))
        if not todo:
            return
        from concurrent.futures import ThreadPoolExecutor

        # the batch's image bytes, from the sizes of the files here (an encrypted workspace's are a
        # few bytes larger than the images: this is for saying how far the upload is), and those the
        # server holds (whole images, and what an earlier attempt or pass left of the others)
        at_server = sum(int(held[h].get("offset", 0)) for h in images)
        total = max(at_server, sum(int(held[h].get("offset", 0)) if held[h].get("complete")
                                   else self._stored_size(h) for h in images))
        if any(int(held[h].get("offset", 0)) for h in todo):
            self.progress("images_resumed", at_server, total)
        self.progress("image_bytes", at_server, total)
        base = self._confirmed

        def said(_at: int) -> None:
            self.progress("image_bytes", min(total, at_server + self._confirmed - base), total)

        with self._stage("images_upload"), \
                ThreadPoolExecutor(max(1, self.cfg.parallel_uploads), thread_name_prefix="sync-upload") as pool:
            futures = [(h, pool.submit(self._upload_image, h, int(held[h].get("offset", 0)), said)) for h in todo]
            errors = []
            for h, f in futures:
                try:
                    sent = f.result()
                except SyncError as e:
                    errors.append(e)
                    continue
                rep.bytes_uploaded += sent
                if h not in counted:
                    rep.images_uploaded += 1
                    counted.add(h)
                done += 1
                self.progress("images", done, len(images))
        if errors:
            raise errors[0]

    def _held(self, hashes: list[str]) -> dict[str, dict]:
        """What the server holds of each upload named by its SHA-256 (`offset`, `complete`),
        asked 1,000 at a time (POST /v1/images/query)."""
        held: dict[str, dict] = {}
        for i in range(0, len(hashes), 1000):
            part = hashes[i:i + 1000]
            got = self._json(self._call("POST", "/v1/images/query", json={"hashes": part}))
            if not isinstance(got, dict) or any(not isinstance(got.get(h), dict) for h in part):
                raise TransientError("The network answered with something that is not the central server "
                                     "(a Wi-Fi login page?). Sync will try again.")
            held.update(got)
        return held

    def _submit_uploaded(self, data: bytes) -> httpx.Response | None:
        """Send a large compressed batch body as a resumable upload from where the server is
        (a dropped connection costs only the part in flight), then submit it by its hash;
        None when the server is older than POST /v1/batches/uploaded (send it whole)."""
        sha = hashlib.sha256(data).hexdigest()
        held = self._held([sha])[sha]
        self._held_now += int(held.get("offset", 0))
        if not held.get("complete"):
            if int(held.get("offset", 0)):
                self.progress("batch_resumed", int(held.get("offset", 0)), len(data))
            self._upload_bytes(sha, data, int(held.get("offset", 0)),
                               sent_to=lambda at: self.progress("batch", at, len(data)))
        self.progress("batch", len(data), len(data))
        r = self._call("POST", "/v1/batches/uploaded", accept=(200, 404, 405), json={"sha256": sha})
        return None if r.status_code in (404, 405) else r

    def _stored_size(self, sha: str) -> int:
        """The size of an image's file in the workspace (0 when it cannot be read)."""
        try:
            return self.ws.images.path(sha).stat().st_size
        except (OSError, AttributeError):
            return 0

    def _upload_image(self, sha: str, offset: int, sent_to: Callable[[int], None] = lambda at: None) -> int:
        """Upload one image from `offset` (where the server is); returns the bytes sent."""
        try:
            data = self.ws.images.get(sha)
        except (ImageStoreError, CryptoError) as e:  # missing, damaged: said in words, the batch waits
            raise LocalImageError(str(e)) from None
        return self._upload_bytes(sha, data, offset, sent_to=sent_to)

    def _upload_bytes(self, sha: str, data: bytes, offset: int,
                      sent_to: Callable[[int], None] = lambda at: None) -> int:
        """Upload `data` (named by its SHA-256) from `offset`; returns the bytes sent.
        `sent_to(n)`: the server holds the first n bytes (before each part and after it)."""
        sent, restarted = 0, False
        total = len(data)
        if offset > total:
            offset = 0
        while True:
            sent_to(offset)
            chunk = data[offset: offset + self.cfg.chunk_size]
            r = self._call("POST", f"/v1/images/{sha}", accept=(200, 409, 422), content=chunk,
                           headers={P.UPLOAD_OFFSET: str(offset), P.UPLOAD_LENGTH: str(total),
                                    "Content-Type": "application/octet-stream"})
            st = self._json(r)
            if r.status_code == 409:
                offset = int(st.get("offset", 0))
                continue
            if r.status_code == 422:
                if st.get("error") == "hash_mismatch" and not restarted:  # a damaged partial: once more from 0
                    restarted, offset = True, 0
                    continue
                raise RefusedError(f"The central server refused page image {sha[:12]}…: {st.get('detail', st)}",
                                   422, st if isinstance(st, dict) else None)
            sent += len(chunk)
            if st.get("complete"):
                self._confirm(total - offset)
                sent_to(total)
                return sent
            self._confirm(max(0, int(st["offset"]) - offset))
            offset = int(st["offset"])

    def _acknowledge(self, batch_id: int, receipt: P.Receipt, rep: SyncReport) -> None:
        by_key = {(e.entry_uuid, e.version): e for e in receipt.entries}

        def fn(s: Session) -> int:
            batch = s.get(Batch, batch_id)
            rows = s.execute(select(OutboxItem.id, OutboxItem.entry_id, OutboxItem.entry_uuid, OutboxItem.version)
                             .where(OutboxItem.batch_id == batch_id, OutboxItem.state.in_(PENDING))).all()
            now, moved, params = utcnow(), [], []
            for iid, entry_id, uuid_, version in rows:
                e = by_key[(uuid_, version)]
                params.append({"item_id": iid, "server_id": e.server_id, "receipt": {
                    "receipt_id": receipt.receipt_id, "batch_id": receipt.batch_id,
                    "received_at": receipt.received_at, "server_id": e.server_id, "sha256": e.sha256}})
                moved.append(entry_id)
            if params:  # one Core executemany UPDATE by primary key (no ORM work per row)
                table = OutboxItem.__table__
                s.connection().execute(
                    update(table).where(table.c.id == bindparam("item_id")).values(
                        state="acknowledged", server_id=bindparam("server_id"), receipt=bindparam("receipt"),
                        last_error=None, next_attempt_at=None, updated_at=now), params)
            _move_entries(s, moved, "send")
            n = len(moved)
            batch.state = "acknowledged"
            audit.record(s, actor=SYSTEM, action="batch.acknowledged", entity="batch", entity_id=batch.uuid,
                         detail={"receipt_id": receipt.receipt_id, "entries": n})
            return n
        with gc_paused():
            n = self._commit(fn)
        rep.batches_acknowledged += 1
        rep.entries_acknowledged += n

    def _refused(self, batch_id: int, e: RefusedError, rep: SyncReport) -> None:
        conflicts = {(c["entry_uuid"], c["version"]): c for c in e.body.get("conflicts", [])} if e.status == 409 else {}

        def fn(s: Session) -> None:
            items = s.scalars(select(OutboxItem).where(OutboxItem.batch_id == batch_id, OutboxItem.state.in_(PENDING))).all()
            for it in items:
                c = conflicts.get((it.entry_uuid, it.version))
                if c:
                    it.state = "conflict"
                    it.last_error = (f"This entry version was sent before with different content. "
                                     f"Server copy {c['server_sha256']}, this office's copy {c['client_sha256']}. "
                                     "A supervisor must decide which is right: correcting the entry sends "
                                     "this office's copy as a new version; Compare with the server's copy shows "
                                     "the server's, which a supervisor may take instead.")
                    rep.conflicts += 1
                else:
                    it.state = "failed"
                    it.last_error = (str(e) if not conflicts else
                                     "Not sent: another entry in the same batch conflicts with the server's copy.")
                    rep.refused += 1
            batch = s.get(Batch, batch_id)
            audit.record(s, actor=SYSTEM, action="batch.refused", entity="batch", entity_id=batch.uuid,
                         detail={"status": e.status, "reason": str(e)[:500], "conflicts": len(conflicts)})
        self._commit(fn)
        rep.errors.append(str(e) if not conflicts else
                          f"{len(conflicts)} entry version(s) conflict with the server's copy: a supervisor must "
                          "check them; the batch's other entries are held back until sent again.")

    # -- pull ------------------------------------------------------------
    def _pull(self, rep: SyncReport) -> None:
        """Fetch decisions after the stored cursor; retried like the push (the cursor is durable)."""
        for attempt in range(1, self.cfg.max_attempts + 1):
            try:
                return self._pull_once(rep)
            except TransientError as e:
                if attempt == self.cfg.max_attempts or isinstance(e, (CertificateError, ServerDiskFullError)):
                    raise
                delay = min(e.retry_after if e.retry_after is not None else self.backoff(attempt), self.cfg.backoff_max)
                self._say_retry(e, delay, attempt + 1)
                self.sleep(delay)

    def _pull_once(self, rep: SyncReport) -> None:
        while True:
            with self.ws.session() as s:
                since = int(get_state(s, K_CURSOR, "0") or 0)
                at = get_state(s, K_CURSOR_ENTRY) or None
            params: dict[str, object] = {"since": since}
            if since and at:
                params["since_entry"] = at
            r = self._call("GET", "/v1/changes", params=params)
            rep.reached_server = True
            try:
                ch = P.Changes.model_validate(self._json(r))
            except ValueError:
                raise TransientError("The server's list of decisions was cut off or garbled. Sync will try again.") from None
            if ch.reset:  # the server does not know our cursor (its database was restored): from the start
                def restart(s: Session) -> None:
                    set_state(s, K_CURSOR, "0")
                    set_state(s, K_CURSOR_ENTRY, "")
                    # every decision held here is to be met again in the re-read; one that is not,
                    # the server no longer has (`_settle_reread`)
                    decided = s.scalars(select(OutboxItem.id).where(OutboxItem.state.in_(DECIDED))
                                        .order_by(OutboxItem.id)).all()
                    set_state(s, K_UNCONFIRMED, json.dumps(list(decided)))
                self._commit(restart)
                if since == 0:
                    raise TransientError("The server's list of decisions was cut off or garbled. Sync will try again.")
                continue

            def page(s: Session, ch=ch) -> tuple[int, int]:
                if ch.changes:
                    n = self._apply(s, ch)
                else:
                    n = 0
                    set_state(s, K_CURSOR, str(ch.cursor))
                return n, (0 if ch.more else _settle_reread(s))
            applied, lost = self._commit(page)
            rep.decisions_applied += applied
            rep.decisions_lost += lost
            if not ch.more:
                return

    @staticmethod
    def _apply(s: Session, ch: P.Changes) -> int:
        """Apply decisions and the new cursor in one transaction."""
        n = 0
        groups: dict[tuple[str, str], list[int]] = {}
        unconfirmed, lost = get_state(s, K_UNCONFIRMED), get_state(s, K_DECISIONS_LOST)
        met: set[int] = set()
        for d in ch.changes:
            it = s.scalar(select(OutboxItem).where(OutboxItem.entry_uuid == d.entry_uuid, OutboxItem.version == d.version))
            if it is None:
                continue
            met.add(it.id)
            it.state, it.decision_reason = d.decision, d.reason or None
            if d.decision == "rejected":
                it.last_error = f"Rejected by the central office: {d.reason}"
            groups.setdefault(("accept" if d.decision == "accepted" else "reject", d.reason or ""), []).append(it.entry_id)
            n += 1
        for (action, reason), ids in groups.items():
            _move_entries(s, ids, action, reason or None)
        set_state(s, K_CURSOR, str(ch.cursor))
        set_state(s, K_CURSOR_ENTRY, next((d.entry_uuid for d in ch.changes if d.cursor == ch.cursor), ""))
        # the server has these decisions: neither unconfirmed by a re-read nor lost any more
        if unconfirmed:
            set_state(s, K_UNCONFIRMED, json.dumps([i for i in _id_list(unconfirmed) if i not in met]))
        if lost:
            set_state(s, K_DECISIONS_LOST, json.dumps([i for i in _id_list(lost) if i not in met]))
        return n


def _server_number(server_id: str | None) -> int | None:
    """The number of a receipt's server id ("E123" -> 123); None when there is none."""
    try:
        return int(server_id[1:]) if server_id and server_id[0] == "E" else None
    except ValueError:
        return None


def _older_than(when: str, age: dt.timedelta) -> bool:
    """Whether the ISO time `when` (UTC) is more than `age` ago, or unknown, or after now (a
    clock set back since: asked again rather than never)."""
    try:
        t = dt.datetime.fromisoformat(when.replace("Z", ""))
    except (ValueError, AttributeError):
        return True
    now = utcnow()
    return not (now - age <= t <= now + dt.timedelta(minutes=10))


def _settle_reread(s: Session) -> int:
    """At the end of the decisions (no more pages): when they were read again from the start
    (the server did not know the cursor), the decisions held here that the re-read did not
    meet are ones the server no longer has. They are kept as they are (the entries stay as the
    audit trail recorded them) and named in the status (`QueueStatus.decisions_lost`) until
    the central office decides them again. Returns how many were found now."""
    unconfirmed = get_state(s, K_UNCONFIRMED)
    if not unconfirmed:
        return 0
    left = set(_id_list(unconfirmed))
    if left:  # only those still decided here (not sent again since, not superseded)
        left = set(s.scalars(select(OutboxItem.id).where(OutboxItem.id.in_(list(left)[:20000]),
                                                          OutboxItem.state.in_(DECIDED))).all())
    before = set(_id_list(get_state(s, K_DECISIONS_LOST)))
    set_state(s, K_DECISIONS_LOST, json.dumps(sorted(before | left)))
    set_state(s, K_UNCONFIRMED, "")
    if left - before:
        audit.record(s, actor=SYSTEM, action="sync.decisions_lost", entity="office",
                     entity_id=office_identity(s).uuid,
                     detail={"entries": len(left - before),
                             "reason": "the central server no longer has their decisions (restored from a backup?)"})
    return len(left - before)


def run_once(ws, **kw) -> SyncReport:
    """One sync pass for workspace `ws` with its stored configuration."""
    return SyncEngine(ws, **kw).run_once()


def connection_state(ws, **kw) -> bool | str:
    """What the desktop's connectivity watcher polls: True when the central server answers,
    False when it does not (no connection), or why this office cannot sync whatever the
    network (not enrolled with a central server yet, its CA file missing: what IT must do)."""
    try:
        eng = SyncEngine(ws, **kw)
    except SyncError as e:
        return str(e)
    try:
        return eng.reach()
    finally:
        eng.close()


def server_reachable(ws, **kw) -> bool:
    """Does the central server answer? (False too when the office cannot sync at all.)"""
    return connection_state(ws, **kw) is True
