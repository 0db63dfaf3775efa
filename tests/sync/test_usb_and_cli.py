"""USB batch files, the command line, the upload protocol and the server's admin views."""

from __future__ import annotations

import hashlib
import json
import ssl
import zipfile

import httpx
import pytest
from sqlalchemy import select

from daftar.cli import main
from records.models import Office, OutboxItem
from sync.engine import queue_status, server_reachable, set_paused
from tests.sync.conftest import (
    ADMIN,
    CLERK_PASS,
    SUP_PASS,
    engine_for,
    enrol,
    enrol_code,
    give_passwords,
    item_states,
    seal,
)


def _no_verification(ws) -> None:
    """The office sends approved entries without a revenue officer's verification."""
    from records import office_settings
    from records.audit import Actor

    with ws.session() as s:
        office_settings.change(s, actor=Actor(None, "it", "admin"), values={"workflow.require_verification": False})


def test_usb_file_imported_then_sent_online_is_stored_once(office, server, tmp_path, capsys, monkeypatch):
    # GIVEN an enrolled office (no verification required) that exports its approved entries to a USB file
    enrol(office.ws, server)
    _no_verification(office.ws)
    give_passwords(office.ws)
    monkeypatch.setenv("DAFTAR_PASSWORD", SUP_PASS)
    out = tmp_path / "usb" / "june.daftar-batch"
    out.parent.mkdir()
    rc = main(["batch", "export", "--workspace", str(office.ws.root), "--seal", "supervisor", str(out)])
    assert rc == 0, capsys.readouterr().err
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
    assert "batch.json" in names and sum(n.startswith("images/") for n in names) == 2

    # WHEN the central office imports it with `daftar batch import`, twice
    args = ["batch", "import", str(out), "--server", server.url, "--admin-token", ADMIN, "--ca-bundle", server.ca]
    assert main(args) == 0
    assert main(args) == 0
    printed = capsys.readouterr().out

    # THEN the same receipt both times, 6 entries, marked as from USB
    receipts = {line.split("receipt ")[-1] for line in printed.splitlines() if "imported batch" in line}
    assert len(receipts) == 1
    stats = server.stats()
    assert stats["entries"] == 6 and stats["offices"][0]["batches"][0]["source"] == "usb"

    # WHEN the office later gets a connection and syncs THEN it gets that same receipt
    rep = engine_for(office.ws).run_once()
    assert rep.ok and rep.images_uploaded == 0
    with office.ws.session() as s:
        assert {i.receipt["receipt_id"] for i in s.scalars(select(OutboxItem))} == receipts
    assert server.stats()["entries"] == 6


def test_changed_usb_file_is_refused_with_a_clear_message(office, server, tmp_path, capsys):
    # GIVEN a batch file whose entry was edited on the stick
    enrol(office.ws, server)
    seal(office.ws, office.sup)
    out = tmp_path / "b.daftar-batch"
    assert main(["batch", "export", "--workspace", str(office.ws.root), str(out)]) == 0
    with zipfile.ZipFile(out) as z:
        body = json.loads(z.read("batch.json"))
        images = {n: z.read(n) for n in z.namelist() if n.startswith("images/")}
    body["entries"][0]["content"]["values"]["area"] = "99-0"
    bad = tmp_path / "bad.daftar-batch"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("batch.json", json.dumps(body))
        for n, d in images.items():
            z.writestr(n, d)

    # WHEN it is imported
    rc = main(["batch", "import", str(bad), "--server", server.url, "--admin-token", ADMIN, "--ca-bundle", server.ca])

    # THEN it is refused naming the file and the problem; nothing stored
    err = capsys.readouterr().err
    assert rc == 1 and "bad.daftar-batch" in err and "does not match its hash" in err
    assert server.stats()["entries"] == 0


def test_sealing_on_the_command_line_follows_the_offices_verification_setting(office, tmp_path, capsys, monkeypatch):
    from records.models import Entry

    # GIVEN an office that requires a revenue officer's verification (the default) and only
    # approved entries
    give_passwords(office.ws)
    monkeypatch.setenv("DAFTAR_PASSWORD", SUP_PASS)
    out = tmp_path / "b.daftar-batch"
    args = ["batch", "export", "--workspace", str(office.ws.root), "--seal", "Supervisor", str(out)]
    # WHEN a supervisor seals them on the command line
    # THEN it is refused, saying they wait for verification, and nothing is sealed or written
    assert main(args) == 1
    assert "6 approved entries wait for a revenue officer's verification" in capsys.readouterr().err
    assert not out.exists()
    with office.ws.session() as s:
        assert {e.state for e in s.scalars(select(Entry).where(Entry.id.in_(office.entry_ids)))} == {"approved"}
    # WHEN the office does not require it THEN the same command seals the six and writes the file
    _no_verification(office.ws)
    assert main(args) == 0 and out.is_file()
    assert "6 entries" in capsys.readouterr().out


def test_sealing_refuses_an_entry_whose_state_the_trail_does_not_account_for(office, tmp_path, capsys, monkeypatch):
    import sqlite3

    from records import services
    from records.models import Batch, Entry

    # GIVEN a draft row beside the six approved ones, made verified in the database file
    # (approved and verified by the supervisor), outside Daftar
    with office.ws.session() as s:
        reg = s.get(Entry, office.entry_ids[0]).register_id
        draft = services.add_entry(s, actor=office.clerk, register_id=reg, values={"khewat_no": "99"})
    con = sqlite3.connect(office.ws.db_path)
    con.execute(f"UPDATE entry SET state='verified', approved_by={office.sup.id}, verified_by={office.sup.id} "
                f"WHERE id={draft}")
    con.commit()
    con.close()
    give_passwords(office.ws)
    monkeypatch.setenv("DAFTAR_PASSWORD", SUP_PASS)
    out = tmp_path / "b.daftar-batch"
    # WHEN a supervisor seals on the command line (the office requires verification: only it is ready)
    rc = main(["batch", "export", "--workspace", str(office.ws.root), "--seal", "supervisor", str(out)])
    # THEN it is refused, saying why and where, and nothing is sealed or written
    err = capsys.readouterr().err
    assert rc == 1 and not out.exists()
    assert "nothing was sealed: 3 facts of the entries to send are not what the audit trail recorded" in err
    assert f"row 1: state is 'verified' but the audit trail recorded 'draft' (entry {draft})" in err
    with office.ws.session() as s:
        assert s.scalar(select(Batch.id)) is None and s.get(Entry, draft).state == "verified"


def test_sealing_refuses_a_value_forged_in_the_database_file(office, tmp_path, capsys, monkeypatch):
    import sqlite3

    from records.models import Batch, Entry

    # GIVEN six approved entries (the office sends them unverified), one's area changed in
    # the database file, outside Daftar
    _no_verification(office.ws)
    forged = office.entry_ids[4]
    con = sqlite3.connect(office.ws.db_path)
    con.execute(f"UPDATE field_value SET value='99-9' WHERE entry_id={forged} AND field='area' AND current=1")
    con.commit()
    con.close()
    give_passwords(office.ws)
    monkeypatch.setenv("DAFTAR_PASSWORD", SUP_PASS)
    out = tmp_path / "b.daftar-batch"
    # WHEN a supervisor seals and exports on the command line
    rc = main(["batch", "export", "--workspace", str(office.ws.root), "--seal", "supervisor", str(out)])
    # THEN it is refused, naming the row, the field, both values and what to do; nothing is sealed or written
    err = capsys.readouterr().err
    assert rc == 1 and not out.exists()
    assert "nothing was sealed: an entry to send is not what the audit trail recorded" in err
    assert f"page 2, row 2: area is '99-9' but the audit trail recorded '2-5' (entry {forged})" in err
    assert "Run `daftar audit verify` and restore the latest good backup" in err
    with office.ws.session() as s:
        assert s.scalar(select(Batch.id)) is None
        assert {s.get(Entry, i).state for i in office.entry_ids} == {"approved"}


def test_export_without_a_waiting_batch_says_what_to_do(office, tmp_path, capsys):
    # WHEN exporting with nothing sealed THEN the message says how to seal
    assert main(["batch", "export", "--workspace", str(office.ws.root), str(tmp_path / "x.daftar-batch")]) == 1
    assert "--seal" in capsys.readouterr().err


def test_resend_on_the_command_line_needs_a_supervisor_and_something_held_back(office, capsys, monkeypatch):
    # GIVEN a sealed batch, nothing refused
    seal(office.ws, office.sup)
    give_passwords(office.ws)
    ws = str(office.ws.root)
    # WHEN a clerk asks to send held-back entries again (with his password)  THEN refused, saying who may
    monkeypatch.setenv("DAFTAR_PASSWORD", CLERK_PASS)
    assert main(["batch", "resend", "--workspace", ws, "--as", office.clerk.username]) == 1
    assert "ask a supervisor" in capsys.readouterr().err
    # WHEN the supervisor asks  THEN there is nothing to send again, said plainly
    monkeypatch.setenv("DAFTAR_PASSWORD", SUP_PASS)
    assert main(["batch", "resend", "--workspace", ws, "--as", office.sup.username]) == 1
    assert "no entry of a refused batch is waiting to be sent again" in capsys.readouterr().err
    # WHEN the name is nobody's  THEN said so
    assert main(["batch", "resend", "--workspace", ws, "--as", "nobody"]) == 1
    assert "there is no user 'nobody' in this workspace" in capsys.readouterr().err
    # WHEN one entry of the batch is held back by a refusal
    with office.ws.session() as s:
        s.scalars(select(OutboxItem)).first().state = "failed"
    # (the user name typed as at the sign-in: any case, spaces around it)
    assert main(["batch", "resend", "--workspace", ws, "--as", f" {office.sup.username.upper()} "]) == 0
    # THEN it is sealed into a new batch, queued for the next sync
    assert ": 1 held-back entry; the next sync sends it" in capsys.readouterr().out
    assert item_states(office.ws) == {"queued": 6}


def test_cli_sync_status_and_pause(office, server, capsys):
    # GIVEN an enrolled office with a sealed batch
    seal(office.ws, office.sup)
    assert main(["sync", "--workspace", str(office.ws.root), "--enrol", "--server", server.url,
                 "--code", enrol_code(server), "--ca-bundle", server.ca]) == 0

    # WHEN sync is paused THEN a pass does nothing
    assert main(["sync", "--workspace", str(office.ws.root), "--pause"]) == 0
    assert main(["sync", "--workspace", str(office.ws.root)]) == 0
    assert item_states(office.ws) == {"queued": 6}
    assert queue_status(office.ws).paused

    # WHEN resumed and run THEN everything is sent and the status shows it
    set_paused(office.ws, False)
    capsys.readouterr()
    assert main(["sync", "--workspace", str(office.ws.root), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries_acknowledged"] == 6
    assert main(["sync", "--workspace", str(office.ws.root), "--status", "--json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["counts"] == {"acknowledged": 6} and st["last_success"]
    assert server_reachable(office.ws)


def test_unreachable_server_is_reported_by_the_watcher(office, server):
    # GIVEN an office pointing at a port nobody listens on
    enrol(office.ws, server)
    from tests.pg import free_port
    from tests.sync.conftest import set_url

    set_url(office.ws, f"https://127.0.0.1:{free_port()}")
    # WHEN / THEN
    assert server_reachable(office.ws) is False


def test_a_sync_on_the_command_line_that_cannot_reach_the_server_says_to_run_it_again(office, server, capsys,
                                                                                    monkeypatch):
    # GIVEN an office with a sealed batch, pointing at a port nobody listens on (one attempt a
    # batch: the pass's waits between attempts are not what is tested)
    from sync import engine
    from tests.pg import free_port
    from tests.sync.conftest import set_url

    enrol(office.ws, server)
    seal(office.ws, office.sup)
    set_url(office.ws, f"https://127.0.0.1:{free_port()}")
    load_config = engine.load_config
    monkeypatch.setattr(engine, "load_config", lambda ws, **kw: load_config(ws, **kw, max_attempts=1))
    # WHEN IT runs `daftar sync`
    assert main(["sync", "--workspace", str(office.ws.root)]) == 1
    err = capsys.readouterr().err
    # THEN the problem is said, and that nothing tries again unless the command is run again
    # (the engine's "Sync will try again" is what the open app does) or the app is open
    assert "problem: Cannot reach the central server" in err
    assert "nothing was lost: what was not sent stays queued. Run `daftar sync` again later" in err, err
    # ... and the batch is still waiting to be sent
    assert set(item_states(office.ws)) == {"queued"}


def _device(ws, server):
    with ws.session() as s:
        token = s.scalar(select(Office)).device_token
    return httpx.Client(base_url=server.url, verify=ssl.create_default_context(cafile=server.ca),
                        headers={"Authorization": f"Bearer {token}"})


def test_upload_protocol_offsets_and_hash_check(office, server):
    # GIVEN an enrolled office and a 10 kB image
    enrol(office.ws, server)
    data = bytes(range(256)) * 40
    sha = hashlib.sha256(data).hexdigest()
    with _device(office.ws, server) as c:
        hdr = {"Upload-Length": str(len(data))}
        # WHEN the first 4 kB arrive THEN HEAD reports offset 4096, not complete
        assert c.post(f"/v1/images/{sha}", content=data[:4096], headers={**hdr, "Upload-Offset": "0"}).json() == {"offset": 4096, "complete": False}
        h = c.head(f"/v1/images/{sha}")
        assert (h.headers["Upload-Offset"], h.headers["Image-Complete"]) == ("4096", "no")
        # WHEN a chunk claims the wrong offset THEN 409 with the real one
        r = c.post(f"/v1/images/{sha}", content=data[10:20], headers={**hdr, "Upload-Offset": "10"})
        assert r.status_code == 409 and r.json()["offset"] == 4096
        # WHEN the rest arrives THEN the image is complete and verified
        assert c.post(f"/v1/images/{sha}", content=data[4096:], headers={**hdr, "Upload-Offset": "4096"}).json()["complete"]
        assert c.head(f"/v1/images/{sha}").headers["Image-Complete"] == "yes"
        # WHEN bytes do not match their hash THEN 422 and nothing is kept
        bad = b"x" * 100
        fake = hashlib.sha256(b"y" * 100).hexdigest()
        r = c.post(f"/v1/images/{fake}", content=bad, headers={"Upload-Length": "100", "Upload-Offset": "0"})
        assert r.status_code == 422
        assert c.head(f"/v1/images/{fake}").headers["Upload-Offset"] == "0"


def test_requests_without_a_valid_token_are_refused(server):
    # WHEN no token or a wrong one is sent THEN 401, for device and admin endpoints
    ctx = ssl.create_default_context(cafile=server.ca)
    with httpx.Client(base_url=server.url, verify=ctx) as c:
        assert c.get("/v1/changes").status_code == 401
        assert c.get("/v1/changes", headers={"Authorization": "Bearer nope"}).status_code == 401
        assert c.get("/v1/admin/batches", headers={"Authorization": "Bearer nope"}).status_code == 401
        assert c.get("/v1/admin/batches").status_code == 401
        page = c.get("/admin", params={"token": "nope"})  # the sign-in form, nothing else
        assert page.status_code == 200 and "name='token'" in page.text and "Received batches" not in page.text


def test_admin_page_lists_batches_per_office(office, server):
    # GIVEN one synced batch
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    assert engine_for(office.ws).run_once().ok
    # WHEN the central office opens the page THEN it lists the batch
    with server.admin_client() as c:
        page = c.get("/admin").text
    assert "Received batches" in page and queue_status(office.ws).counts == {"acknowledged": 6}
    with office.ws.session() as s:
        assert s.scalar(select(OutboxItem)).receipt["batch_id"] in page


def test_an_enrolled_office_that_sent_nothing_is_listed_for_the_central_office(office, server):
    # GIVEN an office enrolled that has sent nothing yet (or whose batches a restore lost)
    enrol(office.ws, server)
    with office.ws.session() as s:
        uuid_ = s.scalar(select(Office.uuid))
    # WHEN the central office looks at what arrived, per office
    with server.admin_client() as c:
        offices = c.get("/v1/admin/batches").json()["offices"]
        page = c.get("/admin").text
    # THEN the office is there, with no batch and when it was enrolled
    (o,) = offices
    assert (o["office_id"], o["batches"]) == (uuid_, []) and o["enrolled_at"].endswith("Z")
    assert uuid_ in page and "nothing received since enrolment" in page


@pytest.mark.parametrize("bad", [b"not a zip", b"PK\x03\x04broken"])
def test_garbage_batch_file_is_refused(server, tmp_path, capsys, bad):
    # GIVEN a file that is not a batch file
    f = tmp_path / "junk.daftar-batch"
    f.write_bytes(bad)
    # WHEN it is imported THEN it is refused with a clear message
    assert main(["batch", "import", str(f), "--server", server.url, "--admin-token", ADMIN, "--ca-bundle", server.ca]) == 1
    assert "not a Daftar batch file" in capsys.readouterr().err
