"""Run the server with uvicorn (optionally TLS)."""

from __future__ import annotations

from pathlib import Path

from sync.server.config import Settings


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8443,
          tls_cert: Path | None = None, tls_key: Path | None = None, log_level: str = "warning",
          app=None) -> None:
    """Serve until interrupted (`app`: the one `create_app(settings)` made already)."""
    import uvicorn

    from sync.server.app import create_app

    app = app or create_app(settings)
    kw = {}
    if tls_cert:
        kw = {"ssl_certfile": str(tls_cert), "ssl_keyfile": str(tls_key)}
    uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=2, **kw)
