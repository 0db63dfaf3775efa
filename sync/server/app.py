"""FastAPI application of the central sync server. Its OpenAPI document (/openapi.json)
is the published sync API (docs/sync-api.md explains it)."""


import asyncio
import hashlib
import html
import secrets
import time
import zlib
from collections.abc import Iterator
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import ClientDisconnect

from sync import protocol as P
from sync.gcpause import gc_paused
from sync.server import central, ingest
from sync.server.config import Settings
from sync.server.db import make_engine, make_sessionmaker
from sync.server.storage import LocalImageStorage, OffsetMismatch

TOKEN_CACHE_SECONDS = 10.0  # a re-enrolled office's old token keeps working at most this long
SHA_PATH = Path(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the whole image (lower-case hex)")
bearer = HTTPBearer(auto_error=False, description="device token (offices) or admin token")


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


class _GzipRequestMiddleware:
    """Accept request bodies sent with ``Content-Encoding: gzip`` (a batch body is JSON and
    shrinks about 6x: minutes on a slow office line). The body is inflated before the
    endpoint sees it, up to `limit` bytes; more, or a damaged stream, is answered 413/400."""

    def __init__(self, app, limit: int = 256 * 1024 * 1024):
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
    app = FastAPI(
        title="Daftar sync API",
        version="1",
        description="Offices send signed batches of approved register entries and their page "
        "images; the central office returns receipts and decisions. See docs/sync-api.md.",
    )
    app.state.settings, app.state.engine, app.state.storage = settings, engine, storage
    app.state.faults = []
    app.add_middleware(_GzipRequestMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=4096)  # receipts and change lists to slow offices

    def session_dep() -> Iterator[Session]:
        s = Session_()
        try:
            yield s
        finally:
            s.close()

    SessionDep = Annotated[Session, Depends(session_dep)]
    Creds = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]

    token_cache: dict[str, tuple[float, ingest.OfficeRef]] = {}

    def lookup_office(token: str) -> ingest.OfficeRef:
        with Session_() as s:
            office = ingest.office_by_token(s, token)
            if office is None:
                raise HTTPException(401, "unknown device token: enrol this office again")
            return ingest.OfficeRef(office.id, office.office_uuid, office.public_key)

    async def device(creds: Creds) -> ingest.OfficeRef:
        # async: a cached token costs no trip to the thread pool; a miss asks the database there
        if creds is None:
            raise HTTPException(401, "a device token is required (Authorization: Bearer TOKEN)")
        now = time.monotonic()
        hit = token_cache.get(creds.credentials)
        if hit and now - hit[0] < TOKEN_CACHE_SECONDS:
            return hit[1]
        ref = await run_in_threadpool(lookup_office, creds.credentials)
        if len(token_cache) > 10000:
            token_cache.clear()
        token_cache[creds.credentials] = (now, ref)
        return ref

    def admin(creds: Creds, token: str | None = Query(None, include_in_schema=False)) -> None:
        given = creds.credentials if creds else (token or "")
        if not secrets.compare_digest(given.encode(), settings.admin_token.encode()):
            raise HTTPException(401, "administrator token required")

    Device = Annotated[ingest.OfficeRef, Depends(device)]
    Admin = Depends(admin)

    @app.exception_handler(ingest.IngestError)
    async def _ingest_error(_req: Request, exc: ingest.IngestError):
        return JSONResponse(exc.body(), status_code=exc.status)

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

    @app.post("/v1/enrol", tags=["admin"], response_model=P.EnrolmentResult, dependencies=[Admin],
              summary="Register an office (administrator): returns its device token once")
    def enrol(body: P.Enrolment, session: SessionDep) -> dict:
        token = ingest.enrol(session, office_uuid=body.office_id, name=body.name, district=body.district,
                             tehsil=body.tehsil, public_key=body.public_key)
        session.commit()
        return {"office_id": body.office_id, "device_token": token}

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
        except BaseException:
            session.rollback()
            raise
        return receipt

    @app.post("/v1/batches/held", tags=["office"], response_model=P.Held,
              summary="Which of these batches the server holds from this office (a receipt for one it "
                      "does not hold: its database was restored; the office sends that batch again)")
    def batches_held(body: P.HeldQuery, office: Device, session: SessionDep) -> dict:
        return {"held": ingest.held_batches(session, office, body.batch_ids)}

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
    def post_decisions(body: DecisionsIn, session: SessionDep) -> dict:
        try:
            cursors = [ingest.decide(session, entry_uuid=d.entry_uuid, version=d.version,
                                     decision=d.decision, reason=d.reason) for d in body.decisions]
            session.commit()
        except BaseException:
            session.rollback()
            raise
        return {"cursors": cursors}

    @app.post("/v1/admin/import", tags=["admin"], response_model=P.Receipt, dependencies=[Admin],
              summary="Take a .daftar-batch file brought on a USB stick (same idempotency)")
    async def import_file(request: Request) -> dict:
        data = await request.body()

        def work():
            s = Session_()
            try:
                r = ingest.import_batch_file(s, storage, data)
                s.commit()
                return r
            except BaseException:
                s.rollback()
                raise
            finally:
                s.close()

        return await asyncio.to_thread(work)

    @app.get("/v1/admin/batches", tags=["admin"], dependencies=[Admin], summary="Received batches per office")
    def list_batches(session: SessionDep) -> dict:
        return {"offices": ingest.batches_by_office(session), "entries": ingest.entry_count(session)}

    @app.get("/v1/admin/entries", tags=["admin"], dependencies=[Admin],
             summary="Received entries with their documents, a page at a time (oldest first)")
    def list_entries(session: SessionDep, office: str | None = Query(None, description="an office's id (uuid)"),
                     template: str | None = Query(None, description="register kind: jamabandi, girdawari, intiqal"),
                     state: str | None = Query(None, pattern="^(received|accepted|rejected)$"),
                     after: int = Query(0, ge=0, description="the `next` of the page before"),
                     limit: int = Query(200, ge=1, le=1000)) -> dict:
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
        def rows():
            s = Session_()
            try:
                yield from central.entries_csv(s, office=office, template=template, state=state, excel=excel)
            finally:
                s.close()

        name = f"daftar-entries-{template or 'all'}{'-excel' if excel else ''}.csv"
        return StreamingResponse(rows(), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/admin", include_in_schema=False, dependencies=[Admin], response_class=HTMLResponse)
    def admin_page(session: SessionDep, token: str | None = Query(None)) -> str:
        rows = []
        for o in ingest.batches_by_office(session):
            for b in o["batches"] or [{"batch_id": f"nothing received since enrolment ({o['enrolled_at']})",
                                       "entries": 0, "source": "", "received_at": ""}]:
                rows.append("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in
                            (o["name"], o["office_id"], b["batch_id"], b["entries"], b["source"], b["received_at"])) + "</tr>")
        # the received entries as CSV, one link per register kind (a browser carries the token in the address)
        auth = f"token={quote(token)}&" if token else ""
        kinds = (("all", ""), ("jamabandi", "template=jamabandi"), ("girdawari", "template=girdawari"),
                 ("intiqal", "template=intiqal"))
        links = " · ".join(f"<a href='/v1/admin/entries.csv?{auth}{q}'>{label}</a>" for label, q in kinds)
        for_excel = " · ".join(f"<a href='/v1/admin/entries.csv?{auth}excel=1{'&' + q if q else ''}'>{label}</a>"
                               for label, q in kinds)
        return ("<!doctype html><html><head><meta charset='utf-8'><title>Daftar: received batches</title></head>"
                f"<body><h1>Received batches</h1><p>Received entries as CSV: {links}</p>"
                f"<p>For Excel (areas such as 11-4 and shares such as 1/2 kept as text): {for_excel}</p>"
                "<table border='1' cellpadding='4'><tr><th>Office</th><th>Office id</th>"
                "<th>Batch</th><th>Entries</th><th>Source</th><th>Received (UTC)</th></tr>"
                + "".join(rows) + "</table></body></html>")

    return app
