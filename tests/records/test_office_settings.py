"""Office settings read and changed through records.office_settings; new users' language."""

from __future__ import annotations

import pytest

from records import access, audit, office_settings
from records.settings import SettingError


def test_administrator_changes_settings_audited_and_new_users_get_the_office_language(workspace):
    # GIVEN an administrator and the default settings (Urdu interface, Latin digits)
    admin = access.create_user(workspace, actor=None, username="admin", password="admin-pass-1", role="admin")
    with workspace.session() as s:
        assert office_settings.read(s)["ui.language"] == "ur"
        # WHEN English is made the office language and Urdu digits are chosen
        office_settings.change(s, actor=admin.actor(), values={"ui.language": "en", "display.urdu_digits": "yes"})
    # THEN they are stored, audited, and a new user gets English unless told otherwise
    with workspace.session() as s:
        st = office_settings.read(s)
        assert st["ui.language"] == "en" and st["display.urdu_digits"] is True
        assert audit.verify(s).ok
    clerk = access.create_user(workspace, actor=admin.actor(), username="clerk1", password="clerk-pass-1", role="clerk")
    other = access.create_user(workspace, actor=admin.actor(), username="clerk2", password="clerk-pass-2",
                               role="clerk", language="ur")
    assert clerk.language == "en" and other.language == "ur"


def test_a_clerk_cannot_change_settings_and_bad_values_are_refused(workspace):
    admin = access.create_user(workspace, actor=None, username="admin", password="admin-pass-1", role="admin")
    clerk = access.create_user(workspace, actor=admin.actor(), username="clerk1", password="clerk-pass-1", role="clerk")
    with workspace.session() as s:
        with pytest.raises(PermissionError, match="only an administrator"):
            office_settings.change(s, actor=clerk.actor(), values={"ui.language": "en"})
        with pytest.raises(SettingError, match="date.format"):
            office_settings.change(s, actor=admin.actor(), values={"date.format": "%m/%d/%Y"})
