"""Encryption at rest: one workspace key, wrapped per user and by a recovery key.

- The workspace key (32 random bytes) never touches the disk in clear. Each user has a
  key slot: the workspace key encrypted (AES-256-GCM) under a key derived from that user's
  password with argon2id. A recovery slot does the same under a recovery code that the
  administrator prints once.
- From the workspace key, HKDF derives separate keys for the SQLCipher database, page
  images (AES-256-GCM, see ImageCipher) and the audit MAC.
- Slots live in keys/slots.json beside the database (they hold no secret in clear).
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SLOTS_FILE = "slots.json"
KEY_LEN = 32
IMAGE_MAGIC = b"DFTRIMG1"
# argon2id parameters for wrapping keys (RFC 9106 second recommended option, lighter memory)
KDF = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 1}
RECOVERY_USER = "*recovery*"


class CryptoError(RuntimeError):
    """Unlocking or decrypting failed; the message is safe to show."""


class WrongPassword(CryptoError):
    pass


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode()


def _unb64(s: str) -> bytes:
    return base64.b64decode(s.encode())


def new_workspace_key() -> bytes:
    return secrets.token_bytes(KEY_LEN)


def derive(key: bytes, purpose: str) -> bytes:
    """A sub-key for one purpose ("sqlcipher", "images", "audit") from the workspace key."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_LEN, salt=None, info=f"daftar:{purpose}".encode()).derive(key)


def sqlcipher_key(key: bytes) -> str:
    """The PRAGMA key value (raw key, no second KDF inside SQLCipher)."""
    return f"\"x'{derive(key, 'sqlcipher').hex()}'\""


def _kek(secret: str, salt: bytes, params: dict) -> bytes:
    return hash_secret_raw(secret.encode("utf-8"), salt, time_cost=params["time_cost"],
                           memory_cost=params["memory_cost"], parallelism=params["parallelism"],
                           hash_len=KEY_LEN, type=Type.ID)


def new_recovery_code() -> str:
    """A recovery code to print once: 32 base32 characters in groups of four (160 bits)."""
    raw = base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def _norm_recovery(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


@dataclass
class KeySlots:
    """keys/slots.json: per-user wrapped copies of the workspace key."""

    path: Path
    data: dict

    @classmethod
    def exists(cls, keys_dir: Path) -> bool:
        return (Path(keys_dir) / SLOTS_FILE).is_file()

    @classmethod
    def load(cls, keys_dir: Path) -> KeySlots:
        p = Path(keys_dir) / SLOTS_FILE
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CryptoError(f"{p} is missing: this encrypted workspace cannot be opened without it. Restore it from a backup.") from None
        except (OSError, ValueError) as e:
            raise CryptoError(f"{p} is damaged ({e}). Restore it from a backup.") from None
        return cls(p, data)

    @classmethod
    def create(cls, keys_dir: Path, key: bytes, *, kdf: dict | None = None) -> KeySlots:
        """A new slots file for `key`; `kdf` overrides the argon2id cost (tests use a light one)."""
        keys_dir = Path(keys_dir)
        keys_dir.mkdir(parents=True, exist_ok=True)
        check = AESGCM(derive(key, "check")).encrypt(b"\0" * 12, b"daftar", None)
        s = cls(keys_dir / SLOTS_FILE, {"version": 1, "kdf": dict(kdf or KDF), "check": _b64(check), "slots": {}})
        s.save()
        return s

    def save(self) -> None:
        tmp = self.path.with_suffix(".part")
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)  # the key slots: this account only
        with open(fd, "w", encoding="utf-8") as f:
            json.dump(self.data, f, indent=1, sort_keys=True)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    def users(self) -> list[str]:
        return sorted(u for u in self.data["slots"] if u != RECOVERY_USER)

    def has_recovery(self) -> bool:
        return RECOVERY_USER in self.data["slots"]

    def _check(self, key: bytes) -> None:
        try:
            AESGCM(derive(key, "check")).decrypt(b"\0" * 12, _unb64(self.data["check"]), None)
        except InvalidTag:
            raise CryptoError("this key does not belong to this workspace") from None

    def _wrap(self, name: str, secret: str, key: bytes) -> None:
        self._check(key)
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        wrapped = AESGCM(_kek(secret, salt, self.data["kdf"])).encrypt(nonce, key, name.encode())
        self.data["slots"][name] = {"salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped)}
        self.save()

    def _unwrap(self, name: str, secret: str) -> bytes:
        slot = self.data["slots"].get(name)
        if slot is None:
            raise WrongPassword("wrong user name or password")
        try:
            kek = _kek(secret, _unb64(slot["salt"]), self.data["kdf"])
            return AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]), name.encode())
        except InvalidTag:
            raise WrongPassword("wrong user name or password") from None

    # -- users -------------------------------------------------------------
    def add_user(self, username: str, password: str, key: bytes) -> None:
        """Give a user a slot (the caller holds the unlocked key)."""
        self._wrap(username.lower(), password, key)

    def remove_user(self, username: str) -> None:
        self.data["slots"].pop(username.lower(), None)
        self.save()

    def unlock(self, username: str, password: str) -> bytes:
        """The workspace key, or WrongPassword."""
        return self._unwrap(username.lower(), password)

    def change_password(self, username: str, old: str, new: str) -> None:
        key = self.unlock(username, old)
        self._wrap(username.lower(), new, key)

    # -- recovery ----------------------------------------------------------
    def set_recovery(self, key: bytes) -> str:
        """Make a new recovery code (replacing any old one); returns it to be printed once."""
        code = new_recovery_code()
        self._wrap(RECOVERY_USER, _norm_recovery(code), key)
        return code

    def unlock_recovery(self, code: str) -> bytes:
        try:
            return self._unwrap(RECOVERY_USER, _norm_recovery(code))
        except WrongPassword:
            raise WrongPassword("the recovery code is not right for this workspace") from None


class ImageCipher:
    """AES-256-GCM for page images; the image hash is bound in as associated data."""

    def __init__(self, workspace_key: bytes):
        self._aead = AESGCM(derive(workspace_key, "images"))

    def encrypt(self, data: bytes, *, name: str) -> bytes:
        nonce = secrets.token_bytes(12)
        return IMAGE_MAGIC + nonce + self._aead.encrypt(nonce, data, name.encode())

    def decrypt(self, data: bytes, *, name: str) -> bytes:
        if not data.startswith(IMAGE_MAGIC):
            raise CryptoError(f"page image {name[:12]}… is not an encrypted Daftar image")
        nonce = data[len(IMAGE_MAGIC):len(IMAGE_MAGIC) + 12]
        try:
            return self._aead.decrypt(nonce, data[len(IMAGE_MAGIC) + 12:], name.encode())
        except InvalidTag:
            raise CryptoError(f"page image {name[:12]}… is damaged or belongs to another workspace") from None
