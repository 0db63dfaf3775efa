"""Accounts: argon2id hashes, first administrator, lockout with increasing delay, resets."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from records import accounts as A
from records.models import User


@pytest.fixture
def admin(workspace):
    with workspace.session() as s:
        return A.create_user(s, actor=None, username="admin", password="admin-pass-1", role="admin")


def test_first_start_creates_administrator_with_argon2id_hash(workspace):
    # GIVEN a new workspace
    with workspace.session() as s:
        assert A.needs_first_admin(s)
        # WHEN the first administrator is created without anyone signed in
        A.create_user(s, actor=None, username="admin", password="admin-pass-1", role="admin")
    # THEN the password is stored as an argon2id hash, never in clear
    with workspace.session() as s:
        u = s.query(User).one()
        assert u.password_hash.startswith("$argon2id$")
        assert "admin-pass-1" not in u.password_hash
        assert not A.needs_first_admin(s)


def test_only_an_administrator_creates_users(workspace, admin):
    with workspace.session() as s:
        clerk = A.create_user(s, actor=admin.actor(), username="clerk1", password="clerk-pass-1", role="clerk")
    # WHEN a clerk tries to create a user THEN it is refused
    with pytest.raises(A.AccountError, match="only an administrator"):
        with workspace.session() as s:
            A.create_user(s, actor=clerk.actor(), username="x", password="whatever-123", role="supervisor")
    # AND a second administrator cannot bootstrap itself
    with pytest.raises(A.AccountError):
        with workspace.session() as s:
            A.create_user(s, actor=None, username="evil", password="whatever-123", role="admin")


def test_weak_password_and_duplicate_name_are_refused(workspace, admin):
    with pytest.raises(A.AccountError, match="at least"):
        with workspace.session() as s:
            A.create_user(s, actor=admin.actor(), username="c", password="short", role="clerk")
    with pytest.raises(A.AccountError, match="taken"):
        with workspace.session() as s:
            A.create_user(s, actor=admin.actor(), username="ADMIN", password="long-enough-1", role="clerk")


def test_lockout_grows_after_repeated_failures_and_counts_despite_rollback(workspace, admin):
    # GIVEN a clerk
    with workspace.session() as s:
        A.create_user(s, actor=admin.actor(), username="clerk1", password="clerk-pass-1", role="clerk")
    now = dt.datetime(2026, 1, 1, 10, 0, 0)
    # WHEN the wrong password is given three times
    for _ in range(3):
        with pytest.raises(A.AccountError, match="wrong user name or password"):
            with workspace.session() as s:
                A.login(s, username="clerk1", password="nope", now=now)
    # THEN the account is locked, even for the right password
    with pytest.raises(A.AccountError, match="try again in"):
        with workspace.session() as s:
            A.login(s, username="clerk1", password="clerk-pass-1", now=now + dt.timedelta(seconds=5))
    # AND after the delay the right password works and resets the counter
    with workspace.session() as s:
        u = A.login(s, username="clerk1", password="clerk-pass-1", now=now + dt.timedelta(seconds=31))
        assert u.username == "clerk1"
        assert s.get(User, u.id).failed_logins == 0
    assert A.lock_delay(2) == 0
    assert A.lock_delay(3) < A.lock_delay(4) < A.lock_delay(5)
    assert A.lock_delay(100) == A.MAX_DELAY_S


def test_a_lock_begun_while_the_clock_was_years_ahead_ends_after_its_delay_once_the_clock_is_right(workspace, admin):
    # GIVEN a clerk who gave the wrong password three times on a day the computer's clock said
    # 2030 (set years ahead by hand): locked for 30 seconds, until 2030
    with workspace.session() as s:
        A.create_user(s, actor=admin.actor(), username="clerk1", password="clerk-pass-1", role="clerk")
    ahead, right = dt.datetime(2030, 6, 1, 10, 0, 0), dt.datetime(2026, 11, 27, 10, 0, 0)
    for _ in range(3):
        with pytest.raises(A.AccountError):
            with workspace.session() as s:
                A.login(s, username="clerk1", password="nope", now=ahead)
    # WHEN the clock is put right and the right password is given at once
    with pytest.raises(A.AccountError) as e:
        with workspace.session() as s:
            A.login(s, username="clerk1", password="clerk-pass-1", now=right)
    # THEN the account is locked for its 30 seconds from now, not until 2030
    wait = int(re.search(r"try again in (\d+) seconds", str(e.value)).group(1))
    assert wait <= A.lock_delay(3) + 1
    # AND after them the right password works
    with workspace.session() as s:
        assert A.login(s, username="clerk1", password="clerk-pass-1",
                       now=right + dt.timedelta(seconds=A.lock_delay(3) + 1)).username == "clerk1"


def test_password_change_and_admin_reset(workspace, admin):
    with workspace.session() as s:
        c = A.create_user(s, actor=admin.actor(), username="clerk1", password="clerk-pass-1", role="clerk")
    with pytest.raises(A.AccountError, match="current password is wrong"):
        with workspace.session() as s:
            A.change_password(s, user_id=c.id, old_password="bad", new_password="new-pass-123")
    with workspace.session() as s:
        A.change_password(s, user_id=c.id, old_password="clerk-pass-1", new_password="new-pass-123")
    with workspace.session() as s:
        assert A.login(s, username="clerk1", password="new-pass-123").id == c.id
    # an administrator resets: the user must change it at next login
    with pytest.raises(A.AccountError):
        with workspace.session() as s:
            A.reset_password(s, actor=c.actor(), user_id=c.id, new_password="reset-pass-1")
    with workspace.session() as s:
        A.reset_password(s, actor=admin.actor(), user_id=c.id, new_password="reset-pass-1")
    with workspace.session() as s:
        assert A.login(s, username="clerk1", password="reset-pass-1").must_change_password


def test_disabled_user_cannot_log_in(workspace, admin):
    with workspace.session() as s:
        c = A.create_user(s, actor=admin.actor(), username="clerk1", password="clerk-pass-1", role="clerk")
        A.set_active(s, actor=admin.actor(), user_id=c.id, active=False)
    with pytest.raises(A.AccountError):
        with workspace.session() as s:
            A.login(s, username="clerk1", password="clerk-pass-1")


def test_a_new_user_name_holds_only_letters_digits_and_dot_underscore_dash(workspace, admin):
    # GIVEN the administrator creating users
    def create(name):
        with workspace.session() as s:
            return A.create_user(s, actor=admin.actor(), username=name, password="whatever-123", role="clerk")

    # WHEN a name holds a space, a slash or another sign
    for name, what in (("girdawar 2", "a space"), ("clerk/2", "'/'"), ("ali@office", "'@'"),
                       ("tab\there", "a space"), ("zwnj\u200cname", "the character U+200C")):
        # THEN it is refused, saying what it holds and what a name may hold (they were accepted)
        with pytest.raises(A.AccountError, match=re.escape(f"the user name '{name}' holds {what}: a user name may "
                                                           "hold only letters (Urdu or English), digits and . _ -")):
            create(name)
    # AND letters of Urdu or English, digits (Urdu too), '.', '_' and '-' make a name
    for name in ("girdawar2", "محمد_اسلم", "clerk.ali-2", "پٹواری۱"):
        assert create(name).username == name
    with workspace.session() as s:
        assert len(A.list_users(s)) == 5
