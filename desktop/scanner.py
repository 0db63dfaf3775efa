"""Scanners behind one small protocol (cf. normcap's handlers): SANE's `scanimage` on Linux;
on Windows a clear message (WIA/TWAIN is not built in yet). No Qt here: runs in a worker.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

MODES = ("Gray", "Color", "Lineart")
FLATBED, FEEDER = "Flatbed", "Automatic Document Feeder"
SCAN_TIMEOUT_S = 180


class ScanError(RuntimeError):
    """Scanning failed; the message says what to check."""


@dataclass(frozen=True)
class ScanDevice:
    name: str  # e.g. "test:0" or "epson2:libusb:001:004"
    description: str


@dataclass(frozen=True)
class ScanSettings:
    device: str
    resolution: int = 300
    mode: str = "Gray"
    feeder: bool = False  # True: every page in the document feeder
    max_pages: int = 0  # feeder only; 0 = until the feeder is empty


class Scanner(Protocol):
    """What the scan dialog needs from a scanner back end."""

    def is_available(self) -> bool: ...

    def unavailable_reason(self) -> str: ...

    def list_devices(self) -> list[ScanDevice]: ...

    def scan(self, settings: ScanSettings, out_dir: Path) -> list[Path]: ...


_DEVICE_RE = re.compile(r"^device `(?P<name>[^']+)' is (?:a |an )?(?P<desc>.*)$")


class SaneScanner:
    """SANE through the `scanimage` command (Debian package sane-utils). `stop` (the app's
    `TaskRunner.stopping`): once set, a `scanimage` still running is ended, so that Daftar
    closing does not wait for SANE's search for scanners (seconds, up to a minute with
    network scanners) or a scan nobody will import."""

    def __init__(self, binary: str = "scanimage", env: dict[str, str] | None = None, *,
                 stop: threading.Event | None = None) -> None:
        self.binary = binary
        self.env = env
        self.stop = stop

    def _path(self) -> str | None:
        return shutil.which(self.binary)

    def is_available(self) -> bool:
        return self._path() is not None

    def unavailable_reason(self) -> str:
        return ("Scanning needs SANE's scanimage program, which is not installed. "
                "Install the package sane-utils (sudo apt install sane-utils), or scan with "
                "another program and import the files.")

    def _run(self, args: list[str], timeout: float) -> subprocess.CompletedProcess:
        env = {**os.environ, **(self.env or {})}
        cmd = [self._path() or self.binary, *args]
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                    start_new_session=True)  # (ended with whatever it started)
        except FileNotFoundError:
            raise ScanError(self.unavailable_reason()) from None
        deadline = time.monotonic() + timeout
        while True:
            try:
                out, err = proc.communicate(timeout=0.1)
                return subprocess.CompletedProcess(cmd, proc.returncode, out, err)
            except subprocess.TimeoutExpired:
                stopped = self.stop is not None and self.stop.is_set()
                if not stopped and time.monotonic() < deadline:
                    continue
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.communicate()
                if stopped:
                    raise ScanError("Scanning was stopped: Daftar is closing.") from None
                raise ScanError("The scanner did not answer in time. Check it is switched on and connected, "
                                "then try again.") from None

    def list_devices(self) -> list[ScanDevice]:
        """Devices SANE finds (may be empty: the dialog says what to check)."""
        cp = self._run(["-L"], timeout=60)
        out = []
        for line in cp.stdout.splitlines():
            m = _DEVICE_RE.match(line.strip())
            if m:
                out.append(ScanDevice(m["name"], m["desc"]))
        return out

    def scan(self, settings: ScanSettings, out_dir: Path) -> list[Path]:
        """Scan one page (flatbed) or every page in the feeder into PNG files, in order."""
        out_dir.mkdir(parents=True, exist_ok=True)
        base = ["-d", settings.device, "--format=png", f"--resolution={settings.resolution}",
                f"--mode={settings.mode}"]
        if settings.feeder:
            args = base + [f"--source={FEEDER}", f"--batch={out_dir / 'scan-%04d.png'}"]
            if settings.max_pages:
                args.append(f"--batch-count={settings.max_pages}")
        else:
            args = base + ["-o", str(out_dir / "scan-0001.png")]
        cp = self._run(args, timeout=SCAN_TIMEOUT_S)
        files = sorted(out_dir.glob("scan-*.png"))
        if cp.returncode != 0 and not files:
            msg = (cp.stderr or "").strip().splitlines()
            detail = msg[-1] if msg else f"scanimage exited with {cp.returncode}"
            raise ScanError(f"Scanning with {settings.device} failed: {detail}. "
                            "Check the scanner (paper loaded, lid closed, cable) and try again.")
        if not files:
            raise ScanError("The scanner returned no page. Put the page on the glass (or in the feeder) and try again.")
        return files


class UnavailableScanner:
    """A platform without a scanner back end: says so clearly."""

    def __init__(self, reason: str) -> None:
        self._reason = reason

    def is_available(self) -> bool:
        return False

    def unavailable_reason(self) -> str:
        return self._reason

    def list_devices(self) -> list[ScanDevice]:
        return []

    def scan(self, settings: ScanSettings, out_dir: Path) -> list[Path]:
        raise ScanError(self._reason)


WINDOWS_REASON = ("Scanning from Daftar is not available on Windows yet. Scan with the scanner's "
                  "own WIA or TWAIN program (Windows Fax and Scan works) into a folder, then use "
                  "Import folder.")

NO_DEVICES = ("No scanner was found. Check that the scanner is switched on and connected by USB, "
              "then press Refresh. On Linux, `scanimage -L` must list it (the driver comes from the "
              "package sane-backends or from the scanner's maker).")


def default_scanner(stop: threading.Event | None = None) -> Scanner:
    """The scanner back end of this platform (`stop`: see SaneScanner)."""
    if sys.platform.startswith("win"):
        return UnavailableScanner(WINDOWS_REASON)
    return SaneScanner(stop=stop)


def scan_to_temp(scanner: Scanner, settings: ScanSettings) -> list[Path]:
    """Scan into a new private folder, in memory where the system allows (desktop.ramdir),
    removed when Daftar ends; the caller imports the files."""
    from desktop.ramdir import ram_temp_dir

    return scanner.scan(settings, ram_temp_dir("daftar-scan-"))
