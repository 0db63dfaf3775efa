"""Shared fixtures: a migrated workspace template copied per test (fast), headless Qt."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@pytest.fixture(scope="session")
def _ui_settings_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ui-settings")


@pytest.fixture(autouse=True)
def _computer_settings(_ui_settings_dir, request, monkeypatch):
    """Each test gets this computer's interface settings (language of the sign-in screen,
    where the main window was) in a file of its own, never the user's real ones."""
    import hashlib

    name = hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:16]
    monkeypatch.setenv("DAFTAR_UI_SETTINGS", str(_ui_settings_dir / f"{name}.ini"))
    # and its own log folder (daftar.crashlog), never the user's
    monkeypatch.setenv("DAFTAR_LOG_DIR", str(_ui_settings_dir / f"{name}-log"))


@functools.cache
def _argon2id_hash_of(password: str) -> str:
    from records.credentials import hash_password

    return hash_password(password)


@contextlib.contextmanager
def accounts_hashed_once():
    """For a fixture making the accounts a test starts from: inside it each password is
    argon2id-hashed once per run and that hash reused. It is a real hash of the password
    (signing in verifies it as always, and a password changed in a test is hashed anew); only
    the ~0.15 s of hashing "clerk1-pass" again for every test is saved (about 280 accounts a
    run in the desktop fixtures alone)."""
    from unittest import mock

    with mock.patch("records.accounts.hash_password", _argon2id_hash_of):
        yield


@pytest.fixture(scope="session")
def _template_workspace(tmp_path_factory) -> Path:
    from records.workspace import Workspace

    root = tmp_path_factory.mktemp("ws-template")
    ws = Workspace.open(root, create=True)
    ws.close()
    return root


@pytest.fixture
def workspace(_template_workspace, tmp_path):
    """A fresh, migrated, empty workspace (copied from one migrated per session)."""
    from records.workspace import Workspace

    root = tmp_path / "ws"
    shutil.copytree(_template_workspace, root)
    ws = Workspace.open(root)
    yield ws
    ws.close()
