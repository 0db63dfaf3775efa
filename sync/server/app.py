"""FastAPI application of the central sync server. Its OpenAPI document (/openapi.json)
is the published sync API (docs/sync-api.md explains it)."""


import asyncio
import contextlib
import datetime as dt
import errno
import hashlib
import logging
import secrets
import time
import zlib
from collections.abc import Iterator
from typing import Annotated
from urllib.parse import parse_qs, urlencode

from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy import update
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import ClientDisconnect

from sync import protocol as P
from sync.clocks import OfficeClocks, parse_clock
from sync.gcpause import gc_paused
from sync.server import central, clockstore, ingest, instance, operators, review, uploads
from sync.server.config import Settings
from sync.server.db import ServerAdminSession, make_engine, make_sessionmaker
from sync.server.storage import LocalImageStorage, OffsetMismatch
from sync.server.words import LANG_COOKIE, LANGS, N_, Words, accepted_language

TOKEN_CACHE_SECONDS = 10.0  # a re-enrolled office's old token keeps working at most this long
ADMIN_COOKIE = "daftar_admin"  # the admin page's sign-in (a browser): never the token in an address
DISK_FULL = ("the central server's disk is full: nothing sent was lost; the office tries again later "
             "(the operator must free or add space)")
DISK_FULL_RETRY = 600  # seconds the office waits before it tries again
log = logging.getLogger("daftar.server")
SHA_PATH = Path(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the whole image (lower-case hex)")
bearer = HTTPBearer(auto_error=False, description="device token (offices), an operator's API token or the shared "
                                                   "admin token")


class DecisionIn(BaseModel):
    entry_uuid: str
    version: int
    decision: str
    reason: str = ""


class DecisionsIn(BaseModel):
    decisions: list[DecisionIn]


class UploadState(BaseModel):
    offset: int
    complete: bool


class ImageQuery(BaseModel):
    hashes: list[str] = Field(max_length=10000)


class Fault(BaseModel):
    """A scripted answer for tests: the next `count` requests matching method/path get it."""

    method: str = "*"
    path: str = "/v1/"
    status: int = 503
    headers: dict[str, str] = {}
    body: str = ""
    content_type: str = "application/json"
    count: int = 1
    after: bool = False  # run the real handler first (its effect commits), then answer this


class _FaultMiddleware:
    """Test hook (plain ASGI, so other requests pay nothing for it): the next requests that
    match a scripted `Fault` get its answer, after the real handler ran if `after`."""

    def __init__(self, app, faults: list[Fault]):
        self.app, self.faults = app, faults

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            for f in list(self.faults):
                if f.count > 0 and scope["path"].startswith(f.path) and f.method in ("*", scope["method"]):
                    f.count -= 1
                    if f.after:
                        async def discard(_message):
                            pass
                        await self.app(scope, receive, discard)
                    answer = Response(f.body, status_code=f.status, headers=f.headers, media_type=f.content_type)
                    await answer(scope, receive, send)
                    return
        await self.app(scope, receive, send)


class _ServerTimeMiddleware:
    """Every answer says the server's time (`P.SERVER_TIME`): the office compares its own clock
    with it (sync.engine: a wrong date said as such, not as a certificate error)."""

    def __init__(self, app, clocks: OfficeClocks):
        self.app = app
        self.clocks = clocks
        self._said_at = 0.0  # when the doubt was last logged (once an hour)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_time(message):
            if message["type"] == "http.response.start":
                now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
                headers = [*message.get("headers", []), (P.SERVER_TIME.lower().encode(), now.encode())]
                doubt = self.clocks.doubt(dt.datetime.now(dt.UTC))
                if doubt is not None:
                    headers.append((P.SERVER_TIME_DOUBT.lower().encode(), doubt.header().encode()))
                    if time.monotonic() - self._said_at > 3600 or not self._said_at:
                        self._said_at = time.monotonic()
                        log.warning("%s", doubt.words())
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_time)


INFLATED_LIMIT = 256 * 1024 * 1024  # the largest batch body inflated from gzip (sent whole or uploaded)


class _GzipRequestMiddleware:
    """Accept request bodies sent with ``Content-Encoding: gzip`` (a batch body is JSON and
    shrinks about 6x: minutes on a slow office line). The body is inflated before the
    endpoint sees it, up to `limit` bytes; more, or a damaged stream, is answered 413/400."""

    def __init__(self, app, limit: int = INFLATED_LIMIT):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not any(
                k == b"content-encoding" and v.strip().lower() == b"gzip" for k, v in scope["headers"]):
            await self.app(scope, receive, send)
            return
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        parts, size, more = [], 0, True
        try:
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                parts.append(inflater.decompress(message.get("body", b""), self.limit + 1 - size))
                size += len(parts[-1])
                if size > self.limit or inflater.unconsumed_tail:
                    await JSONResponse({"error": "too_large", "detail": "the inflated request body is too large"},
                                       status_code=413)(scope, receive, send)
                    return
                more = message.get("more_body", False)
            if not inflater.eof:
                raise zlib.error("the gzip stream ends early")
        except zlib.error as e:
            await JSONResponse({"error": "bad_gzip", "detail": f"the gzip request body is damaged: {e}"},
                               status_code=400)(scope, receive, send)
            return
        body = b"".join(parts)
        headers = [(k, v) for k, v in scope["headers"] if k not in (b"content-encoding", b"content-length")]
        scope = dict(scope, headers=[*headers, (b"content-length", str(len(body)).encode())])
        sent = False

        async def inflated():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, inflated, send)


def create_app(settings: Settings) -> FastAPI:
    """The server app for `settings` (creates its tables and storage folder)."""
    engine = make_engine(settings.database_url)
    Session_ = make_sessionmaker(engine)
    storage = LocalImageStorage(settings.storage_dir)
    upload_locks: dict[str, asyncio.Lock] = {}

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        """While the server serves: the uploads nobody submitted swept every few hours."""
        task = asyncio.create_task(_sweep_uploads_every(settings.upload_sweep_hours * 3600))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app = FastAPI(
        title="Daftar sync API",
        version="1",
        description="Offices send signed batches of approved register entries and their page "
        "images; the central office returns receipts and decisions. See docs/sync-api.md.",
        lifespan=lifespan,
    )
    app.state.settings, app.state.engine, app.state.storage = settings, engine, storage
    keep = {"keep": settings.refusals_keep, "days": settings.refusals_days}
    with Session_() as s:  # the refused batches kept within their bounds from the start
        if ingest.prune_refusals(s, **keep):
            s.commit()
    with Session_() as s:  # a database restored from a backup behind what this server wrote: a new epoch
        instance.check_at_start(s, settings.storage_dir)
    uploads.sweep(Session_, storage, settings.upload_days)  # (nothing is uploading before it serves)

    async def sweep_uploads() -> uploads.Swept:
        """Discard the uploads nobody submitted within `settings.upload_days` days, each under
        its upload's lock (an upload going on is not cut: it was written to within the age)."""
        swept = uploads.Swept()
        if settings.upload_days <= 0:
            return swept
        cutoff = uploads.cutoff_for(settings.upload_days)

        def find() -> list:
            with Session_() as s:
                return uploads.candidates(s, storage, cutoff, swept)
        for p in await asyncio.to_thread(find):
            async with upload_locks.setdefault(p.name.split(".", 1)[0], asyncio.Lock()):
                uploads.remove_if_stale(storage, p, cutoff, swept)

        def note() -> None:
            with Session_() as s:
                uploads.record(s, swept, settings.upload_days)
        await asyncio.to_thread(note)
        return swept

    async def _sweep_uploads_every(seconds: float) -> None:
        while True:
            await asyncio.sleep(seconds)
            try:
                await sweep_uploads()
            except Exception:  # noqa: BLE001 - a sweep that failed (the database away) is tried at the next
                logging.getLogger("daftar.server").exception("sweeping old uploads failed")

    app.state.sweep_uploads = sweep_uploads
    app.state.faults = []
    app.add_middleware(_GzipRequestMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=4096)  # receipts and change lists to slow offices
    app.state.clocks = clocks = OfficeClocks()
    with Session_() as s:  # what the offices' clocks said before a restart (sync_office_clock)
        clockstore.load(s, clocks, dt.datetime.now(dt.UTC))
    app.add_middleware(_ServerTimeMiddleware, clocks=clocks)

    def session_dep() -> Iterator[Session]:
        s = Session_()
        try:
            yield s
        finally:
            s.close()

    SessionDep = Annotated[Session, Depends(session_dep)]
    Creds = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]

    token_cache: dict[str, tuple[float, ingest.OfficeRef]] = {}

    def lookup_office(token: str) -> ingest.OfficeRef | tuple[str, str]:
        """The office of a device token; (uuid, name) of a revoked office."""
        with Session_() as s:
            office = ingest.office_by_token(s, token)
            if office is None:
                raise HTTPException(401, "unknown device token: enrol this office again")
            if office.revoked_at is not None:
                return office.office_uuid, office.name
            return ingest.OfficeRef(office.id, office.office_uuid, office.public_key)

    async def _revoked(request: Request, office_uuid: str, name: str) -> None:
        """Refuse a revoked office's request. What it tries to send (a POST: one a pass, as the
        office stops at the first refusal) is kept as a refusal, with the batch id when it is a batch."""
        err = ingest.IngestError(403, "office_revoked", ingest.REVOKED)
        log.warning("refused a request of revoked office %s (%s): %s %s", name, office_uuid, request.method,
                    request.url.path)
        if request.method == "POST":
            import json

            batch = ""
            if request.url.path == "/v1/batches":
                try:
                    batch = str((json.loads(await request.body()).get("manifest") or {}).get("batch_id", ""))
                except Exception:  # noqa: BLE001 - what it sent is not read further
                    batch = ""
            await run_in_threadpool(lambda: ingest.record_refusal(Session_, office_uuid, batch, err, **keep))
        raise err

    async def _note_clock(request: Request, ref: ingest.OfficeRef) -> ingest.OfficeRef:
        """The office's clock against this server's (`sync.clocks`: is this server's wrong?),
        written to the database when `OfficeClocks.note` says it is due (at most once a minute
        per office, sooner when it moved), not on every request."""
        theirs = parse_clock(request.headers.get(P.CLIENT_TIME))
        if theirs is not None:
            now = dt.datetime.now(dt.UTC)
            if clocks.note(ref.office_uuid, theirs, now):
                await run_in_threadpool(_store_clock, ref.office_uuid, now, theirs - now)
        return ref

    def _store_clock(office: str, heard_at: dt.datetime, offset: dt.timedelta) -> None:
        try:
            with Session_() as s:
                clockstore.store(s, office, heard_at, offset)
                s.commit()
        except Exception:  # noqa: BLE001 - the request is answered all the same; the next one writes it
            clocks.unstored(office)
            log.exception("could not keep office %s's clock offset in the database", office)

    async def device(creds: Creds, request: Request) -> ingest.OfficeRef:
        # async: a cached token costs no trip to the thread pool; a miss asks the database there
        if creds is None:
            raise HTTPException(401, "a device token is required (Authorization: Bearer TOKEN)")
        now = time.monotonic()
        hit = token_cache.get(creds.credentials)
        if hit and now - hit[0] < TOKEN_CACHE_SECONDS:
            return await _note_clock(request, hit[1])
        ref = await run_in_threadpool(lookup_office, creds.credentials)
        if isinstance(ref, tuple):
            await _revoked(request, *ref)
        if len(token_cache) > 10000:
            token_cache.clear()
        token_cache[creds.credentials] = (now, ref)
        return await _note_clock(request, ref)

    def _cookie_operator(request: Request) -> operators.OperatorRef | None:
        """Who the browser's cookie is signed in as, when its sign-in is still open (`ingest.admin_session`)."""
        sid = request.cookies.get(ADMIN_COOKIE, "")
        if not sid:
            return None
        with Session_() as s:
            row = ingest.admin_session(s, sid, settings.admin_token, idle_minutes=settings.admin_idle_minutes,
                                       hours=settings.admin_session_hours)
            ref = operators.role_of(s, row) if row is not None else None
            s.commit()
        if ref is not None and ref.must_change:  # no page works until they chose their own password
            return None
        return ref

    def admin(creds: Creds, request: Request) -> operators.OperatorRef:
        """Who calls an admin route (kept in `request.state.operator` for the trail): the shared
        administrator token or an operator's personal API token in the Authorization header
        (a disabled operator's: 403 `operator_disabled`); a browser signed in at /admin (its
        cookie) may read (GET) but not change anything."""
        ref = None
        if creds is not None:
            if secrets.compare_digest(creds.credentials.encode(), settings.admin_token.encode()):
                ref = operators.shared_ref()
            else:
                with Session_() as s:
                    ref = operators.by_token(s, creds.credentials)
                    s.commit()
        elif request.method in ("GET", "HEAD"):
            ref = _cookie_operator(request)
        if ref is None:
            raise HTTPException(401, "administrator token required")
        request.state.operator = ref
        return ref

    def offices_admin(ref: Annotated[operators.OperatorRef, Depends(admin)]) -> operators.OperatorRef:
        """An admin route that changes offices' access (enrolment codes, revocations): the shared
        token or an operator with the admin role; a reviewer's token is 403 `admin_role_required`."""
        if not operators.may(ref, "offices"):
            raise ingest.IngestError(403, "admin_role_required", f"operator {ref.name} is a reviewer: issuing "
                                     "enrolment codes and revoking offices needs an operator with the admin role")
        return ref

    Device = Annotated[ingest.OfficeRef, Depends(device)]
    Admin = Depends(admin)
    OfficesAdmin = Depends(offices_admin)

    def api_actor(request: Request) -> dict:
        """Who makes an admin API call, as the trail names it (`ingest.api_actor`): the operator of
        its token, or the shared administrator token."""
        ref: operators.OperatorRef = request.state.operator
        return ingest.api_actor(settings.admin_token, request.client.host if request.client else "",
                                request.headers.get("user-agent", ""), operator="" if ref.shared else ref.name,
                                token=ref.token)

    @app.exception_handler(ingest.IngestError)
    async def _ingest_error(_req: Request, exc: ingest.IngestError):
        return JSONResponse(exc.body(), status_code=exc.status)

    def disk_full(request: Request, what: str) -> JSONResponse:
        log.error("disk full: %s (%s %s); offices are told to try again later", what, request.method,
                  request.url.path)
        return JSONResponse({"error": "disk_full", "detail": DISK_FULL}, status_code=507,
                            headers={"Retry-After": str(DISK_FULL_RETRY)})

    @app.exception_handler(OSError)
    async def _os_error(request: Request, exc: OSError):
        if exc.errno == errno.ENOSPC:  # the image store's disk
            return disk_full(request, f"the image store {settings.storage_dir}: {exc.strerror}")
        raise exc

    from sqlalchemy.exc import OperationalError

    @app.exception_handler(OperationalError)
    async def _db_error(request: Request, exc: OperationalError):
        if getattr(exc.orig, "sqlstate", None) == "53100" or "no space left" in str(exc.orig).lower() \
                or "database or disk is full" in str(exc.orig).lower():  # PostgreSQL disk_full; SQLite
            return disk_full(request, "the database's disk: " + str(exc.orig).strip().splitlines()[0])
        raise exc

    if settings.test_hooks:
        app.add_middleware(_FaultMiddleware, faults=app.state.faults)

        @app.post("/v1/test/faults", include_in_schema=False)
        def _add_fault(fault: Fault) -> dict:
            app.state.faults.append(fault)
            return {"ok": True}

        @app.post("/v1/test/sink", include_in_schema=False)
        async def _sink(request: Request) -> dict:
            n = 0
            async for chunk in request.stream():
                n += len(chunk)
            return {"received": n}

    # ------------------------------------------------------------------ offices
    @app.get("/v1/ping", tags=["office"], summary="Check the server and the device token")
    def ping(office: Device) -> dict:
        return {"service": "daftar-sync", "office_id": office.office_uuid}

    @app.post("/v1/enrol", tags=["office"], response_model=P.EnrolmentResult,
              summary="Enrol an office with a one-time code the operator issued for it; returns its device "
                      "token once (no administrator token)",
              responses={401: {"description": "no code, a code the server did not issue, used or expired"},
                         403: {"description": "the office is enrolled already and the code is not for it"},
                         429: {"description": "too many failed enrolments from this address or for this office "
                                               "name within the hour (`too_many_attempts`); header Retry-After"}})
    def enrol(body: P.Enrolment, session: SessionDep, request: Request) -> dict:
        address = request.client.host if request.client else ""
        limit = settings.enrol_failures_per_hour
        try:
            limited = ingest.enrol_limited(session, address=address, office_name=body.name, limit=limit)
            if limited:
                raise ingest.too_many_enrolments(limit, *limited)
            out = ingest.enrol(session, code=body.code, office_uuid=body.office_id, name=body.name,
                               district=body.district, tehsil=body.tehsil, public_key=body.public_key)
            session.commit()
        except ingest.IngestError as e:
            session.rollback()
            log.warning("refused an enrolment of office %s from %s (%s): %s", body.office_id, address or "?", e.code,
                        e.message)
            ingest.record_event(session, "enrol.refused", body.office_id, error=e.code, reason=e.message,
                                name=body.name, district=body.district, address=address)
            if e.status != 429:  # (an attempt refused for the limit does not make the wait longer)
                ingest.record_enrol_failure(session, address=address, office_name=body.name)
            session.commit()
            if e.status == 429:
                return JSONResponse(e.body(), status_code=429, headers={"Retry-After": str(e.extra["retry_after"])})
            raise
        token_cache.clear()  # the office's old token is refused at once
        return out

    @app.post("/v1/admin/enrol-codes", tags=["admin"], response_model=P.EnrolCode, dependencies=[OfficesAdmin],
              summary="Issue a one-time enrolment code for one office (a new one, or an enrolled one's new key)",
              responses={403: {"description": "an operator's token whose operator is a reviewer "
                                               "(`admin_role_required`) or disabled (`operator_disabled`)"}})
    def new_code(body: P.EnrolCodeRequest, session: SessionDep, request: Request) -> dict:
        out = ingest.issue_code(session, name=body.name, district=body.district, tehsil=body.tehsil,
                                office_uuid=body.office_id, hours=body.hours, by=api_actor(request))
        session.commit()
        return out

    @app.post("/v1/admin/offices/{office_id}/revoke", tags=["admin"], dependencies=[OfficesAdmin],
              summary="Revoke an office: its device token and key are refused from now on (403 office_revoked)",
              responses={403: {"description": "an operator's token whose operator is a reviewer "
                                               "(`admin_role_required`) or disabled (`operator_disabled`)"}})
    def revoke_office(office_id: str, body: P.RevokeRequest, session: SessionDep, request: Request) -> dict:
        out = ingest.revoke(session, office_id, body.reason, by=api_actor(request))
        session.commit()
        token_cache.clear()
        return out

    @app.get("/v1/admin/events", tags=["admin"], dependencies=[Admin],
             summary="The server's audit trail (codes issued, enrolments, re-enrolments, revocations, decisions, "
                     "batch files imported, sign-ins at /admin, restores, operators' accounts; newest first, each "
                     "naming who) and the codes not used yet; `former_names`: each name an operator had "
                     "before a rename, as the trail wrote it, and the name they have now")
    def list_events(session: SessionDep, limit: int = Query(200, ge=1, le=5000)) -> dict:
        return {"events": ingest.events(session, limit), "open_codes": ingest.open_codes(session),
                "former_names": operators.former_names(session)}

    # ------------------------------------------------------------------ images
    @app.head("/v1/images/{sha256}", tags=["office"], summary="How much of an image the server holds",
              responses={200: {"description": f"headers {P.UPLOAD_OFFSET} (bytes held) and {P.IMAGE_COMPLETE} (yes|no)"}})
    def image_head(_office: Device, sha256: str = SHA_PATH) -> Response:
        complete = storage.has(sha256)
        return Response(status_code=200, headers={P.UPLOAD_OFFSET: str(storage.offset(sha256)),
                                                   P.IMAGE_COMPLETE: "yes" if complete else "no"})

    @app.post("/v1/images/query", tags=["office"], response_model=dict[str, UploadState],
              summary="How much of each of many images the server holds (one request instead of a HEAD each)")
    def image_query(body: ImageQuery, _office: Device) -> dict:
        out = {}
        for sha in body.hashes:
            if not P.is_sha256(sha):
                raise HTTPException(422, f"'{sha[:70]}' is not a SHA-256 hash")
            out[sha] = {"offset": storage.offset(sha), "complete": storage.has(sha)}
        return out

    @app.post("/v1/images/{sha256}", tags=["office"], response_model=UploadState,
              summary="Upload (part of) an image from Upload-Offset; resumable",
              responses={409: {"description": "offset is not where the server is; body has `offset`"},
                         422: {"description": "the whole image does not match its hash (discarded)"}})
    async def image_upload(
        request: Request,
        _office: Device,
        sha256: str = SHA_PATH,
        upload_offset: Annotated[int, Header(alias=P.UPLOAD_OFFSET, ge=0)] = 0,
        upload_length: Annotated[int, Header(alias=P.UPLOAD_LENGTH, ge=1)] = ...,
    ):
        if storage.has(sha256):
            return {"offset": storage.offset(sha256), "complete": True}
        if upload_length > settings.max_image_bytes:
            return JSONResponse({"error": "too_large", "detail": f"a page image may have at most {settings.max_image_bytes} bytes"},
                                status_code=413)
        lock = upload_locks.setdefault(sha256, asyncio.Lock())
        async with lock:
            try:
                f = storage.open_append(sha256, upload_offset)
            except OffsetMismatch as e:
                return JSONResponse({"error": "offset_mismatch", "detail": str(e), "offset": e.have},
                                    status_code=409, headers={P.UPLOAD_OFFSET: str(e.have)})
            pos = upload_offset
            h = hashlib.sha256() if upload_offset == 0 else None  # whole image in this request: hash as it comes
            try:
                with f:
                    async for chunk in request.stream():
                        if pos + len(chunk) > upload_length:
                            chunk = chunk[: upload_length - pos]
                        f.write(chunk)
                        if h is not None:
                            h.update(chunk)
                        pos += len(chunk)
                        if pos >= upload_length:
                            break
                    f.flush()
            except ClientDisconnect:
                return Response(status_code=499)  # nobody is listening; the bytes so far are kept
            if pos >= upload_length:
                if h is not None:  # hashed while received: only a rename, no need for a thread
                    ok = storage.finish(sha256, h.hexdigest())
                else:  # a resumed upload is read back and hashed off the event loop
                    ok = await asyncio.to_thread(storage.finish, sha256)
                if not ok:
                    return JSONResponse({"error": "hash_mismatch", "detail": "the uploaded image does not match its hash; upload it again from byte 0", "offset": 0}, status_code=422)
                return {"offset": pos, "complete": True}
            return {"offset": pos, "complete": False}

    # ------------------------------------------------------------------ batches
    @app.post("/v1/batches", tags=["office"], response_model=P.Receipt,
              summary="Submit a signed batch; returns the receipt (the same one on a resend)",
              responses={409: {"description": "batch id or entry key already received with other content; body lists both hashes"},
                         422: {"description": "bad signature, hashes or missing images; not retried"}})
    def submit(body: P.Submission, office: Device, session: SessionDep) -> dict:
        try:
            with gc_paused():
                receipt = ingest.submit_batch(session, storage, office, body)
                session.commit()
            instance.note_written(session, settings.storage_dir)
        except ingest.IngestError as e:
            session.rollback()
            ingest.record_refusal(Session_, office.office_uuid, str((body.manifest or {}).get("batch_id", "")), e,
                                 **keep)
            raise
        except BaseException:
            session.rollback()
            raise
        return receipt

    @app.post("/v1/batches/uploaded", tags=["office"], response_model=P.Receipt,
              summary="Submit a signed batch uploaded before in resumable parts (a large batch over a link "
                      "that drops); the same checks and receipt as POST /v1/batches",
              responses={400: {"description": "the uploaded file is not a gzip-compressed batch"},
                         409: {"description": "batch id or entry key already received with other content"},
                         422: {"description": "`body_missing`: not uploaded whole (upload it again); bad "
                                              "signature, hashes or missing images"}})
    def submit_uploaded(ref: P.UploadedSubmission, office: Device, session: SessionDep):
        try:
            data = storage.get(ref.sha256)
        except FileNotFoundError:
            return JSONResponse({"error": "body_missing", "detail": "the batch was not uploaded whole: upload it "
                                 "(POST /v1/images/{sha256}) and submit it again"}, status_code=422)
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            raw = inflater.decompress(data, INFLATED_LIMIT + 1)
            if len(raw) > INFLATED_LIMIT or inflater.unconsumed_tail or not inflater.eof:
                raise zlib.error("too large or incomplete")
            body = P.Submission.model_validate_json(raw)
        except (zlib.error, ValueError) as e:
            # (kept: the hash may name a page image a batch holds, an office's mistake or worse;
            # only a file that was a batch and gave its receipt is discarded)
            return JSONResponse({"error": "bad_gzip", "detail": f"the uploaded batch is not a gzip-compressed "
                                 f"batch: {str(e)[:200]}"}, status_code=400)
        receipt = submit(body, office, session)
        storage.discard(ref.sha256)  # (a resend uploads it again and gets the same receipt)
        return receipt

    @app.post("/v1/batches/held", tags=["office"], response_model=P.Held,
              summary="Which of these batches the server holds from this office (a receipt for one it "
                      "does not hold: its database was restored; the office sends that batch again)")
    def batches_held(body: P.HeldQuery, office: Device, session: SessionDep) -> dict:
        return {"held": ingest.held_batches(session, office, body.batch_ids)}

    @app.get("/v1/holdings/summary", tags=["office"], response_model=P.HoldingsSummary,
             summary="How many entry versions the server holds from this office, by state, and the server's "
                     "epoch (a new one: its database was found restored from a backup)")
    def holdings_summary(office: Device, session: SessionDep,
                         ranges: bool = Query(False, description="also a digest per range of server ids")) -> dict:
        return ingest.holdings_summary(session, office, ranges)

    @app.get("/v1/holdings", tags=["office"], response_model=P.Holdings,
             summary="What the server holds from this office, a page at a time: server id, entry uuid, version, "
                     "content hash, state (the office sends again what the server lacks)")
    def holdings(office: Device, session: SessionDep,
                 after: int = Query(0, ge=0, description="the `cursor` of the page before (0: from the start)"),
                 limit: int = Query(ingest.HOLDINGS_PAGE, ge=1, le=ingest.HOLDINGS_PAGE)) -> dict:
        return ingest.holdings(session, office, after, limit)

    @app.get("/v1/entries/{entry_uuid}/{version}", tags=["office"], response_model=P.ServerCopy,
             summary="The server's copy of one entry version this office sent (its content, state, and the batch "
                     "it arrived in): what the office compares with its own when the two conflict",
             responses={404: {"description": "the server holds no such entry version from this office (`unknown_entry`; "
                                             "another office's entry is answered the same)"}})
    def entry_copy(office: Device, session: SessionDep,
                   entry_uuid: str = Path(min_length=1, max_length=36, description="the entry's uuid"),
                   version: int = Path(ge=1, description="the entry version")) -> dict:
        return ingest.entry_copy(session, office, entry_uuid, version)

    @app.get("/v1/changes", tags=["office"], response_model=P.Changes,
             summary="Central decisions on this office's entries after `since`")
    def get_changes(office: Device, session: SessionDep, since: int = Query(0, ge=0),
                    limit: int = Query(settings.changes_page, ge=1, le=5000),
                    since_entry: str | None = Query(None, max_length=36, description=(
                        "the entry of the decision `since` stands on: when that decision is not this "
                        "office's decision of it, the answer is `reset` (ask again from 0)"))) -> dict:
        return ingest.changes(session, office, since, limit, since_entry)

    # ------------------------------------------------------------------ central office
    @app.post("/v1/admin/decisions", tags=["admin"], dependencies=[Admin],
              summary="Accept or reject received entries (central office)")
    def post_decisions(body: DecisionsIn, session: SessionDep, request: Request) -> dict:
        by = api_actor(request)
        try:  # all of them or none, each with its event in the trail
            cursors = [ingest.decide(session, entry_uuid=d.entry_uuid, version=d.version,
                                     decision=d.decision, reason=d.reason, by=by) for d in body.decisions]
            session.commit()
            instance.note_written(session, settings.storage_dir)
        except BaseException:
            session.rollback()
            raise
        return {"cursors": cursors}

    @app.post("/v1/admin/import", tags=["admin"], response_model=P.Receipt, dependencies=[Admin],
              summary="Take a .daftar-batch file brought on a USB stick (same idempotency)")
    async def import_file(request: Request) -> dict:
        data = await request.body()
        by = api_actor(request)

        def work():
            s = Session_()
            try:
                r = ingest.import_batch_file(s, storage, data, by=by)
                s.commit()
                instance.note_written(s, settings.storage_dir)
                return r
            except ingest.IngestError as e:
                s.rollback()
                office, batch = ingest.batch_file_ids(data)
                ingest.record_refusal(Session_, office, batch, e, source="usb", **keep)
                raise
            except BaseException:
                s.rollback()
                raise
            finally:
                s.close()

        return await asyncio.to_thread(work)

    @app.get("/v1/admin/batches", tags=["admin"], dependencies=[Admin], summary="Received batches per office")
    def list_batches(session: SessionDep) -> dict:
        return {"offices": ingest.batches_by_office(session), "entries": ingest.entry_count(session),
                "refusals": ingest.refusals(session)}

    @app.get("/v1/admin/entries", tags=["admin"], dependencies=[Admin],
             summary="Received entries with their documents, a page at a time (oldest first)")
    def list_entries(session: SessionDep, office: str | None = Query(None, description="an office's id (uuid)"),
                     template: str | None = Query(None, description="register kind: jamabandi, girdawari, intiqal"),
                     state: str | None = Query(None, pattern="^(received|accepted|rejected)$"),
                     after: int = Query(0, ge=0, description="the `next` of the page before"),
                     limit: int = Query(200, ge=1, le=1000)) -> dict:
        central.check_filters(session, office, template)
        return central.entries_page(session, office=office, template=template, state=state, after=after, limit=limit)

    @app.get("/v1/admin/entries.csv", tags=["admin"], dependencies=[Admin], response_class=StreamingResponse,
             summary="Received entries as one CSV file (UTF-8 with BOM; a column per field)",
             description="A cell starting with = + - @ (or a tab or carriage return) gets an apostrophe before it, "
                         "so that no spreadsheet runs what an office wrote as a formula. With `excel=1` such cells, "
                         "and areas and shares Excel would turn into dates (11-4, 1/2), are written as =\"11-4\", "
                         "which Excel shows as the text itself.")
    def entries_csv(office: str | None = Query(None), template: str | None = Query(None),
                    state: str | None = Query(None, pattern="^(received|accepted|rejected)$"),
                    excel: bool = Query(False, description="keep 11-4, 1/2 and =... as text in Excel (=\"11-4\")"),
                    ) -> StreamingResponse:
        with Session_() as s:
            central.check_filters(s, office, template)
        def rows():
            s = Session_()
            try:
                yield from central.entries_csv(s, office=office, template=template, state=state, excel=excel)
            finally:
                s.close()

        name = f"daftar-entries-{template or 'all'}{'-excel' if excel else ''}.csv"
        return StreamingResponse(rows(), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'})

    # ------------------------------------------------------------------ the /admin site (HTML), English or Urdu
    def _words(request: Request) -> Words:
        """The page's language: the browser's choice at the language link (its cookie), else the
        first of Urdu and English its Accept-Language asks for, else English."""
        chosen = request.cookies.get(LANG_COOKIE, "")
        t = Words(chosen if chosen in LANGS else accepted_language(request.headers.get("accept-language", "")) or "en")
        ref = getattr(request.state, "operator", None)
        if ref is not None:  # signed in (`_signed_in`): named beside Sign out
            t.who = (ref.name, ref.role, ref.shared)
        return t

    def _here(request: Request) -> str:
        """This page's address, where the language link brings the browser back to."""
        q = request.url.query
        return request.url.path + (f"?{q}" if q and request.method == "GET" else "")

    def _html(text: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(text, status_code=status, headers=review.SECURITY_HEADERS)

    def _login_page(request: Request, message: str = "", status: int = 200, ok: bool = False,
                    **values: str) -> HTMLResponse:
        """The sign-in form (name and password; the administrator token while the server has no
        operator); `message` a string of the words' table, `values` HTML for its {names}. Reads
        the database: from a coroutine, in the thread pool."""
        t = _words(request)
        with Session_() as s:
            by_name = operators.any_operator(s)
        return _html(review.login_page(t, t(message, **values) if message else "", ok=ok, by_name=by_name,
                                       here=_here(request) if request.method == "GET" else "/admin"), status)

    @app.get("/admin/language/{lang}", include_in_schema=False)
    def admin_language(lang: str = Path(pattern="^(en|ur)$"),
                       back: str = Query("/admin", max_length=2000)) -> Response:
        """The language link: remembered in a cookie (a year), then back to the page it was on
        (only a page of this site: `back` must be a path under /admin)."""
        if not back.startswith("/admin") or any(ch in back for ch in "\\\r\n") or back.startswith("/admin//"):
            back = "/admin"
        answer = RedirectResponse(back, status_code=303)
        answer.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, httponly=True, secure=True, samesite="lax",
                          path="/")
        return answer

    @app.get("/admin/fonts/{name}", include_in_schema=False)
    def admin_font(name: str) -> Response:
        """The pages' web fonts (review.FONT_FILES, from resources/fonts) and their licence; no
        sign-in needed (the sign-in page is in Urdu too), cached by the browser."""
        import resources

        headers = {"Cache-Control": "public, max-age=604800", "X-Content-Type-Options": "nosniff"}
        if name == "OFL.txt":
            return FileResponse(resources.root() / "licences" / "OFL-1.1.txt", media_type="text/plain; charset=utf-8",
                                headers=headers)
        if name not in review.FONT_FILES:
            return Response("no such font", status_code=404, media_type="text/plain")
        return FileResponse(resources.font_path(review.FONT_FILES[name]), media_type="font/ttf", headers=headers)

    @app.post("/admin/login", include_in_schema=False)
    async def admin_login(request: Request) -> Response:
        """Sign in: an operator's name and password (`operators.sign_in`: wrong passwords lock
        the operator out for a while, as the desktop does), or the shared administrator token
        while the server has no operator. Each sign-in and refusal is in the trail (never what was
        typed as a password or token)."""
        form = await _form(request)
        address = request.client.host if request.client else ""
        if "name" in form:
            return await run_in_threadpool(_operator_sign_in, request, form.get("name", "")[:200],
                                           form.get("password", "")[:1000], address)
        return await run_in_threadpool(_token_sign_in, request, form.get("token", ""), address)

    def _refused_sign_in(request: Request, address: str, refused: operators.SignInRefused) -> HTMLResponse:
        t = _words(request)
        log.warning("a sign-in at /admin/login from %s was refused (%s%s)", address or "?", refused.why,
                    f", operator {refused.name}" if refused.name else "")
        if refused.why == "locked":
            return _login_page(request, "Too many wrong passwords: try again in {seconds} seconds, or ask an "
                                        "administrator of the central server.", 429, seconds=t.num(refused.locked))
        if refused.why == "disabled":
            return _login_page(request, "Operator {name} is disabled: ask an administrator of the central server.",
                               403, name=review.person(t, refused.name))
        if refused.locked:
            return _login_page(request, "Wrong name or password; this name is locked out for {seconds} seconds.", 401,
                               seconds=t.num(refused.locked))
        return _login_page(request, "Wrong name or password.", 401)

    def _operator_sign_in(request: Request, name: str, password: str, address: str) -> Response:
        with Session_() as s:
            try:
                op = operators.sign_in(s, name=name, password=password, address=address)
            except operators.SignInRefused as refused:
                return _refused_sign_in(request, address, refused)
            sid = ingest.admin_sign_in(s, settings.admin_token, address, settings.admin_session_hours, operator=op)
            ingest.record_event(s, "admin.sign_in", operator=op.name, role=op.role, address=address)
            s.commit()
        log.info("operator %s signed in at the admin page from %s", op.name, address or "?")
        return _signed_cookie(sid, "/admin/password" if op.must_change_password else "/admin")

    def _token_sign_in(request: Request, given: str, address: str) -> Response:
        with Session_() as s:
            if operators.any_operator(s):
                # named operators: the page is signed in by a person, whom the trail names; the
                # shared token (anyone's who holds it) is for the API's scripts only
                ingest.record_event(s, "admin.sign_in_refused", address=address, reason="token_not_for_web")
                s.commit()
                return _login_page(request, "This server has named operators: sign in with your name and password "
                                            "(the administrator token no longer signs in here).", 401)
            if not secrets.compare_digest(given.encode(), settings.admin_token.encode()):
                log.warning("a wrong administrator token was given at /admin/login from %s", address or "?")
                # in the server's trail too, with the address (never what was typed)
                ingest.record_event(s, "admin.sign_in_refused", address=address, reason="wrong_token")
                s.commit()
                return _login_page(request, "That is not the administrator token.", 401)
            sid = ingest.admin_sign_in(s, settings.admin_token, address, settings.admin_session_hours)
            ingest.record_event(s, "admin.sign_in", operator=operators.SHARED, address=address)
            s.commit()
        return _signed_cookie(sid)

    def _signed_cookie(sid: str, to: str = "/admin") -> Response:
        answer = RedirectResponse(to, status_code=303)
        answer.set_cookie(ADMIN_COOKIE, sid, max_age=int(settings.admin_session_hours * 3600), httponly=True,
                          secure=True, samesite="strict", path="/")
        return answer

    @app.post("/admin/logout", include_in_schema=False)
    async def admin_logout(request: Request) -> Response:
        """Sign out: the sign-in ends on the server too (a copy of the cookie no longer works).
        Like every form of the page, it must carry the sign-in's CSRF token."""
        sid = request.cookies.get(ADMIN_COOKIE, "")
        if sid and not await _csrf_ok(request, sid):
            return _csrf_refused(request)
        return await run_in_threadpool(_sign_out, request)

    def _sign_out(request: Request) -> Response:
        with Session_() as s:
            row = ingest.admin_sign_out(s, request.cookies.get(ADMIN_COOKIE, ""))
            if row is not None:
                ingest.record_event(s, "admin.sign_out", operator=row.operator_name or operators.SHARED,
                                    address=request.client.host if request.client else "")
            s.commit()
        answer = _login_page(request, "Signed out.", ok=True)
        answer.delete_cookie(ADMIN_COOKIE, path="/", secure=True, httponly=True, samesite="strict")
        return answer

    @app.get("/admin", include_in_schema=False, response_class=HTMLResponse)
    def admin_page(request: Request, session: SessionDep, creds: Creds) -> Response:
        signed = _signed_in(request)
        if signed is None:
            try:  # a script with the token in its Authorization header reads it too (it has no form to send)
                admin(creds, request)
            except HTTPException:
                return _login_page(request)  # signed in by a form and a cookie: the token is never in an address
        return _html(review.admin_home(
            _words(request), offices=ingest.batches_by_office(session), refusals=ingest.refusals(session, 100),
            events=ingest.events(session, 50), waiting=central.waiting_count(session),
            notice=instance.restore_notice(session), csrf=signed[1] if signed else "", here=_here(request),
            clock=clocks.doubt(dt.datetime.now(dt.UTC)), renamed=operators.former_names(session)))

    @app.post("/admin/restored/acknowledge", include_in_schema=False, response_class=HTMLResponse)
    async def restore_acknowledge(request: Request) -> Response:
        """The operator read the restore notice: written in the trail, naming the sign-in; the
        page no longer shows it."""
        checked = await _signed_form(request)
        if isinstance(checked, Response):
            return checked
        signed, form = checked

        def work() -> None:
            with Session_() as s:
                if instance.acknowledge_restore(s, _form_int(form, "event"), ingest.sign_in_named(signed[0])):
                    log.info("the restore notice was acknowledged at the admin page (sign-in %s)", signed[0].id)
                s.commit()

        await run_in_threadpool(work)
        return RedirectResponse("/admin", status_code=303)

    # ------------------------------------------------------------------ changing one's own password (HTML)
    class _MustChangePassword(Exception):
        """A page asked by an operator who must first choose their own password."""

    @app.exception_handler(_MustChangePassword)
    async def _to_password_page(_req: Request, _exc: _MustChangePassword):
        return RedirectResponse("/admin/password", status_code=303)  # (a form: refused, nothing changed)

    def _password_page(request: Request, signed, *, status: int = 200, message: str = "", ok: bool = False,
                       **values: str) -> HTMLResponse:
        t = _words(request)
        ref = request.state.operator
        return _html(review.password_page(t, csrf=signed[1], forced=ref.must_change,
                                          message=t(message, **values) if message else "", ok=ok), status)

    @app.get("/admin/password", include_in_schema=False, response_class=HTMLResponse)
    def password_form(request: Request, changed: int = Query(0, ge=0, le=1)) -> Response:
        """Change my password: the current one, the new one twice (an operator whose password
        someone else typed is brought here at sign-in, and no other page works until then)."""
        signed = _signed_in(request, changing=True)
        if signed is None:
            return _login_page(request)
        if request.state.operator.shared:
            t = _words(request)
            return _html(review.message_page(t, "Refused", t("The shared administrator token has no password to "
                                                             "change here."), csrf=signed[1], back="/admin",
                                             here="/admin/password"), 403)
        if changed:
            return _password_page(request, signed, message=N_("Your password was changed; your other sign-ins "
                                                              "have ended."), ok=True)
        return _password_page(request, signed)

    @app.post("/admin/password", include_in_schema=False, response_class=HTMLResponse)
    async def password_change(request: Request) -> Response:
        checked = await _signed_form(request, changing=True)
        if isinstance(checked, Response):
            return checked
        signed, form = checked
        ref: operators.OperatorRef = request.state.operator
        if ref.shared:
            return RedirectResponse("/admin/password", status_code=303)
        address = request.client.host if request.client else ""

        def work() -> Response:
            t = _words(request)
            with Session_() as s:
                try:
                    op = operators.change_own_password(
                        s, operator_id=ref.id, current=form.get("current", "")[:1000], new=form.get("new", "")[:1000],
                        again=form.get("again", "")[:1000], by=ingest.sign_in_named(signed[0]))
                except operators.PasswordChangeRefused as no:
                    s.rollback()
                    log.warning("operator %s's change of password at the admin page was refused (%s)", ref.name,
                                no.why)
                    if no.why == "disabled":
                        return _login_page(request, "Operator {name} is disabled: ask an administrator of the "
                                                    "central server.", 403, name=review.person(t, ref.name))
                    if no.why == "locked":
                        return _password_page(request, signed, status=429, message=N_(
                            "Too many wrong passwords: try again in {seconds} seconds, or ask an administrator of "
                            "the central server."), seconds=t.num(no.locked))
                    if no.why == "wrong" and no.locked:
                        return _password_page(request, signed, status=401, message=N_(
                            "The current password is wrong; your name is locked out for {seconds} seconds. Nothing "
                            "was changed."), seconds=t.num(no.locked))
                    if no.why == "wrong":
                        return _password_page(request, signed, status=401, message=N_("The current password is wrong: "
                                                                                   "nothing was changed."))
                    if no.why == "differ":
                        return _password_page(request, signed, status=400, message=N_(
                            "The two new passwords differ: type the same password twice. Nothing was changed."))
                    if no.why == "same":
                        return _password_page(request, signed, status=400, message=N_(
                            "Choose a new password that differs from the current one. Nothing was changed."))
                    return _password_page(request, signed, status=400, message=N_("{rule}: nothing was changed."),
                                          rule=t.message(no.message))
                # every sign-in of theirs made before has ended (`session_ended_why`); this browser's
                # too, so it gets a new one (a new cookie, a new CSRF token)
                s.execute(update(ServerAdminSession).where(ServerAdminSession.id == signed[0].id)
                          .values(ended_at=op.password_set_at).execution_options(synchronize_session=False))
                sid = ingest.admin_sign_in(s, settings.admin_token, address, settings.admin_session_hours, operator=op)
                s.commit()
            log.info("operator %s changed their password at the admin page", ref.name)
            return _signed_cookie(sid, "/admin/password?changed=1")

        return await run_in_threadpool(work)

    # ------------------------------------------------------------------ the central office's review (HTML)
    def _signed_in(request: Request, *, changing: bool = False) -> tuple[object, str] | None:
        """(the open sign-in, its CSRF token) of the browser's cookie, else None. Who it is
        (`request.state.operator`) is shown on the pages beside Sign out (`_words`). An operator
        who must choose their own password first is sent to /admin/password (`_MustChangePassword`)
        from every page but that one (`changing`)."""
        sid = request.cookies.get(ADMIN_COOKIE, "")
        if not sid:
            return None
        with Session_() as s:
            row = ingest.admin_session(s, sid, settings.admin_token, idle_minutes=settings.admin_idle_minutes,
                                       hours=settings.admin_session_hours)
            if row is not None:
                request.state.operator = operators.role_of(s, row)
            s.commit()
        if row is not None and request.state.operator.must_change and not changing:
            raise _MustChangePassword()
        return (row, ingest.admin_csrf(sid)) if row is not None else None

    async def _form(request: Request) -> dict[str, str]:
        body = (await request.body())[:1024 * 1024].decode("utf-8", "replace")
        return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}

    async def _csrf_ok(request: Request, sid: str, form: dict[str, str] | None = None) -> bool:
        form = await _form(request) if form is None else form
        return secrets.compare_digest(form.get("csrf", "").encode(), ingest.admin_csrf(sid).encode())

    def _form_int(form: dict[str, str], name: str) -> int:
        """A whole number a review form sent, -1 when it is not one (never a decision's match)."""
        try:
            return int(form.get(name, ""))
        except ValueError:
            return -1

    async def _signed_form(request: Request, *, changing: bool = False) -> tuple | Response:
        """A review form's (sign-in, fields), or the page that refuses it: signed out, or
        without this sign-in's CSRF token."""
        signed = await run_in_threadpool(lambda: _signed_in(request, changing=changing))
        if signed is None:
            return await run_in_threadpool(
                _login_page, request, "Signed out (or the sign-in ran out): sign in again; nothing was changed.", 401)
        form = await _form(request)
        if not await _csrf_ok(request, request.cookies.get(ADMIN_COOKIE, ""), form):
            return _csrf_refused(request)
        return signed, form

    def _csrf_refused(request: Request) -> HTMLResponse:
        log.warning("refused a form of the admin page without its sign-in's CSRF token")
        t = _words(request)
        return _html(review.message_page(
            t, "Refused", t("This form did not come from this server’s own page (its security token is missing or "
                            "is not this sign-in’s): nothing was changed. Open the page again and use its buttons."),
            csrf=None, back="/admin", here="/admin"), 403)

    def _filters(office: str, template: str, batch: str) -> dict[str, str]:
        return {"office": office.strip(), "template": template.strip(), "batch": batch.strip()}

    @app.get("/admin/review", include_in_schema=False, response_class=HTMLResponse)
    def review_list(request: Request, session: SessionDep, office: str = Query("", max_length=100),
                    template: str = Query("", max_length=100), batch: str = Query("", max_length=100), after: int = Query(0, ge=0), done: str = Query("", max_length=20)
                    ) -> Response:
        signed = _signed_in(request)
        if signed is None:
            return _login_page(request)
        t = _words(request)
        f = _filters(office, template, batch)
        errors = []
        try:
            central.check_filters(session, f["office"] or None, f["template"] or None)
        except ingest.IngestError as e:
            # the API's message lists the kinds by their codes; the page's own list names them
            errors.append(t("There is no register kind {kind}: choose one in the Register kind list.",
                            kind=t.code(f["template"])) if e.code == "unknown_template" else t.message(e.message))
            f = {"office": "", "template": "", "batch": f["batch"]}
        info = central.batch_waiting(session, f["batch"]) if f["batch"] else None
        if f["batch"] and info is None:
            errors.append(t("batch={batch}: no batch with this id was received", batch=t.code(f["batch"])))
        page = central.review_page(session, office=f["office"] or None, template=f["template"] or None,
                                   batch=f["batch"] or None, after=after, limit=settings.review_page)
        note = {"accepted": N_("The entry was accepted."), "rejected": N_("The entry was rejected."),
                "batch": N_("The batch's entries were accepted.")}.get(done, "")
        return _html(review.waiting_list(t, page, central.offices(session), **f, after=after, csrf=signed[1],
                                         note=t(note) if note else "", errors=errors, batch_info=info,
                                         here=_here(request)))

    def _entry_or_404(request: Request, session: Session, entry_id: int, csrf: str) -> dict | HTMLResponse:
        it = central.entry_detail(session, entry_id)
        if it is None:
            t = _words(request)
            return _html(review.message_page(t, "No such entry", t("There is no entry {n} on this server.",
                                                                   n=t.num(entry_id)), csrf=csrf,
                                             here=_here(request)), 404)
        return it

    def _image_type(it: dict) -> str | None:
        sha = ((it["content"] or {}).get("page") or {}).get("image_sha256") or ""
        if not P.is_sha256(sha) or not storage.has(sha):
            return None
        with open(storage._held(sha), "rb") as fh:  # noqa: SLF001 - the store's own file of a hash it holds
            return review.image_type(fh.read(16)) or "application/octet-stream"

    @app.get("/admin/review/{entry_id}", include_in_schema=False, response_class=HTMLResponse)
    def review_entry(request: Request, session: SessionDep, entry_id: int = Path(ge=1, le=2**62),
                     office: str = Query("", max_length=100), template: str = Query("", max_length=100),
                     batch: str = Query("", max_length=100)) -> Response:
        signed = _signed_in(request)
        if signed is None:
            return _login_page(request)
        it = _entry_or_404(request, session, entry_id, signed[1])
        if isinstance(it, HTMLResponse):
            return it
        return _html(review.entry_page(_words(request), it, csrf=signed[1], **_filters(office, template, batch),
                                       image_type=_image_type(it), here=_here(request)))

    @app.post("/admin/review/{entry_id}/decision", include_in_schema=False, response_class=HTMLResponse)
    async def review_decide(request: Request, entry_id: int = Path(ge=1, le=2**62)) -> Response:
        checked = await _signed_form(request)
        if isinstance(checked, Response):
            return checked
        signed, form = checked
        t = _words(request)
        f = _filters(form.get("office", "")[:100], form.get("template", "")[:100], form.get("batch", "")[:100])
        decision, reason = form.get("decision", ""), form.get("reason", "")[:4000]
        version = _form_int(form, "version")
        here = f"/admin/review/{entry_id}" + (f"?{urlencode({k: v for k, v in f.items() if v})}" if any(f.values())
                                              else "")

        def work() -> Response:
            with Session_() as s:
                try:
                    ingest.decide_on_page(s, entry_id=entry_id, version=version, decision=decision, reason=reason,
                                          by=signed[0])
                    s.commit()
                except ingest.IngestError as e:
                    s.rollback()
                    it = central.entry_detail(s, entry_id)
                    if it is None:
                        return _html(review.message_page(t, "No such entry", t.message(e.message), csrf=signed[1],
                                                         here=here), e.status)
                    if e.code == "reason_required":
                        msg = t("Say why the entry is rejected (the office is shown the reason): nothing was changed.")
                    else:
                        msg = t.message(e.message)
                    return _html(review.entry_page(t, it, csrf=signed[1], **f, error=msg, reason=reason,
                                                   image_type=_image_type(it), here=here), e.status)
                log.info("entry %s %s at the admin page (sign-in %s)", entry_id, decision, signed[0].id)
                following = central.next_waiting(s, entry_id, office=f["office"] or None,
                                                 template=f["template"] or None, batch=f["batch"] or None)
            kept = {k: v for k, v in f.items() if v}
            if following is not None:
                return RedirectResponse(f"/admin/review/{following}?" + urlencode({**kept, "done": decision}),
                                        status_code=303)
            return RedirectResponse("/admin/review?" + urlencode({**kept, "done": decision}), status_code=303)

        return await run_in_threadpool(work)

    BatchPath = Path(min_length=1, max_length=100, pattern=r"^[0-9A-Za-z._-]+$")

    @app.get("/admin/review/batch/{batch_uuid}", include_in_schema=False, response_class=HTMLResponse)
    def review_batch(request: Request, session: SessionDep, batch_uuid: str = BatchPath) -> Response:
        signed = _signed_in(request)
        if signed is None:
            return _login_page(request)
        t = _words(request)
        info = central.batch_waiting(session, batch_uuid)
        if info is None:
            return _html(review.message_page(t, "No such batch", t("No batch {batch} was received.",
                                                                   batch=t.code(batch_uuid)),
                                             csrf=signed[1], here=_here(request)), 404)
        return _html(review.batch_confirm(t, info, csrf=signed[1], here=_here(request)))

    @app.post("/admin/review/batch/{batch_uuid}/accept", include_in_schema=False, response_class=HTMLResponse)
    async def review_batch_accept(request: Request, batch_uuid: str = BatchPath) -> Response:
        checked = await _signed_form(request)
        if isinstance(checked, Response):
            return checked
        signed, form = checked
        t = _words(request)
        expected = _form_int(form, "expected")
        here = f"/admin/review/batch/{batch_uuid}"

        def work() -> Response:
            with Session_() as s:
                try:
                    n = ingest.accept_batch(s, batch_uuid=batch_uuid, expected=expected, by=signed[0])
                    s.commit()
                except ingest.IngestError as e:
                    s.rollback()
                    info = central.batch_waiting(s, batch_uuid)
                    if info is None:
                        return _html(review.message_page(t, "No such batch", t.message(e.message), csrf=signed[1],
                                                         here=here), e.status)
                    return _html(review.batch_confirm(t, info, csrf=signed[1], error=t.message(e.message),
                                                      here=here), e.status)
            log.info("batch %s: %d entries accepted at the admin page (sign-in %s)", batch_uuid, n, signed[0].id)
            return RedirectResponse("/admin/review?" + urlencode({"batch": batch_uuid, "done": "batch"}),
                                    status_code=303)

        return await run_in_threadpool(work)

    @app.get("/admin/images/{entry_id}", include_in_schema=False)
    def review_image(request: Request, session: SessionDep, entry_id: int = Path(ge=1, le=2**62)) -> Response:
        """The page image of entry `entry_id`: its hash is read from the entry the server holds
        (never a name or path from the request), its type from its first bytes."""
        signed = _signed_in(request)
        if signed is None:
            return Response("sign in at /admin first", status_code=401, media_type="text/plain")
        it = central.entry_detail(session, entry_id)
        sha = (((it or {}).get("content") or {}).get("page") or {}).get("image_sha256") or ""
        if not P.is_sha256(sha):
            return Response(f"entry {entry_id} names no page image", status_code=404, media_type="text/plain")
        try:
            data = storage.get(sha)
        except FileNotFoundError:
            return Response(f"page image {sha} of entry {entry_id} is not in the server's image store: restore it "
                            "from a copy (daftar server check names every image missing)", status_code=404,
                            media_type="text/plain")
        kind = review.image_type(data[:16])
        headers = {**review.SECURITY_HEADERS, "Cache-Control": "private, max-age=3600"}
        if kind is None or kind == "application/pdf":
            headers["Content-Disposition"] = f'attachment; filename="page-{sha[:12]}"'
        return Response(data, media_type=kind or "application/octet-stream", headers=headers)

    return app
