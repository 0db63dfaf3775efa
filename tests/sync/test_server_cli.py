"""`daftar server`: every failure to start is one line, checked before anything is made or
printed; `--dev-tls DIR` keeps its CA from start to start and covers this computer's names."""

from __future__ import annotations

import datetime as dt
import socket

import pytest

from daftar.cli import main
from sync.devcerts import make_dev_certs
from tests.pg import free_port


@pytest.fixture
def started(monkeypatch):
    """`daftar server` that returns instead of serving; the serve() calls are recorded."""
    calls = []
    monkeypatch.setattr("sync.server.run.serve", lambda settings, **kw: calls.append(kw))
    return calls


def _server(tmp_path, *more):
    return ["server", "--port", str(free_port()), "--database", f"sqlite:///{tmp_path}/server.sqlite",
            "--storage", str(tmp_path / "images"), "--admin-token", "admin-token-0123456789", *more]


def _one_line(capsys) -> str:
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and "Traceback" not in err, (out, err)
    assert err.startswith("daftar server: ")
    return err


def test_a_dev_ca_is_kept_from_start_to_start(tmp_path, capsys, started):
    from sync.devcerts import machine_names

    # GIVEN a trial server started once with --dev-tls (offices enrol with its ca.pem)
    tls = tmp_path / "tls"
    assert main(_server(tmp_path, "--dev-tls", str(tls))) == 0
    first = {p.name: p.read_bytes() for p in tls.iterdir()}
    capsys.readouterr()
    # WHEN it is started again
    assert main(_server(tmp_path, "--dev-tls", str(tls))) == 0
    # THEN the CA and the certificate are the ones made before (a new CA at every start made enrolled
    # offices fail with "certificate could not be verified"), and the server uses them
    assert {p.name: p.read_bytes() for p in tls.iterdir()} == first
    assert started[-1]["tls_cert"] == tls / "server.pem" and started[-1]["tls_key"] == tls / "server-key.pem"
    out = capsys.readouterr().out
    assert f"development CA for clients: {tls / 'ca.pem'}" in out and "a new CA" not in out
    # AND the certificate, signed by that CA, covers this computer's host name and addresses, so a
    # second PC can reach it by name or LAN address
    from cryptography import x509

    cert = x509.load_pem_x509_certificate((tls / "server.pem").read_bytes())
    cert.verify_directly_issued_by(x509.load_pem_x509_certificate((tls / "ca.pem").read_bytes()))
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    names, ips = machine_names("127.0.0.1")
    assert socket.gethostname().lower() in san.get_values_for_type(x509.DNSName)
    assert set(ips) <= {str(i) for i in san.get_values_for_type(x509.IPAddress)}
    assert f"the server certificate covers {', '.join(names + ips)}" in out


def test_the_certificate_is_made_again_from_the_same_ca_when_it_no_longer_fits(tmp_path):
    from cryptography import x509

    from sync.devcerts import dev_certs_in

    # GIVEN development certificates for localhost
    tls = tmp_path / "tls"
    make_dev_certs(tls)
    ca = (tls / "ca.pem").read_bytes()
    # WHEN the server starts on a computer with a LAN address the certificate does not cover
    certs, done = dev_certs_in(tls, hostnames=("localhost", "office-server"), ips=("127.0.0.1", "192.168.1.20"))
    # THEN a new certificate is made from the same CA, covering it (offices keep their ca.pem)
    assert done == "new certificate" and (tls / "ca.pem").read_bytes() == ca
    cert = x509.load_pem_x509_certificate(certs.server_cert.read_bytes())
    cert.verify_directly_issued_by(x509.load_pem_x509_certificate(ca))
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "office-server" in san.get_values_for_type(x509.DNSName)
    assert "192.168.1.20" in {str(i) for i in san.get_values_for_type(x509.IPAddress)}
    # AND kept at the next start; only a CA about to run out is made again
    assert dev_certs_in(tls, hostnames=("office-server",), ips=("192.168.1.20",))[1] == "kept"
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=3700)
    assert dev_certs_in(tls, hostnames=("localhost",), ips=("127.0.0.1",), now=later)[1] == "new CA"
    assert (tls / "ca.pem").read_bytes() != ca


def test_this_computers_names_and_addresses_are_covered():
    from sync.devcerts import machine_names

    # GIVEN this computer WHEN the names for a development certificate are asked
    names, ips = machine_names("10.1.2.3")
    # THEN localhost, its host name, the addresses its name resolves to and the listening one
    assert {"localhost", socket.gethostname().lower()} <= set(names)
    resolved = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
    assert {"127.0.0.1", "::1", "10.1.2.3"} | {a for a in resolved if "%" not in a} <= set(ips)


def test_a_start_on_a_port_in_use_says_so_and_makes_no_ca(tmp_path, capsys, started):
    # GIVEN another program listening on the port
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        args = _server(tmp_path, "--dev-tls", str(tmp_path / "tls"))
        args[args.index("--port") + 1] = str(port)
        # WHEN the server is started there
        rc = main(args)
    # THEN one line says the address is in use and what to do; no CA was made, no token printed
    assert rc == 1 and not started
    assert f"daftar server: 127.0.0.1:{port} is in use (another daftar server, or another program): stop it, or " \
           "choose another --port" in _one_line(capsys)
    assert not (tmp_path / "tls").exists()


@pytest.mark.parametrize("case", ["missing certificate", "key of another certificate", "not PEM",
                                  "database not answering"])
def test_every_failure_to_start_is_one_line(tmp_path, capsys, started, case):
    ours, other = make_dev_certs(tmp_path / "ours"), make_dev_certs(tmp_path / "other")
    (tmp_path / "notes.txt").write_text("not a certificate\n")
    cert, key = {"missing certificate": (tmp_path / "nowhere.pem", ours.server_key),
                 "key of another certificate": (ours.server_cert, other.server_key),
                 "not PEM": (tmp_path / "notes.txt", ours.server_key),
                 "database not answering": (ours.server_cert, ours.server_key)}[case]
    args = _server(tmp_path, "--tls-cert", str(cert), "--tls-key", str(key))
    if case == "database not answering":
        args[args.index("--database") + 1] = f"postgresql+psycopg://daftar@127.0.0.1:{free_port()}/daftar"
    # WHEN the server is started
    rc = main(args)
    # THEN one line says what is wrong (tracebacks of FileNotFoundError, ssl.SSLError
    # KEY_VALUES_MISMATCH, OperationalError before); it does not start
    assert rc == 1 and not started
    assert {"missing certificate": f"--tls-cert {tmp_path / 'nowhere.pem'}: no such file",
            "key of another certificate": f"the key {other.server_key} is not the key of the certificate "
                                          f"{ours.server_cert} (KEY_VALUES_MISMATCH)",
            "not PEM": f"{tmp_path / 'notes.txt'} and {ours.server_key} must be a PEM certificate and its PEM "
                       "private key",
            "database not answering": "--database: cannot open the database postgresql+psycopg://daftar@127.0.0.1:",
            }[case] in _one_line(capsys)


def test_an_admin_token_from_the_environment_is_not_printed_only_a_random_one_is(tmp_path, capsys, started,
                                                                                 monkeypatch):
    base = ["server", "--port", str(free_port()), "--database", f"sqlite:///{tmp_path}/server.sqlite",
            "--storage", str(tmp_path / "images")]
    # GIVEN the token in $DAFTAR_ADMIN_TOKEN (a service's environment) WHEN the server starts
    monkeypatch.setenv("DAFTAR_ADMIN_TOKEN", "token-from-the-environment-0123")
    assert main(base) == 0
    # THEN it is not printed (it went into the service's log)
    out, err = capsys.readouterr()
    assert "token-from-the-environment-0123" not in out + err and "admin token" not in out
    # WHEN no token is given at all THEN the random one made is printed, once
    monkeypatch.delenv("DAFTAR_ADMIN_TOKEN")
    assert main(base) == 0
    assert capsys.readouterr().out.count("admin token: ") == 1


def test_a_server_that_starts_says_where_it_serves(tmp_path, capsys, started):
    # GIVEN the province's certificate and its key (as docs/sync-api.md, Running the server)
    certs = make_dev_certs(tmp_path / "tls")
    port = free_port()
    args = _server(tmp_path, "--tls-cert", str(certs.server_cert), "--tls-key", str(certs.server_key))
    args[args.index("--port") + 1] = str(port)
    # WHEN IT starts the server
    assert main(args) == 0 and len(started) == 1
    # THEN one line says it serves, where, over HTTPS, and where the central office signs in
    # (before, a start that worked printed nothing: IT could not tell it from a hang)
    out = capsys.readouterr().out
    assert f"daftar server: serving https://127.0.0.1:{port} (HTTPS); the central office signs in at " \
           f"https://127.0.0.1:{port}/admin; Ctrl+C stops it" in out
    # WHEN it listens on every address of this computer, without TLS (tests only)
    args = _server(tmp_path, "--host", "0.0.0.0")
    assert main(args) == 0
    out = capsys.readouterr().out
    port = args[args.index("--port") + 1]
    assert f"daftar server: serving http://{socket.gethostname()}:{port} (every address of this computer, " \
           "port " + port + "; plain HTTP without TLS: for tests only, offices need --tls-cert)" in out
