"""`daftar sync --enrol`: what it stores, and one clear line for every way it can fail."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import select

from daftar.cli import main
from records.models import Office, SyncState
from tests.sync.conftest import enrol_code


def _enrolment(ws) -> tuple[str | None, str | None, str | None]:
    """(server address, device token, CA bundle) the workspace keeps."""
    with ws.session() as s:
        office = s.scalar(select(Office))
        ca = s.get(SyncState, "ca_bundle")
        return (office.server_url if office else None, office.device_token if office else None,
                ca.value if ca else None)


def test_the_ca_bundle_is_kept_as_an_absolute_path_and_only_once_enrolled(office, server, tmp_path, monkeypatch,
                                                                          capsys):
    # GIVEN IT staff in the folder holding the CA file, naming it as a relative path
    os.makedirs(tmp_path / "it")
    (tmp_path / "it" / "ca.pem").write_bytes(open(server.ca, "rb").read())
    monkeypatch.chdir(tmp_path / "it")
    args = ["sync", "--workspace", str(office.ws.root), "--enrol", "--server", server.url, "--ca-bundle", "ca.pem"]
    # WHEN the enrolment fails (a code the server did not issue)
    assert main([*args, "--code", "AAAAA-BBBBB-CCCCC-DDDDD"]) == 1
    capsys.readouterr()
    # THEN nothing is kept: neither the CA bundle nor an address (it kept the bundle anyway)
    assert _enrolment(office.ws) == (None, None, None)
    # WHEN it succeeds
    assert main([*args, "--code", enrol_code(server)]) == 0
    # THEN the CA bundle is kept as an absolute path (it was kept as typed: "ca.pem")
    url, token, ca = _enrolment(office.ws)
    assert url == server.url and token and ca == str(tmp_path / "it" / "ca.pem")
    # AND a sync started from another folder (as the app is) finds it
    monkeypatch.chdir(tmp_path)
    assert main(["sync", "--workspace", str(office.ws.root)]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("case", ["wrong code", "missing CA file", "CA file not PEM", "nobody listening",
                                  "http address"])
def test_every_failed_enrolment_is_one_clear_line(office, server, tmp_path, capsys, case):
    from tests.pg import free_port

    (tmp_path / "notes.txt").write_text("not a certificate\n")
    https = server.url
    code = enrol_code(server)
    url, code, ca = {
        "wrong code": (https, "AAAAA-BBBBB-CCCCC-DDDDD", server.ca),
        "missing CA file": (https, code, str(tmp_path / "nowhere.pem")),
        "CA file not PEM": (https, code, str(tmp_path / "notes.txt")),
        "nobody listening": (f"https://127.0.0.1:{free_port()}", code, server.ca),
        "http address": (https.replace("https://", "http://"), code, server.ca),
    }[case]
    # WHEN the office is enrolled and that is wrong
    rc = main(["sync", "--workspace", str(office.ws.root), "--enrol", "--server", url, "--code", code,
               "--ca-bundle", ca])
    # THEN exit 1 with one line saying why and what to do (a traceback ended it before), nothing kept
    err = capsys.readouterr().err
    assert rc == 1 and len(err.splitlines()) == 1, err
    assert err.startswith("daftar sync: ") and err.endswith("; nothing was changed\n")
    assert {
        "wrong code": "The server refused the enrolment: this enrolment code is not one the central server "
                      "issued (check it letter by letter, or ask the operator for a new one)",
        "missing CA file": f"The CA bundle {tmp_path / 'nowhere.pem'} does not exist",
        "CA file not PEM": f"The CA bundle {tmp_path / 'notes.txt'} cannot be used (NO_CERTIFICATE_OR_CRL_FOUND): it "
                           "must be the file of the CA certificate(s) that signed the server's certificate, as text",
        "nobody listening": f"Cannot reach the central server at {url}: no connection",
        "http address": f"The address starts with http://, but the Daftar server takes HTTPS only: write {https}",
    }[case] in err
    assert _enrolment(office.ws) == (None, None, None)


def test_a_new_server_ca_is_kept_with_sync_ca_bundle_without_enrolling_again(office, server, tmp_path, capsys):
    from sync.devcerts import make_dev_certs
    from tests.pg import free_port
    from tests.sync.conftest import ServerThread, enrol, seal, set_url

    # GIVEN an enrolled office, and the central server now behind a certificate of a new CA
    enrol(office.ws, server)
    seal(office.ws, office.sup)
    token = _enrolment(office.ws)[1]
    new = make_dev_certs(tmp_path / "new-ca")
    port = free_port()
    st = ServerThread(server.app, port, new).start()
    try:
        set_url(office.ws, f"https://127.0.0.1:{port}")
        ws = str(office.ws.root)
        assert main(["sync", "--workspace", ws]) == 1
        assert "certificate could not be verified" in capsys.readouterr().err
        # WHEN IT gives a bundle that is not the server's CA THEN it is refused and the kept one stays
        assert main(["sync", "--workspace", ws, "--ca-bundle", server.ca]) == 1
        assert "the CA bundle kept before is kept" in capsys.readouterr().err
        assert _enrolment(office.ws)[2] == server.ca
        # WHEN IT gives the new CA (no code, no re-enrolment)
        assert main(["sync", "--workspace", ws, "--ca-bundle", str(new.ca_cert)]) == 0, capsys.readouterr().err
        # THEN the batch is sent, the new CA is kept for later passes, the device token is the same
        assert "kept for the next syncs" in capsys.readouterr().out
        assert _enrolment(office.ws)[1:] == (token, str(new.ca_cert))
        assert len(server.entry_keys()) == 6
        assert main(["sync", "--workspace", ws]) == 0, capsys.readouterr().err
    finally:
        st.stop()


def test_a_new_office_takes_the_name_the_central_server_knows_it_by(office, server, tmp_path, capsys):
    # GIVEN a new office made with `daftar init` (which asks for no office name), whose
    # exports and printouts were signed "Daftar office"
    ws = str(office.ws.root)
    args = ["sync", "--workspace", ws, "--enrol", "--server", server.url, "--ca-bundle", server.ca]
    with office.ws.session() as s:
        from records.outbox import office_identity

        assert office_identity(s).name == "Daftar office"
    # WHEN IT enrols it with the code the operator issued for "Patwar office Raiwind"
    assert main([*args, "--code", enrol_code(server, name="Patwar office Raiwind")]) == 0
    # THEN the office has that name, and its exports say who signed them by it
    with office.ws.session() as s:
        assert s.scalar(select(Office)).name == "Patwar office Raiwind"
    capsys.readouterr()
    assert main(["export", "--workspace", ws, str(tmp_path / "all.csv")]) == 0
    assert "signed with the key of office 'Patwar office Raiwind'" in capsys.readouterr().out
    assert main(["export", "verify", str(tmp_path / "all.csv")]) == 0
    assert "signed by office 'Patwar office Raiwind'" in capsys.readouterr().out
    # AND the audit trail records the change with the enrolment, and still verifies
    assert main(["audit", "verify", "--workspace", ws]) == 0
    # GIVEN an office with a name of its own  WHEN it enrols again with a code for it  THEN kept
    with office.ws.session() as s:
        s.scalar(select(Office)).name = "پٹوار خانہ رائیونڈ"
        oid = s.scalar(select(Office)).uuid
    assert main([*args, "--code", enrol_code(server, office_id=oid)]) == 0
    with office.ws.session() as s:
        assert s.scalar(select(Office)).name == "پٹوار خانہ رائیونڈ"
