"""Passwords and names of accounts, tied to no workspace and no database: argon2id hashes, the
password rules, the lockout's delays after wrong passwords, and what a name may hold.

The desktop's users (`records.accounts`) and the central server's operators
(`sync.server.operators`) both use these, so that an account behaves the same wherever it is.
"""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters

FREE_ATTEMPTS = 3  # failures before lockout starts
BASE_DELAY_S = 30  # first lockout; doubles with each further failure
MAX_DELAY_S = 3600
MIN_PASSWORD = 8


class CredentialError(ValueError):
    """A name or password the rules refuse; the message says why (shown to a person: the
    desktop has it in Urdu, desktop/i18n_strings.py)."""


def hash_password(password: str) -> str:
    """An argon2id hash of `password` (salted: the same password never hashes the same)."""
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    """Whether `password` is the one `password_hash` was made from (False for a damaged hash)."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether a hash was made with other parameters than today's (hash the password again)."""
    return _hasher.check_needs_rehash(password_hash)


def equalise_timing() -> None:
    """Spend the time a password check takes, for a name that has no account: a refusal then
    takes as long whether the name exists or not."""
    _hasher.hash("timing-equaliser")


def check_password(password: str, name: str) -> None:
    """CredentialError, saying why, when `password` may not be the password of the account `name`."""
    if len(password) < MIN_PASSWORD:
        raise CredentialError(f"the password must have at least {MIN_PASSWORD} characters")
    if password.lower() == name.lower():
        raise CredentialError("the password must not be the user name")


def check_name(name: str) -> str:
    """An account's name as it is kept (the spaces around it dropped); CredentialError, saying
    why, when it may not be one. A name may hold letters of any script (Urdu too), digits, '.',
    '_' and '-': it is typed at every sign-in and on the command line, and names files."""
    name = name.strip()
    if not name:
        raise CredentialError("the user name is empty")
    bad = next((c for c in name if not (c.isalnum() or c in "._-")), None)
    if bad is not None:
        what = "a space" if bad.isspace() else f"'{bad}'" if bad.isprintable() else f"the character U+{ord(bad):04X}"
        raise CredentialError(f"the user name '{name}' holds {what}: a user name may hold only letters (Urdu or "
                              "English), digits and . _ -")
    return name


def lock_delay(failures: int) -> int:
    """Seconds locked out after `failures` consecutive failures (0 while under the free attempts)."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (failures - FREE_ATTEMPTS))


def lock_now(locked_until: dt.datetime | None, failures: int, now: dt.datetime) -> dt.datetime | None:
    """The lock that holds at `now`: `locked_until`, except when it reaches further from now than
    `failures` would lock (the clock was set back since the lock began: it was years ahead, then
    put right), then the lock of those failures from now. Without this the account would stay
    locked until the old wrong date came round again."""
    longest = dt.timedelta(seconds=lock_delay(failures))
    if locked_until and locked_until - now > longest:
        return now + longest if longest else None
    return locked_until


def after_failure(failures: int, now: dt.datetime) -> tuple[int, dt.datetime | None, int]:
    """(failures, locked until, seconds locked) after one more wrong password."""
    failures += 1
    delay = lock_delay(failures)
    return failures, (now + dt.timedelta(seconds=delay) if delay else None), delay
