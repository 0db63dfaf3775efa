"""Troubles on the office's side of a sync: a page image of one batch missing, the
computer's clock wrong. Each is said in words and stops no more than it must."""

from __future__ import annotations

from sqlalchemy import select

from records.models import OutboxItem
from tests.sync.conftest import engine_for, enrol, item_states, seal


def test_a_missing_page_image_holds_back_its_batch_only(office, server):
    # GIVEN two sealed batches, one page each, and the first batch's page image gone from the workspace
    ids = office.entry_ids  # rows 0-2 on page 1, rows 3-5 on page 2
    first = seal(office.ws, office.sup, ids[:3])
    seal(office.ws, office.sup, ids[3:])
    enrol(office.ws, server)
    (sha,) = first.images
    path = office.ws.images.path(sha)
    saved = path.read_bytes()
    path.unlink()

    # WHEN the office syncs
    rep = engine_for(office.ws).run_once()

    # THEN the second batch is sent; the first waits, saying which image is missing and what to do
    assert len(server.entry_keys()) == 3
    assert rep.batches_acknowledged == 1
    assert item_states(office.ws) == {"acknowledged": 3, "queued": 3}
    assert len(rep.errors) == 1 and f"page image {sha[:12]}" in rep.errors[0] and "Restore" in rep.errors[0]
    assert "the other batches are sent" in rep.errors[0]
    with office.ws.session() as s:
        waiting = s.scalars(select(OutboxItem).where(OutboxItem.state == "queued")).all()
        assert {it.batch_id for it in waiting} == {first.id} and all(sha[:12] in it.last_error for it in waiting)

    # WHEN the image is back (restored) THEN the next pass sends the first batch too
    path.write_bytes(saved)
    rep = engine_for(office.ws).run_once()
    assert rep.ok, rep.errors
    assert item_states(office.ws) == {"acknowledged": 6}
    assert len(server.entry_keys()) == 6


def _certificate_from_tomorrow(certs, folder):
    """A server certificate of the development CA valid from tomorrow: what an office
    whose clock is a day behind sees (a clock a year ahead sees it expired)."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    from sync.devcerts import DevCerts

    ca = x509.load_pem_x509_certificate(certs.ca_cert.read_bytes())
    ca_key = serialization.load_pem_private_key(certs.ca_key.read_bytes(), None)
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
            .issuer_name(ca.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now + dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=300))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .sign(ca_key, hashes.SHA256()))
    out = DevCerts(certs.ca_cert, folder / "server.pem", folder / "server-key.pem")
    out.server_cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    out.server_key.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                 serialization.NoEncryption()))
    return out


def test_a_wrong_clock_is_named_not_the_ca_file_and_not_retried(office, server, dev_certs, tmp_path, monkeypatch):
    import datetime as dt

    from sync import engine
    from tests.pg import free_port
    from tests.sync.conftest import ServerThread, set_url

    # GIVEN an enrolled office with a sealed batch, and the server answering with a
    # certificate its CA signed that is not valid on this computer's date (a day behind)
    monkeypatch.setattr(engine, "_now", lambda: dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    port = free_port()
    st = ServerThread(server.app, port, _certificate_from_tomorrow(dev_certs, tmp_path)).start()
    try:
        set_url(office.ws, f"https://127.0.0.1:{port}")

        # WHEN the office syncs
        eng = engine_for(office.ws, max_attempts=5)
        rep = eng.run_once()
    finally:
        st.stop()

    # THEN it says to check this computer's date and time (not the CA file), at once
    assert len(rep.errors) == 1
    assert "this computer's date" in rep.errors[0] and "CA bundle" not in rep.errors[0]
    assert eng.sleeps == []  # no backoff: trying again in this pass cannot help
    assert server.entry_keys() == []
    assert sum(item_states(office.ws).values()) == 6 and "acknowledged" not in item_states(office.ws)


def _sync_with_certificate_from_tomorrow(office, server, dev_certs, tmp_path):
    from tests.pg import free_port
    from tests.sync.conftest import ServerThread, set_url

    seal(office.ws, office.sup)
    enrol(office.ws, server)
    port = free_port()
    st = ServerThread(server.app, port, _certificate_from_tomorrow(dev_certs, tmp_path)).start()
    try:
        set_url(office.ws, f"https://127.0.0.1:{port}")
        eng = engine_for(office.ws, max_attempts=5)
        return eng.run_once(), eng.reach()
    finally:
        st.stop()


def test_a_clock_years_behind_is_said_as_a_wrong_date_not_a_certificate_error(office, server, dev_certs,
                                                                               tmp_path, monkeypatch):
    import datetime as dt

    from sync import engine

    # GIVEN this computer's clock in 2010 (a dead CMOS battery) and the server's certificate
    # therefore "not yet valid" here
    monkeypatch.setattr(engine, "_now", lambda: dt.datetime(2010, 1, 1, 9, 30, tzinfo=dt.UTC))

    # WHEN the office syncs (and the sync panel asks whether the server can be reached)
    rep, reach = _sync_with_certificate_from_tomorrow(office, server, dev_certs, tmp_path)

    # THEN one line says this computer's date is wrong, shows the date it has and the server's,
    # and to set it; no word of a certificate
    assert len(rep.errors) == 1
    line = rep.errors[0]
    assert line.startswith("This computer's date is wrong: it says 2010-01-0") and "Set this computer's date" in line
    assert str(dt.date.today().year) in line and "certificate" not in line and "\n" not in line
    assert reach == line
    assert server.entry_keys() == []


def test_a_right_clock_with_an_out_of_date_certificate_names_the_certificate(office, server, dev_certs, tmp_path):
    # GIVEN this computer's clock right (the server's says the same) and the server's
    # certificate valid only from tomorrow
    rep, reach = _sync_with_certificate_from_tomorrow(office, server, dev_certs, tmp_path)

    # THEN it is the certificate that is said to be out of date, not this computer's date
    assert len(rep.errors) == 1 and "Ask IT to renew the server's certificate" in rep.errors[0]
    assert "date is wrong" not in rep.errors[0] and reach == rep.errors[0]


def test_a_clock_hours_off_is_warned_of_when_sync_works(office, server, monkeypatch):
    import datetime as dt

    from sync import engine

    # GIVEN an enrolled office whose clock is three hours ahead of the server's
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    monkeypatch.setattr(engine, "_now", lambda: dt.datetime.now(dt.UTC) + dt.timedelta(hours=3))

    # WHEN it syncs THEN the batch is sent, and the pass warns that this computer's clock is wrong
    rep = engine_for(office.ws).run_once()
    assert rep.ok, rep.errors
    assert len(rep.warnings) == 1 and rep.warnings[0].startswith("This computer's clock is wrong: it says ")

    # a clock a minute off is not worth a word
    monkeypatch.setattr(engine, "_now", lambda: dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1))
    assert engine_for(office.ws).run_once().warnings == []


def test_daftar_sync_says_the_wrong_date_in_one_line(office, server, dev_certs, tmp_path, monkeypatch, capsys):
    import datetime as dt

    from daftar.cli import main
    from sync import engine
    from tests.pg import free_port
    from tests.sync.conftest import ServerThread, set_url

    # GIVEN an office whose clock says 2010, its server's certificate "not yet valid" there
    seal(office.ws, office.sup)
    enrol(office.ws, server)
    monkeypatch.setattr(engine, "_now", lambda: dt.datetime(2010, 1, 1, 9, 30, tzinfo=dt.UTC))
    port = free_port()
    st = ServerThread(server.app, port, _certificate_from_tomorrow(dev_certs, tmp_path)).start()
    try:
        set_url(office.ws, f"https://127.0.0.1:{port}")
        office.ws.close()
        # WHEN `daftar sync` runs
        rc = main(["sync", "--workspace", str(office.ws.root)])
    finally:
        st.stop()
    # THEN it fails with one line: this computer's date is wrong, the date it has, to set it
    err = capsys.readouterr().err
    problems = [line for line in err.splitlines() if line.startswith("problem:")]
    assert rc == 1 and len(problems) == 1, err
    assert problems[0].startswith("problem: This computer's date is wrong: it says 2010-01-0")
    assert "Set this computer's date and time" in problems[0] and "certificate" not in err
