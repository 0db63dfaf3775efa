"""The central office decides at the /admin site's review: the entries waiting (filtered, a
page at a time), one entry with its values and page image, Accept / Reject with a reason, a
whole batch after a confirmation; CSRF-proof forms; decisions reach the office as the API's do."""

from __future__ import annotations

import io
import re
import ssl
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from sqlalchemy import select

from records.models import Entry, OutboxItem
from tests.sync.conftest import ADMIN, engine_for, enrol, seal


def _sent(office, server) -> None:
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok


@contextmanager
def _browser(server) -> Iterator[httpx.Client]:
    """A browser signed in at /admin with the form (its cookie; no token in any header)."""
    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca), timeout=30) as c:
        assert c.post("/admin/login", data={"token": server.admin}).status_code == 303
        yield c


def _csrf(page: str) -> str:
    (token,) = set(re.findall(r"name='csrf' value='([^']+)'", page))
    return token


def _links(page: str, prefix: str) -> list[str]:
    return [link.replace("&amp;", "&") for link in re.findall(r"href='([^']+)'", page) if link.startswith(prefix)]


def _entry_links(page: str) -> list[str]:
    return [link for link in _links(page, "/admin/review/") if re.match(r"^/admin/review/\d+", link)]


def _id(link: str) -> str:
    """The entry's server id in a link to its review page."""
    return link.split("?")[0].rsplit("/", 1)[1]


def _png(text: str = "page") -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(img).text((20, 20), text, fill="black")
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _approved_entry(office, values: dict, image: bytes) -> str:
    """One more approved entry on a new page (its image `image`) of the office's register; its uuid."""
    from records import services

    with office.ws.session() as s:
        reg = s.get(Entry, office.entry_ids[0]).register_id
        page = services.add_page(s, office.ws.images, actor=office.clerk, register_id=reg, data=image,
                                 name="p9.png").page_id
        eid = services.add_entry(s, actor=office.clerk, register_id=reg, page_id=page, values=values)
        services.transition(s, actor=office.clerk, entry_ids=[eid], action="submit")
        services.transition(s, actor=office.sup, entry_ids=[eid], action="approve")
        office.entry_ids.append(eid)
        return s.get(Entry, eid).uuid


def _office_entry(office, uuid_: str) -> tuple[str, str, str]:
    """(entry state, outbox item state, the reason the office was given) at the office."""
    with office.ws.session() as s:
        e = s.scalar(select(Entry).where(Entry.uuid == uuid_, Entry.is_latest.is_(True)))
        item = s.scalar(select(OutboxItem).where(OutboxItem.entry_uuid == uuid_))
        return e.state, item.state, item.decision_reason or ""


def _events(server) -> list[dict]:
    with server.admin_client() as c:
        return c.get("/v1/admin/events").json()["events"]


def test_the_review_lists_the_waiting_entries_by_filter_a_page_at_a_time(office, server):
    # GIVEN 6 entries received from an office, and a review page of 4 entries
    _sent(office, server)
    server.app.state.settings.review_page = 4
    with _browser(server) as c:
        # WHEN the central office opens the review
        first = c.get("/admin/review")
        # THEN it lists the first 4 waiting entries and links the next page; the next page the other 2
        assert first.status_code == 200 and "6 waiting" in first.text
        one = _entry_links(first.text)
        (more,) = _links(first.text, "/admin/review?after=")
        two = _entry_links(c.get(more).text)
        assert len(one) == 4 and len(two) == 2 and not set(one) & set(two)
        assert "Next page" not in c.get(more).text
        # AND the filters by office, register kind and batch leave out what does not match
        with server.admin_client() as api:
            got = api.get("/v1/admin/entries").json()["entries"]
        oid, bid = got[0]["office_uuid"], got[0]["batch_uuid"]
        assert "6 waiting under these filters" in c.get("/admin/review", params={"office": oid}).text
        assert "6 waiting under these filters" in c.get("/admin/review", params={"batch": bid}).text
        assert "0 waiting" in c.get("/admin/review", params={"template": "girdawari"}).text
        # AND a mistyped kind or an unknown batch is named, not an empty list that looks like "all done"
        assert "There is no register kind jamabndi" in c.get("/admin/review", params={"template": "jamabndi"}).text
        assert "batch=nope: no batch" in c.get("/admin/review", params={"batch": "nope"}).text
        # WHEN one is accepted through the API THEN it no longer waits
        with server.admin_client() as api:
            api.post("/v1/admin/decisions", json={"decisions": [
                {"entry_uuid": got[0]["entry_uuid"], "version": 1, "decision": "accepted"}]}).raise_for_status()
        assert "5 waiting" in c.get("/admin/review").text
    # AND without a sign-in the review is the sign-in form
    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca)) as anon:
        page = anon.get("/admin/review").text
        assert "name='token'" in page and "waiting" not in page


def test_an_entry_decided_on_the_page_reaches_the_office_as_an_api_decision_does(office, server):
    # GIVEN an entry with Urdu values and a real page image, beside the office's 6 others, received
    urdu = "محمد اسلم ولد غلام رسول"
    new = _approved_entry(office, {"khewat_no": "77", "owner": urdu, "area": "3-4", "share": "1/3"}, _png())
    _sent(office, server)
    with _browser(server) as c:
        page = c.get("/admin/review", params={"template": "jamabandi"}).text
        links = _entry_links(page)
        assert len(links) == 7
        # WHEN the new entry is opened
        entry = c.get(links[-1])
        # THEN it shows its register, page, row, values (each in its own direction, Urdu fonts),
        # who approved it at the office and its page image
        assert entry.status_code == 200
        assert f"<td class='v ur' dir='auto'>{urdu}</td>" in entry.text and "Noto Nastaliq Urdu" in entry.text
        assert "<html lang='en' dir='ltr'>" in entry.text
        assert "Approved at the office by</th><td class='v' dir='auto'>supervisor</td>" in entry.text
        assert "موضع 0, رائیونڈ, لاہور" in entry.text and "year 2019-20" in entry.text and "page 3, row 1" in entry.text
        (img,) = re.findall(r"<img src='([^']+)'", entry.text)
        image = c.get(img)
        assert image.status_code == 200 and image.headers["content-type"] == "image/png"
        assert image.content == _png() and image.headers["x-content-type-options"] == "nosniff"
        # AND an image without a known type is not given a browser type, only as a download
        other = c.get(f"/admin/images/{_id(links[0])}")  # the office's pages here are random bytes
        assert other.headers["content-type"] == "application/octet-stream" and "attachment" in other.headers[
            "content-disposition"]
        csrf = _csrf(entry.text)
        action = f"/admin/review/{_id(links[-1])}/decision"
        # WHEN it is rejected without a reason THEN it is refused, said, nothing changes
        r = c.post(action, data={"csrf": csrf, "version": "1", "decision": "rejected", "reason": "  "})
        assert r.status_code == 422 and "Say why the entry is rejected" in r.text and "Reject" in r.text
        # WHEN rejected with a reason THEN the next waiting entry opens
        r = c.post(action, data={"csrf": csrf, "version": "1", "decision": "rejected", "reason": "رقبہ غلط ہے",
                                 "template": "jamabandi"})
        assert r.status_code == 303 and "done=rejected" in r.headers["location"]
        # AND a second decision on it from a page opened before is refused, naming what it is
        again = c.post(action, data={"csrf": csrf, "version": "1", "decision": "accepted"})
        assert again.status_code == 409 and "was rejected (رقبہ غلط ہے) meanwhile" in again.text
        # WHEN another entry is accepted on its page
        first = c.get(links[0]).text
        action0 = f"/admin/review/{_id(links[0])}/decision"
        assert c.post(action0, data={"csrf": _csrf(first), "version": "1", "decision": "accepted"}).status_code == 303
        sign_in_page = c.get("/admin").text
    # AND the office syncs
    rep = engine_for(office.ws).run_once()
    # THEN it has both decisions, the rejection with its reason, exactly as API decisions arrive
    assert rep.ok and rep.decisions_applied == 2
    assert _office_entry(office, new) == ("rejected", "rejected", "رقبہ غلط ہے")
    with office.ws.session() as s:
        first_uuid = s.scalar(select(OutboxItem.entry_uuid).order_by(OutboxItem.id))
    assert _office_entry(office, first_uuid)[:2] == ("accepted", "accepted")
    # AND the server's trail names the page's sign-in for each (never the token or the cookie)
    decided = [e for e in _events(server) if e["action"].startswith("decision.")]
    assert [e["action"] for e in decided] == ["decision.accepted", "decision.rejected"]
    assert decided[1]["detail"]["entry_uuid"] == new and decided[1]["detail"]["reason"] == "رقبہ غلط ہے"
    assert {e["detail"]["by"] for e in decided} == {"admin page"}
    assert decided[0]["detail"]["sign_in"] == decided[1]["detail"]["sign_in"] and decided[0]["detail"]["address"]
    assert ADMIN not in repr(decided) and _csrf(sign_in_page) not in repr(decided)
    assert "decision.rejected" in sign_in_page  # shown in the page's trail too


def test_a_form_from_elsewhere_changes_nothing_and_scripts_keep_the_token_api(office, server):
    # GIVEN entries waiting, and a browser signed in (its SameSite cookie)
    _sent(office, server)
    with _browser(server) as c, _browser(server) as other:
        link = _entry_links(c.get("/admin/review").text)[0]
        action = f"/admin/review/{_id(link)}/decision"
        # WHEN a form posts a decision with the cookie but without the page's token, with another
        # sign-in's token, or the batch's accept without one
        bid = re.search(r"/admin/review\?batch=([0-9a-f-]+)", c.get("/admin/review").text.replace("&amp;", "&"))[1]
        tries = [c.post(action, data={"version": "1", "decision": "accepted"}),
                 c.post(action, data={"csrf": _csrf(other.get("/admin").text), "version": "1",
                                      "decision": "accepted"}),
                 c.post(f"/admin/review/batch/{bid}/accept", data={"expected": "6"}),
                 c.post("/admin/logout", data={})]
        # THEN each is refused, saying so, and nothing changed (and the sign-in is still open)
        assert [r.status_code for r in tries] == [403] * 4
        assert "nothing was changed" in tries[0].text
        assert "6 waiting" in c.get("/admin/review").text
        # AND every form of the pages carries the token
        for path in ("/admin", "/admin/review", link, f"/admin/review/batch/{bid}"):
            page = c.get(path).text
            assert page.count("<form method='post'") == page.count("name='csrf'") >= 1, path
        # AND the cookie alone still cannot use the API's POSTs
        assert c.post("/v1/admin/decisions", json={"decisions": []}).status_code == 401
        # AND signing out with the page's form works; a form of the page left open changes nothing then
        csrf = _csrf(c.get("/admin").text)
        assert c.post("/admin/logout", data={"csrf": csrf}).status_code == 200
        assert "name='token'" in c.get("/admin/review").text
        late = c.post(action, data={"csrf": csrf, "version": "1", "decision": "accepted"})
        assert late.status_code == 401 and "nothing was changed" in late.text
    with server.admin_client() as api:
        assert {e["state"] for e in api.get("/v1/admin/entries").json()["entries"]} == {"received"}
    # AND a script with the token in the header decides as before
    with server.admin_client() as api:
        got = api.get("/v1/admin/entries").json()["entries"][0]
        r = api.post("/v1/admin/decisions", json={"decisions": [
            {"entry_uuid": got["entry_uuid"], "version": 1, "decision": "accepted"}]})
        assert r.status_code == 200


def test_a_whole_batch_is_accepted_after_a_confirmation_and_the_office_gets_each(office, server):
    # GIVEN a batch of 6 entries received, one of them rejected already
    _sent(office, server)
    with server.admin_client() as api:
        got = api.get("/v1/admin/entries").json()["entries"]
        api.post("/v1/admin/decisions", json={"decisions": [
            {"entry_uuid": got[0]["entry_uuid"], "version": 1, "decision": "rejected",
             "reason": "نقل صاف نہیں"}]}).raise_for_status()
    bid = got[0]["batch_uuid"]
    with _browser(server) as c:
        # WHEN the review is filtered by the batch THEN it offers to accept its 5 waiting entries
        listed = c.get("/admin/review", params={"batch": bid}).text
        (ask,) = _links(listed, "/admin/review/batch/")
        # AND that link asks first, naming the office, the batch and how many
        confirm = c.get(ask).text
        assert "Accept a whole batch?" in confirm and "Accept 5 entries" in confirm and "Patwar office" in confirm
        assert "5 waiting" in c.get("/admin/review").text  # nothing decided by looking
        # WHEN the number changed since the confirmation (decided meanwhile) THEN nothing is accepted
        stale = c.post(f"{ask}/accept", data={"csrf": _csrf(confirm), "expected": "6"})
        assert stale.status_code == 409 and "nothing was accepted" in stale.text
        # WHEN confirmed
        done = c.post(f"{ask}/accept", data={"csrf": _csrf(confirm), "expected": "5"})
        assert done.status_code == 303
        assert "0 waiting" in c.get("/admin/review").text
    # THEN the office gets each acceptance; the rejected one stays rejected
    rep = engine_for(office.ws).run_once()
    assert rep.ok and rep.decisions_applied == 6
    with office.ws.session() as s:
        states = sorted(s.scalars(select(OutboxItem.state)).all())
    assert states == ["accepted"] * 5 + ["rejected"]
    (event,) = [e for e in _events(server) if e["action"] == "decision.batch_accepted"]
    assert event["detail"]["batch_id"] == bid and event["detail"]["entries"] == 5 and event["detail"]["sign_in"]


def test_what_an_office_wrote_shows_as_text_never_as_markup(office, server):
    # GIVEN an office named with markup, whose entry's values are markup, sent and then
    # rejected with a reason that is markup
    script, img = "<script>alert('x')</script>", "<img src=x onerror=alert(1)>"
    uuid_ = _approved_entry(office, {"khewat_no": "88", "owner": script, "remarks": img}, _png("x"))
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    from sqlalchemy import create_engine, text

    eng = create_engine(server.database_url)  # the office's name as the operator wrote it
    with eng.begin() as conn:
        conn.execute(text("UPDATE sync_office SET name = :n"), {"n": "<b>Raiwind</b>\"'"})
    eng.dispose()
    assert engine_for(office.ws).run_once().ok
    with _browser(server) as c:
        listed = c.get("/admin/review").text
        link = _entry_links(listed)[-1]
        shown = c.get(link).text
        # THEN the markup shows as text on the list and on the entry's page
        for page in (listed, shown):
            assert "<script>" not in page and "<b>Raiwind" not in page and "&lt;b&gt;Raiwind&lt;/b&gt;&quot;&#x27;" in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in shown
        # WHEN rejected with a reason that is markup THEN it shows as text too
        action = link.split("?")[0] + "/decision"
        assert c.post(action, data={"csrf": _csrf(shown), "version": "1", "decision": "rejected",
                                    "reason": img}).status_code == 303
        again = c.get(link)
        assert img not in again.text and "&lt;img src=x onerror=alert(1)&gt;" in again.text
        assert "<script" not in c.get("/admin").text
        # AND no page lets a script run at all, nor another site frame it
        assert "script-src" not in again.headers["content-security-policy"]
        assert "default-src 'none'" in again.headers["content-security-policy"]
        assert again.headers["x-frame-options"] == "DENY"
    assert _office_entry(office, uuid_)[:2] == ("sent", "acknowledged")  # (decided once it syncs again)


def test_the_page_image_route_takes_an_entry_never_a_path(office, server):
    # GIVEN entries received, and a browser signed in
    _sent(office, server)
    with _browser(server) as c:
        # WHEN the image route is given something else than an entry's number THEN nothing is read
        for path in ("/admin/images/..%2F..%2Fetc%2Fpasswd", "/admin/images/0", "/admin/images/99999999"):
            r = c.get(path)
            assert r.status_code in (404, 422) and "root:" not in r.text, path
    # AND without a sign-in no image is given
    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca)) as anon:
        assert anon.get("/admin/images/1").status_code == 401
