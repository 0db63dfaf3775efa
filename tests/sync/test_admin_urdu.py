"""The /admin site in Urdu: a language link remembered in a cookie (or the browser's
Accept-Language), `<html lang='ur' dir='rtl'>`, every string of the pages and every message of
the server in Urdu from one table (sync/server/words.py), Urdu digits with areas and khasras kept
left to right, and the Urdu web fonts given by the server itself."""

from __future__ import annotations

import ast
import html
import re
import ssl
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from sync.server import words
from sync.server.words import UR, Words
from tests.sync.test_central_review import _approved_entry, _csrf, _entry_links, _id, _png, _sent

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "sync/server/review.py", ROOT / "sync/server/app.py"]
RAISING = [ROOT / "sync/server/ingest.py", ROOT / "sync/server/central.py", ROOT / "sync/server/app.py",
           ROOT / "sync/server/operators.py"]
# Latin words an Urdu page may hold outside values and ids: the switch back to English, and
# the names the desktop's Urdu keeps too
LATIN_KEPT = {"English", "CSV", "UTC", "API", "USB"}


# ----------------------------------------------------------------------------- the table
def _page_strings() -> dict[str, str]:
    """Every string literal the pages give `t(...)`, `t.plain(...)` or mark `N_(...)`, and the
    titles and messages the routes hand to `message_page` / `_login_page`; where each is."""
    out: dict[str, str] = {}
    for path in PAGES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            f = node.func
            name = (f.id if isinstance(f, ast.Name) else f"{f.value.id}.{f.attr}"
                    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else "")
            args = {"t": [0], "t.plain": [0], "N_": [0], "review.message_page": [1], "message_page": [1],
                    "_login_page": [1]}.get(name, [])
            for i in args:
                if i < len(node.args) and isinstance(node.args[i], ast.Constant) and isinstance(node.args[i].value, str):
                    out[node.args[i].value] = f"{path.name}:{node.lineno}"
    return out


def _template(node, consts: dict) -> str:
    """An IngestError's message as its template: each value {0}, {1}… (a module constant in it as its text)."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return consts[node.id]
    if isinstance(node, ast.Attribute):  # ingest.REVOKED
        return consts[node.attr]
    assert isinstance(node, ast.JoinedStr), ast.dump(node)
    out, i = [], 0
    for part in node.values:
        if isinstance(part, ast.Constant):
            out.append(part.value)
        elif isinstance(part.value, ast.Name) and part.value.id in consts:
            out.append(consts[part.value.id])
        else:
            out.append(f"{{{i}}}")
            i += 1
    return "".join(out)


def _server_messages() -> dict[str, str]:
    """Every message an IngestError of the server is raised with, as a template; where."""
    consts: dict[str, str] = {}
    for path in RAISING:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and \
                    isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                consts[node.targets[0].id] = node.value.value
    out = {}
    for path in RAISING:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and len(node.args) >= 3 and \
                    getattr(node.func, "id", getattr(node.func, "attr", "")) == "IngestError":
                out[_template(node.args[2], consts)] = f"{path.name}:{node.lineno}"
    return out


def _latin_left(page: str) -> list[str]:
    """The Latin words of an Urdu page that are neither values, ids nor kept names: tags and
    attributes, <style>, what runs left to right on purpose (<bdi dir='ltr'>, isolates), what
    the offices wrote (cells of class v, the office filter's names) are left out first."""
    body = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    body = re.sub(r"<bdi dir='ltr'[^>]*>.*?</bdi>", " ", body, flags=re.S)
    body = re.sub(r"<td class='v[^']*' dir='auto'>.*?</td>", " ", body, flags=re.S)
    body = re.sub(r"<span class='v' dir='auto'>.*?</span>", " ", body, flags=re.S)
    body = re.sub(r"<option value='[0-9a-f-]{36}'[^>]*>.*?</option>", " ", body, flags=re.S)
    body = re.sub(r"<textarea[^>]*>.*?</textarea>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    body = re.sub("\u2066.*?\u2069", " ", html.unescape(body), flags=re.S)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_'.-]*[A-Za-z]", body) if w not in LATIN_KEPT]


def test_every_string_of_the_pages_and_every_message_of_the_server_has_its_urdu():
    # GIVEN every string the pages write and every message the server raises
    used, raised = _page_strings(), _server_messages()
    assert len(used) > 150 and len(raised) > 35  # (the walk found them)
    # THEN each has its Urdu in the one table, with the same values
    assert {s: at for s, at in used.items() if s not in UR} == {}
    assert {s: at for s, at in raised.items() if s not in UR} == {}
    for en, ur in UR.items():
        assert set(re.findall(r"\{\w*\}", en)) == set(re.findall(r"\{\w*\}", ur)), en
        assert ur and ur != en, en
        assert not _latin_left(html.escape(re.sub(r"\{\w*\}", "", ur))), (en, _latin_left(ur))
    # AND a message with its values filled in is said in Urdu, the values kept as they are
    t = Words("ur")
    for en in raised:
        said = t.message(re.sub(r"\{(\d)\}", lambda m: f"Value{m.group(1)}", en))
        assert _latin_left(said) == [], (en, said)
    assert t.message("a message the table does not know") == "a message the table does not know"
    assert Words("en").message("say why an entry is rejected") == "say why an entry is rejected"


def test_numbers_dates_and_values_in_urdu_run_left_to_right_in_urdu_digits():
    t = Words("ur")
    # an area and a khasra are one left-to-right run whole (bidi would show 12-5 as 5-12), in Urdu digits
    assert t.value("12-5", numeric=True) == "<bdi dir='ltr'>۱۲-۵</bdi>"
    assert t.value("125/5، 126، 130/2") == "<bdi dir='ltr'>۱۲۵/۵</bdi>، ۱۲۶، <bdi dir='ltr'>۱۳۰/۲</bdi>"
    assert t.value("انتقال نمبر 1234 رقبہ 3-4") == "انتقال نمبر ۱۲۳۴ رقبہ <bdi dir='ltr'>۳-۴</bdi>"
    assert t.num(47) == "۴۷" and t.num("2019-20") == "<bdi dir='ltr'>۲۰۱۹-۲۰</bdi>"
    assert t.when("2026-11-27T10:15:09Z") == "<bdi dir='ltr' class='nw'>۲۷-۱۱-۲۰۲۶ ۱۰:۱۵</bdi>"
    # ids keep their Latin digits
    assert t.code("3f2a-11") == "<bdi dir='ltr'>3f2a-11</bdi>"
    # in English, digits as written; a number inside Urdu text still kept in order
    en = Words("en")
    assert en.value("12-5", numeric=True) == "<bdi dir='ltr'>12-5</bdi>" and en.num(47) == "47"
    assert en.value("انتقال 12-5") == "انتقال <bdi dir='ltr'>12-5</bdi>"
    assert words.accepted_language("ur-PK,ur;q=0.9,en;q=0.8") == "ur"
    assert words.accepted_language("en-US,en;q=0.9,ur;q=0.5") == "en"
    assert words.accepted_language("fr-FR,de;q=0.5") is None


# ----------------------------------------------------------------------------- the pages
@contextmanager
def _client(server, **kw):
    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca), timeout=30,
                      **kw) as c:
        yield c


def _urdu(page: str) -> None:
    assert "<html lang='ur' dir='rtl'>" in page
    left = _latin_left(page)
    assert left == [], left


def test_the_language_link_is_remembered_and_every_page_is_urdu_right_to_left(office, server):
    # GIVEN entries received, one with an area, a khasra list and a share
    _approved_entry(office, {"khewat_no": "47", "owner": "محمد اسلم ولد غلام رسول", "khasra_nos": "125/5، 126",
                             "area": "12-5", "share": "3/8"}, _png())
    _sent(office, server)
    with _client(server) as c:
        # WHEN a browser (English by its Accept-Language) opens the site THEN it is English,
        # with a link to Urdu named in Urdu
        first = c.get("/admin/review?office=")
        assert "<html lang='en' dir='ltr'>" in first.text and "Administrator token" in first.text
        (to_urdu,) = re.findall(r"href='(/admin/language/ur\?back=[^']+)'", first.text)
        assert ">اردو</a>" in first.text
        # WHEN the link is followed THEN the cookie keeps Urdu and the browser is back on its page
        r = c.get(to_urdu)
        assert r.status_code == 303 and r.headers["location"] == "/admin/review?office="
        assert "daftar_lang=ur" in r.headers["set-cookie"] and "Max-Age=31536000" in r.headers["set-cookie"]
        login = c.get("/admin").text
        _urdu(login)
        assert "منتظم کا ٹوکن" in login and "داخل ہوں" in login and ">English</a>" in login
        # AND a wrong token is said in Urdu
        wrong = c.post("/admin/login", data={"token": "not-the-token-at-all"})
        assert wrong.status_code == 401 and "یہ منتظم کا ٹوکن نہیں۔" in wrong.text
        _urdu(wrong.text)
        assert c.post("/admin/login", data={"token": server.admin}).status_code == 303

        # THEN every page of the site is Urdu, right to left, nothing left in English
        home = c.get("/admin").text
        _urdu(home)
        assert "موصولہ بیچ" in home and "فیصلے کے منتظر اندراجات (۷)" in home and "منسلک ہونے کا کوڈ جاری ہوا" in home
        listed = c.get("/admin/review").text
        _urdu(listed)
        assert "۷ منتظر؛ یہاں ۷ دکھائے گئے (شروع سے)، پرانے پہلے۔" in listed and "جمع بندی" in listed
        links = _entry_links(listed)
        entry = c.get(links[-1]).text
        _urdu(entry)
        # ... the values in Urdu digits, area, khasra and share each left to right whole
        assert "<bdi dir='ltr'>۱۲-۵</bdi>" in entry and "<bdi dir='ltr'>۱۲۵/۵</bdi>، ۱۲۶" in entry
        assert "<bdi dir='ltr'>۳/۸</bdi>" in entry and "سال <bdi dir='ltr'>۲۰۱۹-۲۰</bdi>" in entry
        assert "جمع بندی: صفحہ ۳، سطر ۱" in entry and "قبول کریں" in entry and "مسترد کریں" in entry
        (bid,) = set(re.findall(r"/admin/review/batch/([0-9a-f-]{36})'", c.get(
            "/admin/review", params={"batch": re.search(r"batch=([0-9a-f-]{36})", listed)[1]}).text))
        confirm = c.get(f"/admin/review/batch/{bid}").text
        _urdu(confirm)
        assert "پورا بیچ قبول کریں؟" in confirm and "۷ اندراجات قبول کریں" in confirm

        # AND what it refuses is said in Urdu: a reason missing, a decision made meanwhile, a
        # batch changed since its confirmation, a kind mistyped, an unknown batch, no such entry
        action = f"/admin/review/{_id(links[-1])}/decision"
        csrf = _csrf(entry)
        no_reason = c.post(action, data={"csrf": csrf, "version": "1", "decision": "rejected", "reason": " "})
        assert no_reason.status_code == 422 and "بتائیں کہ اندراج کیوں مسترد کیا جا رہا ہے" in no_reason.text
        _urdu(no_reason.text)
        assert c.post(action, data={"csrf": csrf, "version": "1", "decision": "rejected",
                                    "reason": "رقبہ غلط ہے"}).status_code == 303
        again = c.post(action, data={"csrf": csrf, "version": "1", "decision": "accepted"})
        assert again.status_code == 409 and "کا فیصلہ اس دوران ہو چکا ہے: مسترد (<bdi>رقبہ غلط ہے</bdi>)" in again.text
        _urdu(again.text)
        decided = c.get(links[-1]).text
        _urdu(decided)
        assert "یہ اندراج <b>مسترد</b> ہو چکا ہے" in decided
        stale = c.post(f"/admin/review/batch/{bid}/accept", data={"csrf": csrf, "expected": "7"})
        assert stale.status_code == 409 and "کچھ قبول نہیں کیا گیا" in stale.text
        _urdu(stale.text)
        for path, said in (("/admin/review?template=jamabndi",
                            "رجسٹر کی کوئی قسم <bdi dir='ltr'>jamabndi</bdi> نہیں: «رجسٹر کی قسم» کی فہرست میں"),
                           ("/admin/review?batch=nope", "بیچ <bdi dir='ltr'>nope</bdi>: اس شناخت کا کوئی بیچ"),
                           ("/admin/review/99999", "اس سرور پر اندراج ۹۹۹۹۹ موجود نہیں۔"),
                           ("/admin/review/batch/nope", "بیچ <bdi dir='ltr'>nope</bdi> موصول نہیں ہوا۔")):
            page = c.get(path).text
            assert said in page, path
            assert "khasra_girdawari, " not in page, path
            _urdu(page)
        # AND the trail says each action in Urdu, the page's decision by its sign-in
        home = c.get("/admin").text
        _urdu(home)
        assert "اندراج مسترد ہوا" in home and "کس نے: منتظم کا صفحہ" in home
        # WHEN the cookie says English THEN English again, as before
        c.cookies.set("daftar_lang", "en", domain="127.0.0.1")
        english = c.get("/admin").text
        assert "<html lang='en' dir='ltr'>" in english and "Received batches" in english
        # ... and a mistyped register kind in the review's address is named, with no kind codes
        # to choose from but the page's own list (the API's message lists the codes)
        typo = c.get("/admin/review?template=jamabndi").text
        assert "There is no register kind jamabndi: choose one in the Register kind list." in typo
        assert "khasra_girdawari, " not in typo
        # AND a form from a page whose sign-in is gone is refused in the page's language
        c.cookies.set("daftar_lang", "ur", domain="127.0.0.1")
        c.post("/admin/logout", data={"csrf": _csrf(c.get("/admin").text)})
        late = c.post(action, data={"csrf": csrf, "version": "1", "decision": "accepted"})
        assert late.status_code == 401 and "کچھ تبدیل نہیں ہوا" in late.text
        _urdu(late.text)


def test_a_browser_asking_for_urdu_gets_it_and_the_link_goes_back_only_to_this_site(server):
    # GIVEN a browser whose first language is Urdu  THEN it gets Urdu without choosing
    with _client(server, headers={"Accept-Language": "ur-PK,ur;q=0.9,en;q=0.8"}) as c:
        _urdu(c.get("/admin").text)
        # AND its choice of English at the link is kept over its Accept-Language
        c.get("/admin/language/en?back=%2Fadmin")
        assert "<html lang='en' dir='ltr'>" in c.get("/admin").text
        # WHEN the link is given somewhere else to go back to THEN it goes to /admin only
        for back in ("https://example.com/", "//example.com/admin", "/admin//example.com", "/elsewhere",
                     "/admin\\@example.com"):
            r = c.get("/admin/language/ur", params={"back": back})
            assert r.status_code == 303 and r.headers["location"] == "/admin", back
        assert c.get("/admin/language/fr").status_code == 422


def test_the_urdu_fonts_come_from_the_server_itself(server):
    import resources

    with _client(server, headers={"Accept-Language": "ur"}) as c:
        page = c.get("/admin")
        # THEN the page's fonts are this server's own files, each given whole, with their licence
        faces = re.findall(r"url\('([^']+)'\)", page.text)
        assert sorted(faces) == sorted(f"/admin/fonts/{n}" for n in
                                       ("naskh.ttf", "naskh-bold.ttf", "nastaliq.ttf", "nastaliq-bold.ttf"))
        for url in faces:
            r = c.get(url)
            name = {"naskh.ttf": "NotoNaskhArabic-Regular", "naskh-bold.ttf": "NotoNaskhArabic-Bold",
                    "nastaliq.ttf": "DaftarNastaliq-Regular", "nastaliq-bold.ttf": "DaftarNastaliq-Bold"}[url.rsplit("/", 1)[1]]
            assert r.status_code == 200 and r.headers["content-type"] == "font/ttf", url
            assert r.content == resources.font_path(name).read_bytes()
        licence = c.get("/admin/fonts/OFL.txt")
        assert licence.status_code == 200 and "SIL OPEN FONT LICENSE" in licence.text.upper()
        assert "OFL.txt" in page.text
        # AND nothing else is given by that route, and the pages may load fonts only from here
        for bad in ("/admin/fonts/DejaVuSans.ttf", "/admin/fonts/..%2F..%2Fpyproject.toml", "/admin/fonts/x"):
            assert c.get(bad).status_code == 404, bad
        assert "font-src 'self'" in page.headers["content-security-policy"]
        assert "http" not in re.search(r"<style>(.*?)</style>", page.text, re.S)[1]


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_the_restore_notice_in_both_languages(server, lang):
    from tests.sync.test_restore_notice import _restart_restored

    _restart_restored(server)
    with _client(server, headers={"Accept-Language": lang}) as c:
        assert c.post("/admin/login", data={"token": server.admin}).status_code == 303
        page = c.get("/admin").text
    if lang == "ur":
        _urdu(page)
        assert "سرور کا ڈیٹا بیس ایک پرانے بیک اپ سے بحال کیا گیا ہے" in page
        assert "دفاتر اپنی اگلی ہم آہنگی پر یہ خود دوبارہ بھیج دیتے ہیں" in page and "سمجھ گئے" in page
    else:
        assert "The offices send it again by themselves at their next sync" in page


def test_numbers_in_a_reason_or_a_name_the_central_office_wrote_stay_left_to_right(office, server):
    """A rejection's reason, a revocation's reason and an office's name are Urdu text with numbers
    in them: each number joined by - or / in its own left-to-right run, in Urdu and in English
    (bidi drew the reason's area 12-5 as 5-12 on the entry's page: seen in headless Chromium)."""
    reason = "رقبہ 12-5 صفحے سے نہیں ملتا، خسرہ 125/5 دیکھیں"
    _approved_entry(office, {"khewat_no": "47", "area": "12-5"}, _png())
    _sent(office, server)
    with server.admin_client() as api:
        (it,) = [x for x in api.get("/v1/admin/entries").json()["entries"]
                 if x["content"]["values"] == {"khewat_no": "47", "area": "12-5"}]
        api.post("/v1/admin/decisions", json={"decisions": [{"entry_uuid": it["entry_uuid"], "version": it["version"],
                                                             "decision": "rejected", "reason": reason}]}
                 ).raise_for_status()
        api.post(f"/v1/admin/offices/{it['office_uuid']}/revoke", json={"reason": "کمپیوٹر 3-4 بدل دیا"}
                 ).raise_for_status()
    with _client(server) as c:
        assert c.post("/admin/login", data={"token": server.admin}).status_code == 303
        for lang in ("ur", "en"):
            c.cookies.set("daftar_lang", lang, domain="127.0.0.1")
            entry = c.get(f"/admin/review/{it['id']}").text
            # THEN the reason's area and khasra are each one left-to-right run, as written
            assert ("<span class='v' dir='auto'>رقبہ <bdi dir='ltr'>12-5</bdi> صفحے سے نہیں ملتا، خسرہ "
                    "<bdi dir='ltr'>125/5</bdi> دیکھیں</span>") in entry, lang
            home = c.get("/admin").text
            # AND on the operator's page, the revocation's reason and (English) the trail's reason too
            assert "<bdi>کمپیوٹر <bdi dir='ltr'>3-4</bdi> بدل دیا</bdi>" in home, lang
            assert "رقبہ <bdi dir='ltr'>12-5</bdi> صفحے" in home, lang


def test_each_refusal_of_the_review_filters_is_its_own_paragraph(server):
    with _client(server, headers={"Accept-Language": "ur"}) as c:
        assert c.post("/admin/login", data={"token": server.admin}).status_code == 303
        page = c.get("/admin/review", params={"template": "jamabndi", "batch": "nope"}).text
    said = re.findall(r"<p class='err'>(.*?)</p>", page, re.S)
    assert len(said) == 2 and said[0].startswith("رجسٹر کی کوئی قسم") and said[1].startswith("بیچ "), said


def test_an_urdu_page_as_a_browser_draws_it(office, server, tmp_path):
    """The picture, not only the markup: headless Chromium (when installed) draws the Urdu
    pages with the server's own fonts, right to left, each area, khasra, date and id left to
    right (read from the layout: each character's place)."""
    import importlib.util
    import shutil

    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.skip("no Chromium here to draw the pages")
    spec = importlib.util.spec_from_file_location("admin_screenshots", ROOT / "scripts/admin_screenshots.py")
    shots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shots)
    _approved_entry(office, {"khewat_no": "47", "owner": "محمد اسلم ولد غلام رسول", "khasra_nos": "125/5، 126",
                             "area": "12-5", "share": "3/8"}, _png())
    _sent(office, server)
    with _client(server) as c:
        c.post("/admin/login", data={"token": server.admin})
        cookie = c.cookies.get("daftar_admin")
        entry = _entry_links(c.get("/admin/review").text)[-1]
    browser = shots.Chromium(exe, tmp_path / "profile")
    try:
        for name, value in (("daftar_admin", cookie), ("daftar_lang", "ur")):
            browser.call("Network.setCookie", session=True, name=name, value=value, domain="127.0.0.1", path="/",
                         secure=True)
        for path in ("/admin", "/admin/review", entry):
            browser.open(server.url + path)
            n, bad = browser.ltr_runs()
            assert n >= 3 and bad == [], (path, bad)
            fonts = browser.fonts_of("h1")
            assert ("Noto Naskh Arabic", True) in [(f, custom) for f, custom, _ in fonts], (path, fonts)
            box = browser.call("Runtime.evaluate", session=True, returnByValue=True, expression=(
                "(() => { const h = document.querySelector('h1'), r = document.createRange();"
                " r.selectNodeContents(h); const b = r.getBoundingClientRect();"
                " return [b.left, b.right, document.documentElement.clientWidth]; })()"))["result"]["value"]
            assert box[2] - box[1] < 60 < box[0], (path, box)  # the heading starts at the right
        values = browser.fonts_of("td.ur")
        assert values and values[0][:2] == ("Daftar Nastaliq", True), values
        # AND the form controls draw Urdu in the server's Naskh, joined (the browser's own font for
        # them, Arial, has no Urdu: its fallback drew the filters' names as unjoined letters)
        browser.open(server.url + "/admin/review")
        for control in ("select[name=office]", "select[name=template]"):
            _urdu_drawn_by_naskh(browser, control)
        browser.call("Network.deleteCookies", session=True, name="daftar_admin", domain="127.0.0.1")
        for lang in ("ur", "en"):  # an Urdu name typed at the sign-in
            browser.call("Network.setCookie", session=True, name="daftar_lang", value=lang, domain="127.0.0.1",
                         path="/", secure=True)
            browser.open(server.url + "/admin")
            browser.call("Runtime.evaluate", session=True, expression=(
                "(() => { const i = document.querySelector('input[name=token]'); i.type = 'text';"
                " i.value = 'ثمینہ اختر'; })()"))
            _urdu_drawn_by_naskh(browser, "input[name=token]")
    finally:
        browser.close()


def _urdu_drawn_by_naskh(browser, selector: str) -> None:
    fonts = browser.fonts_of(selector)
    drawn = {(family, custom): n for family, custom, n in fonts}
    naskh = drawn.pop(("Noto Naskh Arabic", True), 0)
    assert naskh >= 5 and all(n <= 2 for n in drawn.values()), (selector, fonts)
