"""An in-repo TCP fault proxy on 127.0.0.1 for sync tests: drops, delays, truncation, slow links.

    proxy = FaultProxy(("127.0.0.1", server_port)).start()
    proxy.push(Fault(up_limit=30_000))          # the next connection is cut after 30 kB sent
    proxy.default = Fault(rate=200_000)         # every other connection: a 200 kB/s link
    proxy.link = Link(1_000_000)                # or: one 1 MB/s link shared by all connections
    ... client talks to proxy.port ...
    proxy.stop()

Faults apply per TCP connection (queued ones first, then `default`). Bytes are forwarded
as they are, so TLS passes through untouched.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import deque
from dataclasses import dataclass


@dataclass
class Fault:
    up_limit: int | None = None  # close after this many client->server bytes (cut mid-request)
    down_limit: int | None = None  # close after this many server->client bytes (truncated answer)
    delay: float = 0.0  # seconds before each forwarded chunk
    rate: float | None = None  # bytes per second in each direction (slow link)
    refuse: bool = False  # close the connection at once


class Link:
    """A link of `rate` bytes/s in each direction, shared by every connection through the
    proxy (as an office's one line is): bytes wait for their turn on the wire."""

    def __init__(self, rate: float, burst: int = 65536):
        self.rate = rate
        self.burst = burst  # a sender that fell behind (late wake-up) may catch up by this much
        self._lock = threading.Lock()
        self._free_at = {"up": 0.0, "down": 0.0}

    def send(self, direction: str, sock: socket.socket, data: bytes) -> None:
        for i in range(0, len(data), 4096):
            part = data[i:i + 4096]
            with self._lock:
                now = time.monotonic()
                start = max(now - self.burst / self.rate, self._free_at[direction])
                self._free_at[direction] = done = start + len(part) / self.rate
            if done > now:
                time.sleep(done - now)
            sock.sendall(part)


class FaultProxy:
    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.default = Fault()
        self.link: Link | None = None
        self._queue: deque[Fault] = deque()
        self._lock = threading.Lock()
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._conns: list[socket.socket] = []
        self.connections = 0
        self.cuts = 0
        self.bytes = {"up": 0, "down": 0}  # forwarded client->server and server->client (TLS included)

    def push(self, fault: Fault, count: int = 1) -> None:
        """The next `count` connections get `fault`."""
        with self._lock:
            self._queue.extend([fault] * count)

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()
        self.default = Fault()

    def start(self) -> FaultProxy:
        threading.Thread(target=self._accept, daemon=True, name="faultproxy").start()
        return self

    def stop(self) -> None:
        self._stop.set()
        try:
            self._sock.close()
        except OSError:
            pass
        self.drop_all()

    def drop_all(self) -> None:
        """Cut every open connection now."""
        with self._lock:
            conns, self._conns = self._conns, []
        for c in conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            c.close()

    def _next_fault(self) -> Fault:
        with self._lock:
            return self._queue.popleft() if self._queue else self.default

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            self.connections += 1
            fault = self._next_fault()
            if fault.refuse:
                client.close()
                self.cuts += 1
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            for s in (client, upstream):  # forward small pieces at once (no Nagle wait for a delayed ACK)
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._conns += [client, upstream]
            pair = _Pair(self, client, upstream)
            threading.Thread(target=pair.pump, args=(client, upstream, fault.up_limit, fault, "up"), daemon=True).start()
            threading.Thread(target=pair.pump, args=(upstream, client, fault.down_limit, fault, "down"), daemon=True).start()


class _Pair:
    def __init__(self, proxy: FaultProxy, a: socket.socket, b: socket.socket):
        self.proxy, self.a, self.b = proxy, a, b
        self.closed = False
        self.lock = threading.Lock()

    def close(self, cut: bool = False) -> None:
        with self.lock:
            if self.closed:
                return
            self.closed = True
        if cut:
            self.proxy.cuts += 1
        for s in (self.a, self.b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def _count(self, direction: str, n: int) -> None:
        with self.proxy._lock:
            self.proxy.bytes[direction] += n

    def pump(self, src: socket.socket, dst: socket.socket, limit: int | None, fault: Fault, direction: str) -> None:
        sent = 0
        try:
            while True:
                data = src.recv(16384)
                if not data:
                    break
                if fault.delay:
                    time.sleep(fault.delay)
                if limit is not None and sent + len(data) >= limit:
                    dst.sendall(data[: max(0, limit - sent)])
                    self._count(direction, max(0, limit - sent))
                    self.close(cut=True)
                    return
                if self.proxy.link is not None:
                    self.proxy.link.send(direction, dst, data)
                elif fault.rate:
                    for i in range(0, len(data), 4096):
                        part = data[i:i + 4096]
                        dst.sendall(part)
                        time.sleep(len(part) / fault.rate)
                else:
                    dst.sendall(data)
                sent += len(data)
                self._count(direction, len(data))
        except OSError:
            pass
        self.close()
