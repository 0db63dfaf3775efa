"""The fault proxy's shared link: connections share one line's bandwidth (the sync benchmark
compares a plain upload and a sync pass over such a link)."""

from __future__ import annotations

import socket
import threading
import time

from tests.faultproxy import FaultProxy, Link


def _sink_server() -> tuple[socket.socket, list[int]]:
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    got: list[int] = []

    def serve():
        while True:
            try:
                c, _ = srv.accept()
            except OSError:
                return

            def drain(c=c):
                n = 0
                while data := c.recv(65536):
                    n += len(data)
                got.append(n)
                c.close()
            threading.Thread(target=drain, daemon=True).start()
    threading.Thread(target=serve, daemon=True).start()
    return srv, got


def test_two_connections_share_one_link():
    # GIVEN a proxy whose link carries 400 kB/s in each direction
    srv, got = _sink_server()
    proxy = FaultProxy(srv.getsockname()).start()
    proxy.link = Link(400_000, burst=4096)
    payload = b"x" * 200_000
    try:
        # WHEN two connections send 200 kB each at the same time
        def send():
            with socket.create_connection(("127.0.0.1", proxy.port)) as s:
                s.sendall(payload)
        t0 = time.monotonic()
        threads = [threading.Thread(target=send) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        deadline = time.monotonic() + 20
        while len(got) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        took = time.monotonic() - t0
    finally:
        proxy.stop()
        srv.close()
    # THEN every byte arrived, and together they took at least 400 kB / 400 kB/s
    # (per-connection limits would have let them through in half that time)
    assert got == [200_000, 200_000]
    assert took >= 0.95
