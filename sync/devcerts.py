"""A development certificate authority and server certificate (tests and trials only).

In production IT installs the province's CA bundle and the server's real certificate;
the client verifies against the CA bundle path it is given (`SyncState` key ``ca_bundle``
or $DAFTAR_CA_BUNDLE).

`daftar server --dev-tls DIR` keeps its CA in DIR and reuses it at every start
(`dev_certs_in`): offices enrolled with DIR/ca.pem go on verifying the server. The server
certificate covers this computer's host name and LAN addresses (`machine_names`), so a
trial from a second PC works; it is made again from the same CA when it no longer covers
them or is about to expire.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path

CA_DAYS = 3650  # the development CA: offices keep trusting it for the whole trial
SERVER_DAYS = 397  # the server certificate, made again from the CA when it runs out
RENEW_BEFORE = dt.timedelta(days=7)


@dataclass(frozen=True)
class DevCerts:
    ca_cert: Path
    server_cert: Path
    server_key: Path

    @property
    def ca_key(self) -> Path:
        return self.ca_cert.with_name("ca-key.pem")


def _paths(folder: Path) -> DevCerts:
    return DevCerts(folder / "ca.pem", folder / "server.pem", folder / "server-key.pem")


def machine_names(host: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(host names, IP addresses) a development server certificate should cover: localhost,
    127.0.0.1 and ::1, this computer's host name (and full name), the addresses it resolves
    to, and the LAN address of each route out of it (found by asking the system which
    source address it would use: no packet is sent). `host`: the address the server listens
    on, added when it is a particular one (not 0.0.0.0 or ::)."""
    names, ips = ["localhost"], ["127.0.0.1", "::1"]

    def add_ip(text: str) -> None:
        try:
            ip = ipaddress.ip_address(text.split("%")[0])
        except ValueError:
            return
        if not (ip.is_unspecified or ip.is_link_local or ip.is_multicast) and str(ip) not in ips:
            ips.append(str(ip))

    def add_name(text: str | None) -> None:
        text = (text or "").strip().rstrip(".").lower()
        if not text or text in names:
            return
        try:
            ipaddress.ip_address(text)
        except ValueError:
            names.append(text)
        else:
            add_ip(text)

    hostname = socket.gethostname()
    add_name(hostname)
    try:
        add_name(socket.getfqdn())
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(hostname, None):
            add_ip(str(info[4][0]))
    except OSError:
        pass
    for family, probe in ((socket.AF_INET, "192.168.255.254"), (socket.AF_INET, "172.31.255.254"),
                          (socket.AF_INET, "10.255.255.254"), (socket.AF_INET, "192.0.2.1"),
                          (socket.AF_INET6, "fd00::1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))
                add_ip(str(s.getsockname()[0]))
        except OSError:
            pass
    if host:
        add_name(host)
    return tuple(names), tuple(ips)


def make_dev_certs(folder: Path, *, hostnames: tuple[str, ...] = ("localhost",),
                   ips: tuple[str, ...] = ("127.0.0.1",)) -> DevCerts:
    """Write a new CA (ca.pem, and its key ca-key.pem) and a server certificate it signed
    (server.pem, server-key.pem) for `hostnames` and `ips` into `folder` (EC P-256)."""
    from cryptography.hazmat.primitives.asymmetric import ec

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = _paths(folder)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _ca_certificate(ca_key)
    _write_key(out.ca_key, ca_key)
    _write_cert(out.ca_cert, ca)
    _issue_server(out, ca, ca_key, hostnames, ips)
    return out


def dev_certs_in(folder: Path, *, hostnames: tuple[str, ...], ips: tuple[str, ...],
                 now: dt.datetime | None = None) -> tuple[DevCerts, str]:
    """The development certificates in `folder` for a server start: the CA and certificate
    already there when they are sound (the CA valid, the certificate signed by it, matching
    its key, covering `hostnames` and `ips` and valid for a week more); a new server
    certificate from the same CA otherwise; a new CA only when there is no sound one with its
    key. Returns the certificates and what was done: "kept", "new certificate" or "new CA"."""
    folder = Path(folder)
    out = _paths(folder)
    now = now or dt.datetime.now(dt.UTC)
    ca = _load_cert(out.ca_cert)
    ca_key = _load_key(out.ca_key)
    ca_ok = ca is not None and ca.not_valid_after_utc > now + RENEW_BEFORE
    if ca_ok and _server_sound(out, ca, hostnames, ips, now):
        return out, "kept"
    if ca_ok and ca_key is not None and _same_key(ca_key, ca):
        _issue_server(out, ca, ca_key, hostnames, ips)
        return out, "new certificate"
    return make_dev_certs(folder, hostnames=hostnames, ips=ips), "new CA"


# ----------------------------------------------------------------------------- helpers
def _ca_certificate(ca_key):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Daftar development CA")])
    return (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=CA_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )


def _issue_server(out: DevCerts, ca, ca_key, hostnames, ips) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    san = [x509.DNSName(h) for h in hostnames] + [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostnames[0])]))
        .issuer_name(ca.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(min(now + dt.timedelta(days=SERVER_DAYS), ca.not_valid_after_utc))
        .add_extension(x509.SubjectAlternativeName(san), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    _write_key(out.server_key, key)
    _write_cert(out.server_cert, cert)


def _server_sound(out: DevCerts, ca, hostnames, ips, now) -> bool:
    """The server certificate signed by `ca`, matching its key, valid for a while yet and
    covering every name and address wanted."""
    from cryptography import x509

    cert, key = _load_cert(out.server_cert), _load_key(out.server_key)
    if cert is None or key is None or not _same_key(key, cert):
        return False
    try:
        cert.verify_directly_issued_by(ca)
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except Exception:  # noqa: BLE001 - another CA's, or no names: not ours to keep
        return False
    if cert.not_valid_after_utc <= now + RENEW_BEFORE or cert.not_valid_before_utc > now:
        return False
    have_names = {n.lower() for n in san.get_values_for_type(x509.DNSName)}
    have_ips = {str(i) for i in san.get_values_for_type(x509.IPAddress)}
    return {h.lower() for h in hostnames} <= have_names and {str(ipaddress.ip_address(i)) for i in ips} <= have_ips


def _same_key(key, cert) -> bool:
    from cryptography.hazmat.primitives import serialization

    form = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return key.public_key().public_bytes(*form) == cert.public_key().public_bytes(*form)


def _load_cert(path: Path):
    from cryptography import x509

    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError):
        return None


def _load_key(path: Path):
    from cryptography.hazmat.primitives import serialization

    try:
        return serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError):
        return None


def _write_cert(path: Path, cert) -> None:
    from cryptography.hazmat.primitives import serialization

    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    tmp.replace(path)


def _write_key(path: Path, key) -> None:
    import os

    from cryptography.hazmat.primitives import serialization

    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    tmp.replace(path)
