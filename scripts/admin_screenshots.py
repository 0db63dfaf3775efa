"""Screenshots of the central server's /admin site, in English and Urdu, as a browser draws them.

    .venv/bin/python scripts/admin_screenshots.py docs/screenshots [--chromium PATH]

A demo workspace (`daftar demo`) is enrolled with a trial server (SQLite, a development TLS
certificate, all in a temporary folder) and sends its approved entries; the server is given a
named operator (`daftar server operator add`), who rejects one with her API token. Then
Chromium, headless, draws the sign-in by name, central-sign-in(-ur).png, and, signed in as her
(the server's cookie), each page at 1366 x 900: central-review-list(-ur).png,
central-review-entry(-ur).png and central-admin-ur.png (the operator's page, the server then
found restored from an older backup). It is driven through
the DevTools protocol on a pipe (`--remote-debugging-pipe`; no port, no extra package), which
also says which font drew the Urdu: each screenshot's line names the fonts of an Urdu heading
and of an Urdu value, and whether they are the server's own web fonts (@font-face) or the
computer's. About half a minute.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ADMIN = "screenshots-admin-token-0123456789"
OPERATOR, PASSWORD = "ثمینہ", "screenshots-pass-1"  # a reviewer of the central office


class Chromium:
    """Headless Chromium driven through the DevTools protocol on a pipe (fd 3 in, fd 4 out;
    messages are JSON ended by a NUL byte)."""

    def __init__(self, exe: str, profile: Path, width: int = 1366, height: int = 900):
        to_browser_r, self._w = os.pipe()
        self._r, from_browser_w = os.pipe()
        env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}

        def fds() -> None:  # the browser reads fd 3 and writes fd 4 (kept open: pass_fds)
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [exe, "--headless=new", "--remote-debugging-pipe", f"--user-data-dir={profile}", "--no-first-run",
             "--no-default-browser-check", "--disable-gpu", "--hide-scrollbars", "--ignore-certificate-errors",
             "--no-sandbox", "--disable-dev-shm-usage", "--font-render-hinting=none",
             f"--window-size={width},{height}", "about:blank"],
            pass_fds=(to_browser_r, from_browser_w, 3, 4), preexec_fn=fds, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buf, self._id, self.width, self.height = b"", 0, width, height
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Network", "DOM", "CSS", "Runtime"):
            self.call(f"{domain}.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def call(self, method: str, session: bool = False, **params) -> dict:
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        while True:
            while b"\0" not in self._buf:
                chunk = os.read(self._r, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium ended")
                self._buf += chunk
            raw, self._buf = self._buf.split(b"\0", 1)
            got = json.loads(raw)
            if got.get("id") == self._id:
                if "error" in got:
                    raise RuntimeError(f"{method}: {got['error']}")
                return got.get("result", {})

    def open(self, url: str) -> None:
        self.call("Page.navigate", session=True, url=url)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # loaded, fonts too (a page of ours runs no script; DevTools may)
            ready = self.call("Runtime.evaluate", session=True, awaitPromise=True, returnByValue=True,
                              expression="document.readyState === 'complete' && document.fonts.ready.then(() => "
                                         "document.fonts.status)")
            if ready.get("result", {}).get("value") == "loaded":
                return
            time.sleep(0.1)
        raise RuntimeError(f"{url} did not load")

    def fonts_of(self, selector: str) -> list[tuple[str, bool, int]]:
        """(family, from @font-face?, glyphs) of the fonts that drew the first element `selector` finds."""
        root = self.call("DOM.getDocument", session=True, depth=-1)["root"]["nodeId"]
        node = self.call("DOM.querySelector", session=True, nodeId=root, selector=selector)["nodeId"]
        if not node:
            return []
        got = self.call("CSS.getPlatformFontsForNode", session=True, nodeId=node)["fonts"]
        return [(f["familyName"], f["isCustomFont"], f["glyphCount"]) for f in got]

    def ltr_runs(self) -> tuple[int, list[str]]:
        """How many runs the page keeps left to right (<bdi dir='ltr'>: areas, khasras, dates,
        ids), and those the browser does not draw left to right: each character's place on the
        page, read from the layout (not from the picture)."""
        got = self.call("Runtime.evaluate", session=True, returnByValue=True, expression="""(() => {
            const bad = []; let n = 0;
            for (const el of document.querySelectorAll("bdi[dir='ltr']")) {
              n++; const xs = [];
              const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); let t;
              while ((t = walk.nextNode())) for (let i = 0; i < t.data.length; i++) {
                if (t.data[i] === ' ') continue;
                const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
                const b = r.getBoundingClientRect(); if (b.width) xs.push([Math.round(b.y), b.x]); }
              // on each line (a run may wrap), each character right of the one before
              if (xs.some(([y, x], i) => i && y === xs[i - 1][0] && x < xs[i - 1][1] - 0.5)) bad.push(el.textContent); }
            return [n, bad]; })()""")["result"]["value"]
        return got[0], got[1]

    def shot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", session=True, format="png",
                         clip={"x": 0, "y": 0, "width": self.width, "height": self.height, "scale": 1})["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except RuntimeError:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _daftar(*args: str, env: dict | None = None) -> None:
    subprocess.run([sys.executable, "-m", "daftar.cli", *args], cwd=ROOT, check=True, env={**os.environ, **(env or {})},
                   stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="folder for the PNG files (docs/screenshots)")
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "",
                    help="the Chromium (or Chrome) program")
    args = ap.parse_args(argv)
    if not args.chromium:
        print("no Chromium found: install it (apt-get install chromium) or name it with --chromium", file=sys.stderr)
        return 2
    import httpx

    from sync.devcerts import make_dev_certs
    from sync.server import Settings, create_app, ingest, instance, operators
    from sync.server.db import make_sessionmaker
    from tests.pg import free_port
    from tests.sync.conftest import ServerThread

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="daftar-admin-shots-") as tmp:
        tmp = Path(tmp)
        ws, storage = tmp / "office", tmp / "images"
        certs = make_dev_certs(tmp / "certs")
        settings = Settings(f"sqlite:///{tmp}/server.sqlite", storage, admin_token=ADMIN)
        app = create_app(settings)
        _daftar("server", "operator", "add", OPERATOR, "--database", settings.database_url,
                env={"DAFTAR_OPERATOR_PASSWORD": PASSWORD})
        with make_sessionmaker(app.state.engine)() as s:  # her API token (`daftar server operator token`)
            token = operators.new_token(s, name=OPERATOR, by=ingest.command_line_actor())["token"]
            s.commit()
        port = free_port()
        url = f"https://127.0.0.1:{port}"
        st = ServerThread(app, port, certs).start()
        browser = None
        try:
            _daftar("demo", "--workspace", str(ws))
            with httpx.Client(base_url=url, verify=str(certs.ca_cert), headers={"Authorization": f"Bearer {ADMIN}"},
                              timeout=60) as api:
                code = api.post("/v1/admin/enrol-codes", json={"name": "پٹوار خانہ رائیونڈ", "district": "چکوال"}
                                ).json()["code"]
                _daftar("sync", "--workspace", str(ws), "--enrol", "--server", url, "--code", code, "--ca-bundle",
                        str(certs.ca_cert))
                _daftar("batch", "seal", "--workspace", str(ws), "--as", "girdawar1", env={"DAFTAR_PASSWORD": "demo"})
                _daftar("sync", "--workspace", str(ws))
                entries = api.get("/v1/admin/entries").json()["entries"]
                api.headers["Authorization"] = f"Bearer {token}"  # the operator decides, named in the trail
                api.post("/v1/admin/decisions", json={"decisions": [
                    {"entry_uuid": entries[-1]["entry_uuid"], "version": entries[-1]["version"],
                     "decision": "rejected", "reason": "رقبہ صفحے سے نہیں ملتا"}]}).raise_for_status()
            with httpx.Client(base_url=url, verify=str(certs.ca_cert), timeout=60) as c:
                if c.post("/admin/login", data={"name": OPERATOR, "password": PASSWORD}).status_code != 303:
                    raise RuntimeError("the operator could not sign in at /admin")
                # IT typed her password: she chooses her own before any page works (/admin/password)
                page = c.get("/admin/password").text
                csrf = re.search(r"name='csrf' value='([^']+)'", page)[1]
                mine = PASSWORD + "-mine"
                if c.post("/admin/password", data={"csrf": csrf, "current": PASSWORD, "new": mine,
                                                   "again": mine}).status_code != 303:
                    raise RuntimeError("the operator could not choose her own password at /admin/password")
                cookie = c.cookies.get("daftar_admin")
            jamabandi = next(it for it in entries if (it["content"].get("register") or {}).get("template_id")
                             == "jamabandi")
            browser = Chromium(args.chromium, tmp / "profile", height=500)
            for lang in ("en", "ur"):  # the sign-in by name, before the browser is signed in
                browser.call("Network.setCookie", session=True, name="daftar_lang", value=lang, domain="127.0.0.1",
                             path="/", secure=True, httpOnly=True, sameSite="Lax")
                browser.open(url + "/admin")
                out = args.out / f"central-sign-in{'-ur' if lang == 'ur' else ''}.png"
                browser.shot(out)
                print(f"{out}: heading {browser.fonts_of('h1')}")
            browser.close()
            browser = Chromium(args.chromium, tmp / "profile2")
            browser.call("Network.setCookie", session=True, name="daftar_admin", value=cookie, domain="127.0.0.1",
                         path="/", secure=True, httpOnly=True, sameSite="Strict")
            pages = [("central-review-list", "/admin/review"), ("central-review-entry", f"/admin/review/{jamabandi['id']}")]
            for lang in ("en", "ur"):
                browser.call("Network.setCookie", session=True, name="daftar_lang", value=lang, domain="127.0.0.1",
                             path="/", secure=True, httpOnly=True, sameSite="Lax")
                for name, path in pages:
                    out = args.out / f"{name}{'-ur' if lang == 'ur' else ''}.png"
                    browser.open(url + path)
                    browser.shot(out)
                    n, bad = browser.ltr_runs()
                    print(f"{out}: heading {browser.fonts_of('h1')}; an Urdu value {browser.fonts_of('td.ur')}; "
                          f"{n} left-to-right runs, {len(bad)} drawn otherwise {bad[:3]}")
            # the operator's page, in Urdu, the server then found restored from an older backup
            mark = json.loads((storage / instance.MARKER).read_text())
            (storage / instance.MARKER).write_text(json.dumps({**mark, "batches": mark["batches"] + 3,
                                                               "decisions": mark["decisions"] + 5}))
            create_app(settings).state.engine.dispose()
            browser.open(url + "/admin")
            out = args.out / "central-admin-ur.png"
            browser.shot(out)
            n, bad = browser.ltr_runs()
            print(f"{out}: heading {browser.fonts_of('h1')}; the notice {browser.fonts_of('.restored h2')}; "
                  f"{n} left-to-right runs, {len(bad)} drawn otherwise {bad[:3]}")
        finally:
            if browser is not None:
                browser.close()
            st.stop()
            app.state.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
