"""Scanning through SANE's `test` device (Debian sane-utils); skipped clearly without it."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from desktop.scanner import (
    NO_DEVICES,
    WINDOWS_REASON,
    SaneScanner,
    ScanSettings,
    UnavailableScanner,
)

needs_scanimage = pytest.mark.skipif(shutil.which("scanimage") is None,
                                     reason="SANE's scanimage is not installed (Debian package sane-utils)")


@pytest.fixture
def sane_test_env(tmp_path):
    """A SANE configuration that enables only the `test` backend (no change to /etc)."""
    cfg = tmp_path / "sane.d"
    cfg.mkdir()
    (cfg / "dll.conf").write_text("test\n")
    return {"SANE_CONFIG_DIR": str(cfg)}


@needs_scanimage
def test_lists_the_sane_test_device(sane_test_env):
    # GIVEN SANE configured with its test backend
    scanner = SaneScanner(env=sane_test_env)
    # WHEN listing devices
    devices = scanner.list_devices()
    # THEN the virtual test scanners are found
    assert scanner.is_available()
    assert any(d.name.startswith("test") for d in devices)


@needs_scanimage
def test_scans_one_page_and_the_feeder(sane_test_env, tmp_path):
    # GIVEN the SANE test device
    from PIL import Image

    scanner = SaneScanner(env=sane_test_env)
    # WHEN scanning one page at 100 dpi in colour, and three pages from the feeder
    one = scanner.scan(ScanSettings("test", resolution=100, mode="Color"), tmp_path / "one")
    feed = scanner.scan(ScanSettings("test", resolution=75, mode="Gray", feeder=True, max_pages=3), tmp_path / "feed")
    # THEN PNG files come back in order with the requested settings
    assert len(one) == 1
    with Image.open(one[0]) as im:
        assert im.mode == "RGB" and im.width > 157  # 157 px wide at 50 dpi
    assert [p.name for p in feed] == ["scan-0001.png", "scan-0002.png", "scan-0003.png"]


@needs_scanimage
def test_scan_error_names_the_device(sane_test_env, tmp_path):
    # GIVEN a device name that does not exist
    from desktop.scanner import ScanError

    scanner = SaneScanner(env=sane_test_env)
    # WHEN scanning from it THEN the error names it and says what to check
    with pytest.raises(ScanError, match="nosuch:0.*Check the scanner"):
        scanner.scan(ScanSettings("nosuch:0"), tmp_path / "x")


def test_missing_scanimage_says_what_to_install():
    # GIVEN a SANE back end whose program is absent
    scanner = SaneScanner(binary="scanimage-does-not-exist")
    # THEN it is unavailable and the reason names the package
    assert not scanner.is_available()
    assert "sane-utils" in scanner.unavailable_reason()


@pytest.mark.gui
def test_scan_dialog_empty_device_list_and_windows_message(qtbot, ctx):
    # GIVEN a scanner back end that finds no devices, and the Windows one
    from desktop.capture.scan_dialog import ScanDialog
    from tests.desktop.conftest import wait_idle

    class NoDevices(SaneScanner):
        def is_available(self):
            return True

        def list_devices(self):
            return []

    dlg = ScanDialog(ctx, scanner=NoDevices())
    qtbot.addWidget(dlg)
    dlg.show()  # opened while "Looking for scanners…"
    wait_idle(qtbot, ctx)
    # THEN the dialog explains what to check instead of showing an empty list
    assert dlg.message.text() == NO_DEVICES and not dlg.scan_button.isEnabled()
    # ... all of it: the dialog grew to the explanation, no field squeezed below its size
    msg, res = dlg.message, dlg.resolution
    assert msg.height() >= msg.heightForWidth(msg.width()) and res.height() >= res.minimumSizeHint().height()
    win = ScanDialog(ctx, scanner=UnavailableScanner(WINDOWS_REASON))
    qtbot.addWidget(win)
    assert "WIA or TWAIN" in win.message.text() and not win.scan_button.isEnabled()


@needs_scanimage
@pytest.mark.gui
def test_scan_dialog_scans_into_import(qtbot, ctx, sane_test_env):
    # GIVEN the import dialog of a register and the SANE test device
    from desktop.capture.import_dialog import ImportDialog
    from records import services
    from tests.desktop.conftest import wait_idle

    with ctx.ws.session() as s:
        rid = services.create_register(s, actor=ctx.actor, template="jamabandi", district="a", tehsil="b",
                                       mauza="c", hadbast_no="1", year="2019-20")
    dlg = ImportDialog(ctx, rid, scanner=SaneScanner(env=sane_test_env))
    qtbot.addWidget(dlg)
    dlg.scan_dialog()
    from desktop.capture.scan_dialog import ScanDialog

    scan = dlg.findChild(ScanDialog)
    wait_idle(qtbot, ctx)
    assert scan.device.count() >= 1
    # WHEN the clerk scans one page at 75 dpi
    scan.resolution.setValue(75)
    scan.scan()
    qtbot.waitUntil(lambda: not scan.busy, timeout=20000)
    # THEN the scanned page is listed for import
    qtbot.waitUntil(lambda: dlg._loading == 0 and len(dlg.items) == 1, timeout=10000)
    assert dlg.items[0].error is None and dlg.items[0].width > 0


def _slow_scanimage(folder, seconds: float):
    """A `scanimage` that searches for `seconds` and finds the test scanner (SANE probing a
    network takes seconds); each start leaves a line in `starts`."""
    folder.mkdir(exist_ok=True)
    fake = folder / "scanimage"
    fake.write_text(f"#!/bin/sh\necho $$ >> {folder}/starts\nsleep {seconds}\n"
                    "echo \"device \\`test:0' is a Noname frontend-tester virtual device\"\n")
    fake.chmod(0o755)
    return folder / "starts"


@pytest.mark.gui
def test_refresh_pressed_again_while_looking_starts_no_second_search(qtbot, ctx, tmp_path, monkeypatch):
    # GIVEN the scan dialog looking for scanners, and SANE slow to answer (1.5 s a search)
    from desktop.capture.scan_dialog import ScanDialog
    from tests.desktop.conftest import wait_idle

    starts = _slow_scanimage(tmp_path / "bin", 1.5)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    dlg = ScanDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.refresh_button.isEnabled() and not dlg.scan_button.isEnabled()
    # WHEN the clerk presses Refresh three times more while it looks
    for _ in range(3):
        dlg.refresh_button.click()
        dlg.refresh()
    wait_idle(qtbot, ctx)
    # THEN one search ran (each held one of the two reading threads for its seconds), and
    # Refresh and Scan are back once it found the scanner
    assert len(starts.read_text().split()) == 1
    assert dlg.device.count() == 1 and dlg.refresh_button.isEnabled() and dlg.scan_button.isEnabled()
    dlg.refresh_button.click()
    wait_idle(qtbot, ctx)
    assert len(starts.read_text().split()) == 2


@pytest.mark.gui
def test_daftar_closing_does_not_wait_for_the_search_for_scanners(qtbot, ctx, tmp_path, monkeypatch):
    # GIVEN the scan dialog of the app looking for scanners, and SANE taking 30 s to answer
    from desktop.capture.scan_dialog import ScanDialog

    starts = _slow_scanimage(tmp_path / "bin", 30)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    dlg = ScanDialog(ctx)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(starts.exists, timeout=5000)
    # WHEN Daftar closes (the window's close shuts the task runner down on the UI thread)
    t0 = time.monotonic()
    ctx.runner.shutdown()
    took = time.monotonic() - t0
    # THEN the window is not held for SANE's search: scanimage is ended
    assert took < 2, f"closing waited {took:.1f} s for scanimage"
    pid = int(starts.read_text().split()[0])
    qtbot.waitUntil(lambda: not Path(f"/proc/{pid}").exists()
                    or Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z", timeout=2000)


@pytest.mark.gui
def test_what_the_scanner_says_is_in_urdu_too(qapp, tmp_path):
    # GIVEN the Urdu interface, and what scanning says when it fails (a scanner that does not
    # answer, fails, gives no page; no scanimage; Daftar closing during a scan)
    from desktop import i18n

    failing = tmp_path / "scanimage"
    failing.write_text("#!/bin/sh\necho 'scanimage: open of device nosuch:0 failed: Invalid argument' >&2\nexit 1\n")
    failing.chmod(0o755)
    said = [SaneScanner(binary="no-such-scanimage").unavailable_reason(),
            "The scanner did not answer in time. Check it is switched on and connected, then try again.",
            "The scanner returned no page. Put the page on the glass (or in the feeder) and try again.",
            "Scanning was stopped: Daftar is closing."]
    try:
        SaneScanner(binary=str(failing)).scan(ScanSettings("nosuch:0"), tmp_path / "out")
    except Exception as e:  # noqa: BLE001
        said.append(str(e))
    assert i18n.apply_language(qapp, "ur")
    try:
        # WHEN the import dialog shows it
        shown = [i18n.message(s) for s in said]
    finally:
        i18n.apply_language(qapp, "en")
    # THEN it is said in Urdu (the device's name and SANE's own words as they are)
    for english, urdu in zip(said, shown, strict=True):
        assert "اسکین" in urdu and not re.search(r"\b(Check|scanner|again)\b", urdu), (english, urdu)
