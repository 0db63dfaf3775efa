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


def test_the_admin_page_links_each_kind_of_entry_as_csv_for_a_browser(office, server):
    import re

    # GIVEN entries on the server and the admin page opened in a browser (token in the address)
    _sent(office, server)
    with httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca), timeout=30) as c:
        page = c.get("/admin", params={"token": server.admin}).text
        # THEN it links the CSV of every entry and of each register kind, the token carried along
        links = re.findall(r"href='([^']+)'", page)
        assert len(links) == 4 and all(f"token={server.admin}" in link for link in links)
        got = c.get(links[1].replace("&amp;", "&"))  # jamabandi
        assert got.status_code == 200 and got.content.decode("utf-8").count("\n") == 7  # header + 6 rows
