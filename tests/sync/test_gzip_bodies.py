"""Batch bodies may be sent gzip-compressed (the client does: JSON shrinks about 6x on a slow
office line); damaged or oversized compressed bodies get a clear answer."""

from __future__ import annotations

import asyncio
import gzip
import ssl

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from sync.server.app import _GzipRequestMiddleware


async def _echo(request: Request):
    body = await request.body()
    return JSONResponse({"length": len(body), "head": body[:20].decode("latin-1"),
                         "encoding": request.headers.get("content-encoding")})


class _Client:
    """Posts to a tiny app behind the middleware, in memory (httpx's ASGI transport)."""

    def __init__(self, limit: int):
        self.app = Starlette(routes=[Route("/echo", _echo, methods=["POST"])])
        self.app.add_middleware(_GzipRequestMiddleware, limit=limit)

    def post(self, path: str, **kw) -> httpx.Response:
        async def go():
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app), base_url="http://t") as c:
                return await c.post(path, **kw)
        return asyncio.run(go())


def _client(limit: int) -> _Client:
    return _Client(limit)


def test_a_gzip_body_reaches_the_endpoint_inflated():
    raw = b'{"manifest": ' + b"x" * 50_000 + b"}"
    r = _client(1 << 20).post("/echo", content=gzip.compress(raw), headers={"Content-Encoding": "gzip"})
    assert r.status_code == 200
    assert r.json() == {"length": len(raw), "head": raw[:20].decode(), "encoding": None}


def test_a_plain_body_is_untouched():
    r = _client(1 << 20).post("/echo", content=b"plain")
    assert r.json() == {"length": 5, "head": "plain", "encoding": None}


def test_a_body_that_inflates_beyond_the_limit_is_refused():
    bomb = gzip.compress(b"\0" * 5_000_000)  # 5 MB of zeros in about 5 kB
    r = _client(1_000_000).post("/echo", content=bomb, headers={"Content-Encoding": "gzip"})
    assert r.status_code == 413 and r.json()["error"] == "too_large"


def test_a_damaged_or_cut_gzip_body_is_refused_with_a_reason():
    good = gzip.compress(b"x" * 10_000)
    c = _client(1 << 20)
    r = c.post("/echo", content=b"not gzip at all", headers={"Content-Encoding": "gzip"})
    assert r.status_code == 400 and "gzip" in r.json()["detail"]
    r = c.post("/echo", content=good[: len(good) // 2], headers={"Content-Encoding": "gzip"})
    assert r.status_code == 400 and "ends early" in r.json()["detail"]


def test_the_real_server_refuses_a_damaged_gzip_batch(server):
    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca)) as c:
        r = c.post("/v1/batches", content=b"\x1f\x8b garbage", headers={"Content-Encoding": "gzip",
                                                                         "Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "bad_gzip"
