"""Interface language, first start (encrypted workspace, recovery code), preferences."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from desktop import i18n
from desktop.qt import QCoreApplication, QDialog, QDialogButtonBox, Qt

pytestmark = pytest.mark.gui
LIGHT_KDF = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}


@pytest.fixture
def urdu(qapp):
    assert i18n.apply_language(qapp, "ur")
    yield qapp
    i18n.apply_language(qapp, "en")


def test_urdu_turns_the_layout_right_to_left_and_translates_in_any_context(urdu):
    # GIVEN the Urdu interface
    # THEN the layout is right to left and texts come from daftar_ur
    assert urdu.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QCoreApplication.translate("MainWindow", "Registers") == "رجسٹر"
    # ... a text known at run time (context "Daftar") or from another window is found too
    assert QCoreApplication.translate("SomeNewWindow", "Import pages…") == "صفحات درآمد کریں…"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "منسوخ"
    # ... an unknown text stays as written (English)
    assert QCoreApplication.translate("MainWindow", "No such text 123") == "No such text 123"


def test_english_is_the_source_and_left_to_right(qapp):
    # WHEN English is chosen THEN texts are the source texts, left to right
    i18n.apply_language(qapp, "en")
    assert QCoreApplication.translate("MainWindow", "Registers") == "Registers"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert i18n.current_language() == "en"


def test_the_ts_file_serves_when_no_qm_can_be_made(qapp, monkeypatch):
    # GIVEN no compiled catalogue (a fresh clone without lrelease)
    monkeypatch.setattr(i18n, "qm_path", lambda lang: None)
    # WHEN Urdu is chosen THEN the .ts is read directly
    try:
        assert i18n.apply_language(qapp, "ur")
        assert QCoreApplication.translate("LoginDialog", "Password") == "پاس ورڈ"
    finally:
        i18n.apply_language(qapp, "en")


def test_every_translation_keeps_its_placeholders():
    # GIVEN the Urdu catalogue
    import re

    table = i18n.read_ts(i18n.ts_path("ur"))
    # THEN every {name} and %v of the English text is in the Urdu text (format() would fail)
    bad = [(src, t) for (_c, src), t in table.items()
           if sorted(re.findall(r"\{[^}]*\}|%[vm]", src)) != sorted(re.findall(r"\{[^}]*\}|%[vm]", t))]
    assert not bad, bad
    assert len(table) > 300


def test_numbers_and_dates_follow_the_office_settings():
    # GIVEN Urdu digits and day/month/year with slashes
    i18n.configure_display(urdu_digits=True, date_format="%d/%m/%Y")
    try:
        assert i18n.number_text("12-5") == "۱۲-۵"
        assert i18n.date_text(dt.datetime(2026, 3, 14, 9, 5), time=True) == "۱۴/۰۳/۲۰۲۶ ۰۹:۰۵"
        # GIVEN Latin digits and ISO dates
        i18n.configure_display(urdu_digits=False, date_format="%Y-%m-%d")
        assert i18n.date_text(dt.date(2026, 3, 14)) == "2026-03-14"
        assert i18n.number_text("۴۷") == "47"
    finally:
        i18n.configure_display(urdu_digits=False, date_format="%d-%m-%Y")


def test_language_is_asked_once_and_remembered(qapp, qtbot, tmp_path, monkeypatch):
    # GIVEN a computer where no language was chosen yet
    monkeypatch.setenv(i18n.SETTINGS_FILE_ENV, str(tmp_path / "ui.ini"))
    assert i18n.saved_language() is None
    # WHEN the first-start dialog is answered with Urdu
    dlg = i18n.LanguageDialog()
    qtbot.addWidget(dlg)
    dlg.findChild(type(dlg.findChildren(QDialogButtonBox)[0].buttons()[0]), "lang_ur").click()
    assert dlg.choice == "ur"
    i18n.save_language(dlg.choice)
    # THEN the next start does not ask and uses Urdu
    try:
        assert i18n.choose_language_at_start(qapp, ask=False) == "ur"
    finally:
        i18n.apply_language(qapp, "en")


def test_first_start_creates_an_encrypted_workspace_and_shows_the_code_once(qapp, qtbot, tmp_path):
    from desktop.first_start import NewWorkspaceDialog, RecoveryCodeDialog, is_new_workspace
    from records.workspace import Workspace

    # GIVEN a computer without a workspace
    root = tmp_path / "office"
    assert is_new_workspace(root)
    dlg = NewWorkspaceDialog(root, language="en")
    qtbot.addWidget(dlg)
    dlg.kdf = LIGHT_KDF
    assert dlg.encrypt.isChecked()  # encrypted unless the administrator says otherwise
    # WHEN the passwords differ THEN it says so and creates nothing
    dlg.username.setText("boss")
    dlg.password.setText("patwari-pass-1")
    dlg.repeat.setText("patwari-pass-2")
    dlg.submit()
    assert "differ" in dlg.error.text() and is_new_workspace(root)
    # WHEN a password breaks the rules THEN nothing is created either (no half-made key slots)
    dlg.password.setText("abc")
    dlg.repeat.setText("abc")
    dlg.submit()
    assert "at least" in dlg.error.text() and is_new_workspace(root)
    # WHEN the administrator is filled in
    dlg.password.setText("patwari-pass-1")
    dlg.repeat.setText("patwari-pass-1")
    dlg.full_name.setText("محمد اسلم")
    dlg.submit()
    # THEN an encrypted workspace exists, signed in, with the administrator's profile
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert Workspace.is_encrypted(root) and dlg.workspace.encrypted
    assert dlg.user.role == "admin" and dlg.user.full_name == "محمد اسلم" and dlg.user.language == "en"
    assert Workspace.unlock_recovery(root, dlg.recovery_code) == dlg.workspace.key
    dlg.workspace.close()
    # ... the recovery code is shown; OK only after "I have printed or written it down"
    code = RecoveryCodeDialog(dlg.recovery_code)
    qtbot.addWidget(code)
    ok = code.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    code.show()
    code.reject()  # Esc does not close it
    assert code.isVisible()
    code.stored.setChecked(True)
    assert ok.isEnabled()
    ok.click()
    assert not code.isVisible() and code.result() == QDialog.DialogCode.Accepted


def test_sign_in_to_an_encrypted_workspace_with_a_wrong_password_is_clear(qapp, qtbot, tmp_path):
    from desktop.login import LoginDialog
    from records.workspace import Workspace

    # GIVEN an encrypted workspace
    root = tmp_path / "enc"
    ws, _code = Workspace.create_encrypted(root, admin_username="admin", admin_password="admin-pass-1", kdf=LIGHT_KDF)
    ws.close()
    dlg = LoginDialog(root)
    qtbot.addWidget(dlg)
    assert "encrypted" in dlg.intro.text()
    # WHEN the password is wrong THEN the dialog says so and stays open
    dlg.username.setText("admin")
    dlg.password.setText("not-my-password")
    dlg.submit()
    assert "wrong user name or password" in dlg.error.text() and dlg.workspace is None
    # WHEN it is right THEN the workspace is unlocked
    dlg.password.setText("admin-pass-1")
    dlg.submit()
    assert dlg.workspace is not None and dlg.workspace.encrypted
    dlg.workspace.close()


def test_preferences_save_my_language_and_the_office_display_settings(ctx, qtbot, tmp_path, monkeypatch):
    from desktop.preferences import PreferencesDialog
    from records import access, office_settings
    from records.accounts import get_user
    from records.audit import Actor

    monkeypatch.setenv(i18n.SETTINGS_FILE_ENV, str(tmp_path / "ui.ini"))
    # GIVEN an administrator
    admin = access.create_user(ctx.ws, actor=None, username="admin", password="admin-pass-1", role="admin")
    ctx.actor = Actor(admin.id, admin.username, admin.role)
    dlg = PreferencesDialog(ctx)
    qtbot.addWidget(dlg)
    # WHEN English, Latin digits off -> Urdu digits, ISO dates are chosen and saved
    dlg.language.setCurrentIndex(dlg.language.findData("en"))
    dlg.urdu_digits.setChecked(True)
    dlg.date_format.setCurrentIndex(dlg.date_format.findData("%Y-%m-%d"))
    assert dlg.print_font.currentData() == "Noto Naskh Arabic"  # the default for print
    dlg.print_font.setCurrentIndex(dlg.print_font.findData("Noto Nastaliq Urdu"))
    dlg.save()
    # THEN the user's language, this computer's language and the office settings are stored
    with ctx.ws.session() as s:
        assert get_user(s, admin.id).language == "en"
        st = office_settings.read(s)
    assert st["display.urdu_digits"] is True and st["date.format"] == "%Y-%m-%d"
    assert st["print.urdu_font"] == "Noto Nastaliq Urdu"
    assert i18n.saved_language() == "en"


def test_a_clerk_cannot_change_the_office_settings(ctx, qtbot):
    from desktop.preferences import PreferencesDialog

    dlg = PreferencesDialog(ctx)
    qtbot.addWidget(dlg)
    assert not dlg.urdu_digits.isEnabled()
    assert not dlg.office_name.isEnabled() and not dlg.verification.isEnabled()
    assert not dlg.lock_after.isEnabled()


def test_the_administrator_sets_up_the_office(ctx, qtbot, tmp_path, monkeypatch):
    from desktop.preferences import PreferencesDialog
    from records import access, office_settings, outbox
    from records.audit import Actor
    from records.models import AuditEvent

    monkeypatch.setenv(i18n.SETTINGS_FILE_ENV, str(tmp_path / "ui.ini"))
    # GIVEN an administrator's preferences, the office still on its defaults
    admin = access.create_user(ctx.ws, actor=None, username="admin", password="admin-pass-1", role="admin")
    ctx.actor = Actor(admin.id, admin.username, admin.role)
    dlg = PreferencesDialog(ctx)
    qtbot.addWidget(dlg)
    assert dlg.verification.isChecked() and dlg.scan_dpi.currentData() == 300 and dlg.office_name.text() == ""
    # WHEN the office's name, district and tehsil are typed, verification by a revenue officer
    # is switched off, and OCR is set to two pages at once and scans to 400 dpi
    dlg.office_name.setText("پٹوار خانہ موضع کوٹ")
    dlg.district.setText("لاہور")
    dlg.tehsil.setText("رائیونڈ")
    dlg.verification.setChecked(False)
    dlg.ocr_workers.setValue(2)
    dlg.scan_dpi.setCurrentIndex(dlg.scan_dpi.findData(400))
    assert dlg.lock_after.value() == 15  # the default: a window left alone locks after 15 minutes
    dlg.lock_after.setValue(5)
    dlg.save()
    # THEN the office settings hold them, the change is in the audit trail, and the open
    # windows are built again (new registers, OCR and scanning use them)
    with ctx.ws.session() as s:
        st = office_settings.read(s)
        assert (st["office.name"], st["office.district"], st["office.tehsil"]) == ("پٹوار خانہ موضع کوٹ", "لاہور",
                                                                                   "رائیونڈ")
        assert st["workflow.require_verification"] is False and (st["ocr.workers"], st["ocr.dpi"]) == (2, 400)
        assert st["security.lock_after_minutes"] == 5
        event = s.query(AuditEvent).filter_by(action="office.settings").one()
        assert event.detail["changed"]["workflow.require_verification"] is False
        # AND approved entries now go into a batch without a revenue officer's verification
        assert outbox.verification_required(s) is False
    assert dlg.needs_new_window


def test_core_messages_are_shown_in_urdu_with_their_values(urdu):
    # GIVEN messages made in records/ and ocr/ (English, with values inside)
    # THEN the Urdu interface shows them in Urdu, numbers kept left to right
    assert i18n.message("wrong user name or password") == "صارف نام یا پاس ورڈ غلط ہے"
    locked = i18n.message("wrong user name or password; the account is locked for 30 seconds")
    assert locked.startswith("صارف نام یا پاس ورڈ غلط ہے") and "\u206630\u2069" in locked
    flag = i18n.message("row 3, Remarks: OCR is unsure of 'منظور شدہ' (35%); check it against the page")
    assert "سطر" in flag and "کیفیت" in flag and "منظور شدہ" in flag and "Remarks" not in flag
    near = i18n.message("row 5, Remarks: read 'حکم مدالت', a letter or two from the register term 'حکم عدالت'; "
                        "check it against the page")
    assert "اصطلاح" in near and "«حکم عدالت»" in near and "register" not in near
    disputed = i18n.message("row 2, Khasra nos: the number readers disagree: '125/5' or '1255'; "
                            "check it against the page")
    assert "نمبرات خسرہ" in disputed and "متفق نہیں" in disputed and "Khasra" not in disputed
    assert "«\u2066125/5\u2069» یا «\u20661255\u2069»" in disputed  # both kept left to right
    # ... a field check nested in a row's context is translated part by part
    check = i18n.message("Row 3 (khewat 47): Area (K-M): '12-5x' is not an area: write kanal-marla (12-5) "
                         "or kanal-marla-sarsai (12-5-3)")
    assert check.startswith("سطر") and "رقبہ" in check and "«12-5x»" in check and "write" not in check
    # ... and an unknown message stays as it was
    assert i18n.message("something new happened") == "something new happened"


def test_a_core_message_with_a_count_of_one_says_one_in_urdu(urdu):
    # GIVEN the core's refusal to submit a page with one problem, and with three
    first = "Row 1 (khewat 47): Area (K-M): '12-x' is not an area: write kanal-marla (12-5) or kanal-marla-sarsai (12-5-3)"
    one = i18n.message(f"1 problem(s) must be corrected before submitting; first: {first}")
    three = i18n.message(f"3 problem(s) must be corrected before submitting; first: {first}")
    # THEN one problem is said in the singular ("1 غلطیاں" before), three in the plural
    assert "\u20661\u2069 غلطی درست کرنی ہے" in one and "غلطیاں" not in one, one
    assert "\u20663\u2069 غلطیاں درست کرنی ہیں" in three, three
    assert "رقبہ" in one and "write" not in one  # the nested problem still translated
    # ... and so are the other counted messages: one other page, one page image
    assert i18n.message("mauza X, page 2, rows 4, and rows of 1 other page(s)").endswith("دوسرے صفحے کی سطریں")
    assert i18n.message("mauza X, page 2, rows 4, and rows of 2 other page(s)").endswith("دوسرے صفحات کی سطریں")


def test_every_counted_core_message_has_both_urdu_forms():
    # GIVEN the core's messages that hold a count
    from desktop.i18n_strings import COUNTED_MESSAGES, MESSAGES

    forms = i18n.read_ts(i18n.translations_dir() / "daftar_ur.ts", forms=True)
    for template, place in COUNTED_MESSAGES.items():
        # THEN each is a message template, its count one of its places, and the catalogue
        # gives it two forms (one, other) that keep every place
        assert template in MESSAGES and f"{{{place}}}" in template, template
        got = forms.get(("Messages", template))
        assert isinstance(got, tuple) and len(got) == 2 and got[0] != got[1], template
        for form in got:
            assert set(re.findall(r"\{\d\}", form)) == set(re.findall(r"\{\d\}", template)), form


def test_first_start_can_make_a_plain_workspace(qapp, qtbot, tmp_path):
    from desktop.first_start import NewWorkspaceDialog, is_new_workspace
    from records.workspace import Workspace

    # GIVEN the first-start dialog with encryption unticked
    root = tmp_path / "plain"
    dlg = NewWorkspaceDialog(root, language="ur")
    qtbot.addWidget(dlg)
    assert f"\u2066{root}\u2069" in dlg.intro.text()  # the path kept left to right in a line of either direction
    dlg.encrypt.setChecked(False)
    dlg.username.setText("admin")
    dlg.password.setText("patwari-pass-1")
    dlg.repeat.setText("patwari-pass-1")
    # WHEN it is accepted
    dlg.submit()
    # THEN a plain workspace with its administrator is open, and no recovery code was made
    assert not is_new_workspace(root) and not Workspace.is_encrypted(root)
    assert dlg.user.role == "admin" and dlg.user.language == "ur" and dlg.recovery_code is None
    dlg.workspace.close()


def test_the_undo_action_names_an_edited_field_in_urdu(urdu, ctx, qtbot):
    from desktop.correction.view import CorrectionView
    from tests.desktop.conftest import wait_idle
    from tests.desktop.helpers import make_register

    # GIVEN a page open in the Urdu interface
    _rid, (pid,) = make_register(ctx)
    view = CorrectionView(ctx)
    qtbot.addWidget(view)
    view.show_page(pid)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    # WHEN the clerk changes a khasra number
    view.model.setData(view.model.index(0, view.model.column_of("khasra_nos")), "125/6، 126")
    wait_idle(qtbot, ctx)
    # THEN the undo button says, in Urdu, which field it would take back (not its internal name)
    text = view.actions_by_name["undo"].text()
    assert "نمبرات خسرہ" in text and "ترمیم" in text
    assert "khasra" not in text and "Edit" not in text


# Values a clerk might type or OCR might read, good and bad, for every kind of field.
TYPED = ("", " ", "12-5", "3/8", "9/8", "0/0", "1" * 50, "١٢٥/٥، ١٢٦", "125//5", "،،", "میزان", "total",
         "14-03-2019", "31-02-2019", "نہری", "-3", "99999999", "12-25", "3/0", "0-0", "125/", "/5",
         "1-2-3-4", "35202-1234567-1", "3520212345671", "123", "x")


def test_every_validation_message_of_a_register_is_urdu_in_the_urdu_interface(urdu):
    import random
    import re

    from records.templates import builtin
    from records.validation import validate_rows

    # GIVEN rows of every register kind filled at random with good and bad values
    rng = random.Random(3)
    messages = set()
    for name in ("jamabandi", "girdawari", "intiqal"):
        t = builtin(name)
        keys = list(t.column_names)
        rows = [{rng.choice(keys): rng.choice(TYPED) for _ in range(rng.randint(0, 14))} for _ in range(1500)]
        messages |= {f.message for f in validate_rows(t, rows)}
    # WHEN their flags are shown in Urdu
    # THEN no English is left but the values themselves (in «»)
    english = {}
    for m in messages:
        shown = re.sub("«[^»]*»", "", i18n.message(m))
        if re.search(r"[A-Za-z]{3,}", shown):
            english[m] = shown
    assert len(messages) > 5000
    assert not english, f"{len(english)} of {len(messages)}, e.g. {sorted(english.items())[:3]}"


def test_a_flag_names_its_row_and_what_the_row_holds_in_urdu(urdu):
    # GIVEN a flag on a row the core names by what parsed in it
    flag = ("Row 5 (mutation 9, khewat 47, khatooni 3, khasra 125/5): Khewat no: 3520212345671 is above "
            "the largest allowed khewat no (99999)")
    # THEN every part is Urdu, the numbers kept left to right, the parts joined by Urdu commas
    assert i18n.message(flag) == (
        "سطر \u20665\u2069 (انتقال \u20669\u2069، کھیوٹ \u206647\u2069، کھتونی \u20663\u2069، خسرہ "
        "\u2066125/5\u2069): نمبر کھیوٹ: \u20663520212345671\u2069 سب سے بڑے جائز نمبر کھیوٹ (\u206699999\u2069) "
        "سے زیادہ ہے")
    assert i18n.message("Row 82 (khasra 3/8): Area (K-M) is empty; it is required") == (
        "سطر \u206682\u2069 (خسرہ \u20663/8\u2069): رقبہ خالی ہے؛ یہ لازمی ہے")


def test_qts_own_file_dialog_speaks_urdu(urdu, qtbot, tmp_path):
    import re

    from desktop.qt import QAbstractButton, QAbstractItemView, QFileDialog, QLabel

    # GIVEN Qt's own file dialog (where the system offers none), as the import dialog opens it
    d = QFileDialog(None, "", str(tmp_path))
    d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    d.setFileMode(QFileDialog.FileMode.ExistingFiles)
    qtbot.addWidget(d)
    d.show()
    # WHEN its labels, buttons, tips and column headers are read
    shown = [w.text() for w in d.findChildren(QLabel) + d.findChildren(QAbstractButton)] + d.nameFilters()
    shown += [w.toolTip() for w in d.findChildren(QAbstractButton)]
    for view in d.findChildren(QAbstractItemView):
        model = view.model()
        shown += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
    # THEN none of them is English
    assert [t for t in shown if re.search(r"[A-Za-z]{3,}", t)] == []
    assert "کھولیں" in shown and "نام" in shown
    # AND its question before replacing a file is Urdu, the path kept left to right
    replace = QCoreApplication.translate("QFileDialog", "%1 already exists.\nDo you want to replace it?")
    assert replace.startswith("\u2066%1\u2069 پہلے سے موجود ہے")


def _shown_messages(path, raised: tuple[str, ...]) -> list[str]:
    """The messages a module can show a person, read from its source with a sample value
    where a message holds one: what it raises as one of `raised`, notes as an item's
    `last_error`, reports in a list of `errors`, or keeps in DISK_FULL."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(path).read_text(encoding="utf-8"))

    def samples(node) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.JoinedStr):
            out = [""]
            for part in node.values:
                bits = samples(part) if isinstance(part, ast.Constant) else ["7"]
                out = [a + b for a in out for b in bits]
            return out
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return [a + b for a in samples(node.left) for b in samples(node.right)]
        if isinstance(node, ast.IfExp):
            return samples(node.body) + samples(node.orelse)
        return []  # str(e): a message made elsewhere

    found = []
    for node in ast.walk(tree):
        call = node.exc if isinstance(node, ast.Raise) else node
        if isinstance(call, ast.Call) and call.args and \
                getattr(call.func, "id", getattr(call.func, "attr", "")) in raised:
            found += samples(call.args[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "append" and \
                getattr(getattr(node.func, "value", None), "attr", "") == "errors" and node.args:
            found += samples(node.args[0])
        elif isinstance(node, ast.Assign) and any(getattr(t, "attr", "") == "last_error" or
                                                  getattr(t, "id", "") == "DISK_FULL" for t in node.targets):
            found += samples(node.value)
    return [m for m in found if m.strip()]


def _english_left(messages: list[str], names: str = "CA|OCR") -> dict[str, str]:
    """Of `messages`, those whose Urdu still holds English words: a command to type (in
    backquotes) and the `names` kept in Latin letters aside."""
    import re

    english = {}
    for m in messages:
        shown = re.sub(rf"`[^`]*`|\b({names})\b", "", i18n.message(m))
        if re.search(r"[A-Za-z]{3,}", shown):
            english[m] = shown
    return english


def test_every_message_of_the_sync_engine_is_urdu_in_the_urdu_interface(urdu):

    import sync.engine

    # GIVEN every message the sync engine can show (its network, server, disk and conflict
    # troubles, the reasons inside them)
    messages = _shown_messages(sync.engine.__file__, ("SyncError", "TransientError", "RefusedError", "DiskFullError",
                                                      "CertificateError", "ServerDiskFullError"))
    assert len(messages) >= 20 and any("conflict" in m for m in messages)
    # ... and the reasons a connection failed (a certificate not valid on this computer's date)
    messages += [sync.engine._net_reason(Exception(s)) for s in ("certificate is not yet valid", "timeout", "")]
    # ... and this computer's clock against the server's
    import datetime as dt

    here, there = dt.datetime(2010, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.UTC)
    messages += [sync.engine.clock_wrong(here, there), sync.engine.clock_off(here, there),
                 sync.engine.clock_behind_work(here, there), sync.engine.certificate_dates(there)]
    # WHEN shown in the Urdu interface  THEN no English is left but a command to type and "CA"
    assert _english_left(messages) == {}


def test_every_file_an_import_cannot_read_is_explained_in_urdu(urdu):
    import ocr.loader

    # GIVEN every reason the page loader gives for a file it cannot read (empty, a folder,
    # not an image, damaged, cut off, too large, a locked PDF, no pages)
    messages = _shown_messages(ocr.loader.__file__, ("OcrInputError",))
    assert len(messages) >= 12 and any("password" in m for m in messages)
    # ... with the hint and the reasons that go inside them
    messages += [ocr.loader._HINT, ocr.loader._decode_error(ValueError("truncated")), ocr.loader._describe(b"PK\x03\x04")]
    # WHEN shown in the Urdu interface  THEN no English is left but the file formats' names
    assert _english_left(messages, "PNG|JPEG|TIFF|PDF|ZIP|Office|GB") == {}


def test_the_import_dialog_explains_bad_files_in_urdu(urdu, tmp_path):
    import re

    from desktop.capture.loading import load_file

    # GIVEN the files a clerk may pick by mistake: missing, of another type, empty, text, cut off, a broken PDF
    (tmp_path / "a.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "b.png").write_bytes(b"")
    (tmp_path / "c.jpg").write_text("not an image")
    (tmp_path / "d.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    (tmp_path / "e.pdf").write_bytes(b"%PDF-1.4 broken")
    names = ["missing.png", "a.docx", "b.png", "c.jpg", "d.png", "e.pdf"]
    errors = [it.error for n in names for it in load_file(tmp_path / n) if it.error]
    assert len(errors) == len(names)
    # WHEN the import dialog shows why  THEN it says so in Urdu (the file names and formats aside)
    shown = [re.sub(r"[\w.-]+\.(png|jpg|docx|pdf)\b|\b(PNG|JPEG|TIFF|PDF)\b|\(.*\)", "", i18n.message(e))
             for e in errors]
    assert [t for t in shown if re.search("[A-Za-z]{3,}", t)] == []


def test_every_refusal_of_the_core_a_clerk_can_meet_is_urdu_in_the_urdu_interface(urdu, tmp_path):
    import re
    from pathlib import Path

    import records

    # GIVEN every refusal the records core raises to the desktop (workflow, rows and pages,
    # batches, page images, workspaces and keys, accounts, settings, reports, field checks);
    # the schema upgrades' messages and the exports' are for IT, on the command line
    raised = ("WorkflowError", "OutboxError", "WorkspaceError", "WorkspaceLocked", "ImageStoreError", "CryptoError",
              "ReportError", "AccountError", "CredentialError", "FieldError", "UnitError", "NotFound",
              "SettingsPermissionError", "SettingError")
    root = Path(records.__file__).parent
    messages = [m for path in sorted(root.rglob("*.py")) if path.name != "migrate.py"
                for m in _shown_messages(path, raised) if not m.startswith("unknown field kind")]
    assert len(messages) >= 80 and any("your own work" in m for m in messages)
    # ... and what the workspace lock says, to a restore and to opening during one
    from records.workspace_lock import WorkspaceInUse, hold_alone, hold_open, release

    lock_says = []
    for first, then in ((hold_open, hold_alone), (hold_alone, hold_open)):
        held = first(tmp_path)
        with pytest.raises(WorkspaceInUse) as refused:
            then(tmp_path)
        release(held)
        lock_says.append(str(refused.value))
    # WHEN shown in the Urdu interface  THEN no English is left but a command to type (and
    # the folder's path)
    assert _english_left(messages) == {}
    assert [m for m in lock_says if re.search("[A-Za-z]{3,}", i18n.message(m).replace(str(tmp_path), ""))] == []


def test_why_a_backup_from_the_app_failed_is_said_in_urdu(urdu, tmp_path):
    import inspect
    import re

    from records import backup

    # GIVEN every reason a backup taken from the app (create_backup) can fail with
    src = inspect.getsource(backup.create_backup)
    templates = re.findall(r'BackupError\(f"(.*?)"\)', src)
    assert len(templates) == 5
    usb = str(tmp_path / "usb")
    shown = [re.sub(r"\{[^}]*\}", usb, t) for t in templates]
    # WHEN shown in the Urdu interface  THEN no English is left but the folder's path
    assert [m for m in shown if re.search("[A-Za-z]{3,}", i18n.message(m).replace(usb, ""))] == []


def test_the_rules_across_rows_speak_urdu(urdu):
    import re

    from records.templates import builtin
    from records.validation import validate_rows

    # GIVEN pages that break every rule across rows: shares over and under the whole, a
    # khasra in two khatoonis, a khewat total that does not match, one land with two areas,
    # one owner with two shares, crops larger than their khasra
    jamabandi = [
        {"khewat_no": "47", "khatooni_no": "112", "owner": "محمد اسلم", "share": "1/2", "khasra_nos": "125/5، 126", "area": "12-5"},
        {"khewat_no": "47", "khatooni_no": "113", "owner": "احمد علی", "share": "3/4", "khasra_nos": "126", "area": "4-10"},
        {"khewat_no": "47", "owner": "میزان", "area": "20-0"},
        {"khewat_no": "48", "khatooni_no": "114", "owner": "نور", "share": "1/4", "khasra_nos": "130", "area": "2-0"},
        {"khewat_no": "48", "khatooni_no": "114", "owner": "نور", "share": "1/2", "khasra_nos": "130", "area": "3-0"},
    ]
    girdawari = [
        {"khasra_no": "125/5", "khewat_no": "47", "area": "2-0", "crop": "گندم", "crop_area": "3-0"},
        {"khasra_no": "125/5", "khewat_no": "47", "area": "2-0", "crop": "کپاس", "crop_area": "1-5"},
    ]
    # and a mutation whose buyers' shares pass the whole khewat, its third row of another date
    intiqal = [{"mutation_no": "1204", "date": "14-3-2024", "mutation_type": "بیع", "khewat_no": "60",
                "khasra_nos": "140", "area": "6-0", "share": "1/2", "transferor": "ملک غلام حیدر",
                "transferee": name} for name in ("محمد رفیق", "محمد شفیق", "محمد توفیق")]
    intiqal[2].update(date="15-3-2024", mutation_type="ہبہ")
    flags = (validate_rows(builtin("jamabandi"), jamabandi) + validate_rows(builtin("girdawari"), girdawari)
             + validate_rows(builtin("intiqal"), intiqal))
    assert {"share_sum", "khasra_owner", "area_total", "area_conflict", "share_conflict", "crop_area",
            "mutation_share_sum", "mutation_mismatch"} <= {f.code for f in flags}
    # WHEN they are shown in Urdu  THEN nothing of them is English
    assert [m for f in flags if re.search("[A-Za-z]{3,}", m := i18n.message(f.message))] == []


def test_a_register_copied_forward_flags_its_mutations_in_urdu(urdu, workspace):
    import re

    from records import services as S
    from records.copy_forward import copy_forward
    from tests.records.helpers import make_users

    # GIVEN a jamabandi and a sanctioned sale of one owner's share since
    clerk = make_users(workspace)["clerk"]
    place = {"district": "لاہور", "tehsil": "رائیونڈ", "mauza": "دیہہ", "hadbast_no": "12"}
    with workspace.session() as s:
        old = S.create_register(s, actor=clerk, template="jamabandi", year="2015-16", **place)
        S.add_entry(s, actor=clerk, register_id=old, values={"khewat_no": "47", "khatooni_no": "1", "share": "1/2",
                                                             "owner": "محمد اسلم ولد غلام رسول", "area": "6-0"})
        sales = S.create_register(s, actor=clerk, template="intiqal", year="2017", **place)
        S.add_entry(s, actor=clerk, register_id=sales, values={
            "mutation_no": "1234", "date": "14-03-2017", "mutation_type": "بیع", "khewat_no": "47", "area": "3-0",
            "share": "1/4", "transferor": "محمد اسلم ولد غلام رسول", "transferee": "بشیر احمد ولد نور دین",
            "order": "منظور شد، تحصیلدار"})
    # WHEN the next edition is copied forward
    with workspace.session() as s:
        res = copy_forward(s, actor=clerk, previous_register_id=old, year="2019-20")
        rows = S.rows_by_ids(s, S.register_entry_ids(s, res.register_id))
    flags = [f.message for r in rows for v in r.values.values() for f in v.flags]
    # THEN the flags on the seller's share and on the proposed buyer read in Urdu
    assert len(flags) == 2
    assert [m for m in flags if re.search("[A-Za-z]{3,}", i18n.message(m))] == []


def test_shortcuts_keep_the_names_printed_on_the_keys(urdu):
    # GIVEN the Urdu interface (whose on-screen keyboard calls its Shift key "شفٹ")
    from desktop.qt import QKeySequence

    # WHEN a shortcut is shown in a menu or tooltip
    shown = QKeySequence("Ctrl+Shift+R").toString(QKeySequence.SequenceFormat.NativeText)
    # THEN it reads as on the keyboard, not half translated ("Ctrl+شفٹ+R")
    assert shown == "Ctrl+Shift+R"
    assert QKeySequence("PgDown").toString(QKeySequence.SequenceFormat.NativeText) == "PgDown"
    assert QCoreApplication.translate("UrduKeyboard", "Shift") == "شفٹ"  # the keyboard's own label stays


def _first_strong(text: str) -> str:
    """Rule P2 of the Unicode bidi algorithm: the first letter with a direction, skipping
    isolated runs ('L', 'R' or '' for none) - how Qt chooses a paragraph's direction."""
    import unicodedata

    depth = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("LRI", "RLI", "FSI"):
            depth += 1
        elif kind == "PDI":
            depth = max(0, depth - 1)
        elif not depth and kind in ("L", "R", "AL"):
            return "L" if kind == "L" else "R"
    return ""


def test_every_urdu_text_is_laid_out_right_to_left(urdu):
    # GIVEN every text of the Urdu catalogue, its values filled with Latin words (a file
    # name, a user name), and core messages that begin with a Latin word
    import re

    table = i18n.read_ts(i18n.ts_path("ur"))
    wrong = []
    for (ctx, src), _t in table.items():
        if ctx in ("UrduKeyboard", i18n.MESSAGES_CONTEXT):
            continue  # key caps, not sentences; core messages are marked whole by message()
        shown = re.sub(r"\{[^{}]*\}", "scan.png", QCoreApplication.translate(ctx, src))
        # THEN each one reads right to left (before: "OCR ناکام: …", "CSV (ایکسل)" and
        # "{name} چھوڑ دیا گیا" were laid out left to right, words and brackets out of order)
        if re.search(r"[\u0600-\u06ff]", shown) and _first_strong(shown) != "R":
            wrong.append((ctx, src))
    assert not wrong, wrong[:10]
    flag = i18n.message("row 3, Remarks: OCR is unsure of 'x' (35%); check it against the page")
    missing = i18n.message("/home/clerk/scan.png: file not found")
    assert _first_strong(flag) == "R" and _first_strong(missing) == "R" and "scan.png" in missing
    assert QCoreApplication.translate("MainWindow", "Registers") == "رجسٹر"  # nothing added where not needed


def test_lists_of_row_numbers_use_the_languages_comma(qapp):
    # GIVEN rows 1, 2 and 3 named in a sentence
    i18n.apply_language(qapp, "ur")
    try:
        # THEN Urdu writes the list with its own comma
        assert "، " in i18n.list_text([1, 2, 3]) and ", " not in i18n.list_text([1, 2, 3])
    finally:
        i18n.apply_language(qapp, "en")
    assert i18n.list_text([1, 2, 3]).replace("۱", "1").replace("۲", "2").replace("۳", "3") == "1, 2, 3"


def test_the_rows_a_rule_names_are_listed_with_the_urdu_comma(urdu):
    # GIVEN the message of a khewat whose shares pass the whole on rows 1, 2 and 3
    msg = ("Khewat 47: the owners' shares add up to 9/8, more than the whole (1) (rows 1, 2, 3); the total "
           "passes 1 at row 3. Check the shares.")
    # WHEN it is shown in Urdu
    shown = i18n.message(msg)
    # THEN every row number stands left to right on its own, joined by the Urdu comma (it was
    # "1، 2, 3": the list's tail kept whole as if one number)
    assert "سطریں \u20661\u2069، \u20662\u2069، \u20663\u2069)" in shown
    assert ", " not in shown
    assert i18n.message("rows 4, 5 and 2 more") == "سطریں \u20664\u2069، \u20665\u2069 اور \u20662\u2069 مزید"


def _ink_columns(widget) -> tuple[int, int]:
    import numpy as np

    from desktop.qt import QImage

    img = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    w, h = img.width(), img.height()
    a = np.frombuffer(img.constBits(), np.uint8, img.bytesPerLine() * h).reshape(h, img.bytesPerLine())[:, :w]
    cols = np.flatnonzero((a < 128).any(axis=0))
    return int(cols.min()), int(cols.max())


def test_every_line_of_a_wrapped_urdu_label_is_shown_whole(urdu, qtbot):
    from desktop.labels import wrapping
    from desktop.qt import QLabel

    # GIVEN an Urdu note long enough to wrap (the preferences dialog's)
    text = QCoreApplication.translate("PreferencesDialog", "A new language or display setting applies when "
                                      "you save: the window opens again in it, at the same page.")
    assert text.startswith("نئی زبان")
    cut = []
    for width in range(300, 520, 5):  # at some widths a line fills the label exactly
        # WHEN it is shown in a wrapped label of that width
        label = wrapping(QLabel(text))
        qtbot.addWidget(label)
        label.setFixedSize(width, label.heightForWidth(width))
        left, right = _ink_columns(label)
        # THEN no line's ink reaches the label's edge, where it would be cut off (the last
        # letter of 'دوبارہ' was, at the dialog's width)
        if left <= 0 or right >= width - 1:
            cut.append(width)
    assert cut == []


def test_the_preferences_fit_a_low_screen_and_scroll(ctx, qtbot, qapp):
    from desktop.preferences import PreferencesDialog
    from desktop.qt import QDialogButtonBox, screen_of
    from records import access
    from records.audit import Actor

    # GIVEN an administrator's preferences (every group), in Urdu, on a screen lower than they
    # are (Qt's offscreen screen is 800 px; a 1366 x 768 laptop has less once the task bar and
    # title bar are taken)
    assert i18n.apply_language(qapp, "ur")
    try:
        admin = access.create_user(ctx.ws, actor=None, username="admin", password="admin-pass-1", role="admin")
        ctx.actor = Actor(admin.id, admin.username, admin.role)
        dlg = PreferencesDialog(ctx)
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitExposed(dlg)
        room = screen_of(dlg).availableGeometry().height()
        # THEN the dialog is no taller than the screen less a title bar's room, its Save button
        # is inside it, and the settings scroll within it (none is cut off)
        assert dlg.height() <= room - 60
        save = dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        assert save.isVisible() and save.mapTo(dlg, save.rect().bottomLeft()).y() <= dlg.height()
        content = dlg.scroll.widget()
        assert content.height() > dlg.scroll.viewport().height()  # more than fits: it scrolls
        assert dlg.scroll.verticalScrollBar().maximum() > 0
        dlg.scroll.ensureWidgetVisible(dlg.backup_days)
        qtbot.wait(10)
        top_left = dlg.backup_days.mapTo(dlg.scroll.viewport(), dlg.backup_days.rect().topLeft())
        assert 0 <= top_left.y() < dlg.scroll.viewport().height()
    finally:
        i18n.apply_language(qapp, "en")


def test_a_register_is_named_in_urdu_by_mauza_year_and_volume(urdu, workspace):
    # GIVEN a register of mauza آڈٹ پور, 2024-25, without khewat 999
    from records import services
    from records.audit import Actor
    from records.reports.fard import build_fard
    from records.reports.layout import ReportError

    actor = Actor(id=None, username="clerk", role="clerk")
    with workspace.session() as s:
        rid = services.create_register(s, actor=actor, template="jamabandi", district="لاہور", tehsil="رائیونڈ",
                                       mauza="آڈٹ پور", hadbast_no="42", year="2024-25", volume="2")
    # WHEN its fard of khewat 999 is asked for
    with workspace.session() as s, pytest.raises(ReportError) as err:
        build_fard(s, register_id=rid, khewat="999")
    shown = i18n.message(str(err.value))
    # THEN the Urdu message names its mauza, year and volume, the year left to right in an
    #      isolate of its own (it showed 'رجسٹر 7 (25-2024 آڈٹ پور)'), and no English
    assert "موضع آڈٹ پور" in shown and "\u20662024-25\u2069" in shown and "جلد" in shown
    assert "کھیوٹ" in shown and "999" in shown and f"{rid}" not in shown.replace("999", "")
    assert not re.findall(r"[A-Za-z]{2,}", shown)
    # AND a fard of an owner not in it names the owner in Urdu too
    with workspace.session() as s, pytest.raises(ReportError) as err:
        build_fard(s, register_id=rid, owner="اکرم")
    shown = i18n.message(str(err.value))
    assert "مالک اکرم" in shown and not re.findall(r"[A-Za-z]{2,}", shown)


def test_where_a_backup_or_export_cannot_go_is_said_in_urdu(urdu, workspace, tmp_path):
    import re

    from records.backup import BackupError, create_backup
    from records.output_file import OutputFileError, check_output

    # GIVEN a backup asked into the workspace's own images/ folder, and an export into a folder
    # that is not there or is a file
    said = []
    with pytest.raises(BackupError) as refused:
        create_backup(workspace, workspace.root / "images")
    said.append(str(refused.value))
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    for out in (tmp_path / "usb" / "x.csv", tmp_path / "afile" / "x.csv"):
        with pytest.raises(OutputFileError) as refused:
            check_output(out)
        said.append(str(refused.value))
    # WHEN shown in the Urdu interface  THEN no English is left but the paths and names (a file's,
    # the backups/ folder's), set apart as values
    shown = [re.sub(r"/[^\s⁩]*|\u2066[^\u2069]*\u2069", "", i18n.message(m)) for m in said]
    assert [m for m in shown if re.search("[A-Za-z]{3,}", m)] == [], shown


def test_a_refusal_to_seal_values_changed_outside_daftar_is_said_in_urdu(urdu, workspace):
    import sqlite3

    from records import services
    from records.outbox import OutboxError, create_batch
    from tests.records.helpers import ROW, make_page, make_users

    # GIVEN approved rows whose area, and another's owner, were changed in the database file
    users = make_users(workspace)
    _rid, _pid, ids = make_page(workspace, users["clerk"], rows=(ROW, {**ROW, "khewat_no": "48"}))
    with workspace.session() as s:
        services.transition(s, actor=users["clerk"], entry_ids=ids, action="submit")
        services.transition(s, actor=users["supervisor"], entry_ids=ids, action="approve")
    con = sqlite3.connect(workspace.db_path)
    con.execute(f"UPDATE field_value SET value='99-9' WHERE entry_id={ids[0]} AND field='area' AND current=1")
    con.commit()
    refusals = []
    for forge in (None, f"DELETE FROM field_value WHERE entry_id={ids[1]} AND field='owner'"):
        if forge:
            con.execute(forge)
            con.commit()
        with pytest.raises(OutboxError) as refused, workspace.session() as s:
            create_batch(s, actor=users["supervisor"])
        refusals.append(str(refused.value))
    con.close()
    # WHEN the sync panel shows why nothing was sealed, in the Urdu interface
    shown = [i18n.message(m) for m in refusals]
    # THEN it is Urdu throughout, the field named by its Urdu label, the values and the command kept
    assert _english_left(refusals) == {}
    assert all("رقبہ" in t and "99-9" in t and "`daftar audit verify`" in t for t in shown), shown
    assert "دیہہ" in shown[0] and "صفحہ" in shown[0] and "سطر" in shown[0]


def test_a_full_disk_at_a_first_export_is_said_in_urdu(urdu, tmp_path):
    import re

    from records.exports.json_export import KEY_NOT_SAVED, KEY_NOT_SAVED_FULL
    from records.workspace import _explain

    # GIVEN what a first export on a full disk says (the office key not saved), and opening a
    # workspace whose disk is full
    said = [KEY_NOT_SAVED_FULL.format(tmp_path, "database or disk is full"),
            KEY_NOT_SAVED.format(tmp_path, "database is locked"),
            str(_explain(tmp_path / "daftar.sqlite", OSError("disk I/O error")))]
    # WHEN shown in the Urdu interface  THEN no English is left but the folder, SQLite's own
    # reason (in brackets) and the command to type
    shown = [re.sub(r"\u2066[^\u2069]*\u2069|/[^\s⁩]*|\([^)]*\)|`[^`]*`", "", i18n.message(m)) for m in said]
    assert [m for m in shown if re.search("[A-Za-z]{3,}", m)] == [], shown


def test_what_an_import_says_of_a_restored_office_is_said_in_urdu(urdu):
    from desktop.audit_viewer import action_name
    from records.exports.json_export import IMPORTED_BEFORE_RESTORE, RESTORED_NOTICE

    # GIVEN what an import says of an office whose workspace was restored from a backup
    said = [RESTORED_NOTICE.format("Daftar office", "2026-11-28 09:15 UTC", "2026-11-20 17:02 UTC"),
            IMPORTED_BEFORE_RESTORE.format("2026-11-25 11:40 UTC", "2026-11-26 08:05 UTC", "before.json")]
    # WHEN shown in the Urdu interface
    shown = [i18n.message(m) for m in said]
    # THEN no English is left but the office's name, the dates and the file, each kept left to right
    bare = [re.sub(r"\u2066[^\u2069]*\u2069|'[^']*'", "", m) for m in shown]
    assert [m for m in bare if re.search("[A-Za-z]{3,}", m)] == [], shown
    assert "\u20662026-11-28 09:15 UTC\u2069" in shown[0] and "\u2066before.json\u2069" in shown[1]
    # AND the restore's event in the audit trail is named in Urdu
    assert action_name("workspace.restore") == "ورک اسپیس بیک اپ سے بحال کی گئی"


_RECOMPILE_UNDER_A_RUNNING_COPY = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTranslator
from desktop import i18n

app = QCoreApplication([])
ts, small, qm = i18n.ts_path("ur"), Path(sys.argv[1]), Path(sys.argv[2])
assert i18n.compile_ts(ts, qm)
translator = QTranslator()
assert translator.load(str(qm))
before = translator.translate("Daftar", "Save")
assert i18n.compile_ts(small, qm)  # another copy of Daftar compiles a newer .ts into the same place
found = sum(bool(translator.translate(ctx, src)) for ctx, src in i18n.read_ts(ts))
print(found, translator.translate("Daftar", "Save") == before)
"""


def test_compiling_a_catalogue_never_pulls_it_from_under_a_running_copy(tmp_path):
    """A running Daftar maps its .qm into memory; another copy (or `scripts/translations.py
    compile`) once rewrote that file in place, and the first ended with a bus error or a
    segfault in its translator while drawing a header."""
    import subprocess
    import sys

    # GIVEN a running copy translating from a compiled catalogue, and a much smaller newer .ts
    small = tmp_path / "daftar_ur.ts"
    small.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="ur">'
                     '<context><name>Daftar</name><message><source>Open</source>'
                     '<translation>کھولیں</translation></message></context></TS>\n', encoding="utf-8")
    qm = tmp_path / "cache" / "daftar_ur.qm"
    # WHEN that .ts is compiled into the catalogue's place while the copy runs
    r = subprocess.run([sys.executable, "-c", _RECOMPILE_UNDER_A_RUNNING_COPY, str(small), str(qm)],
                       capture_output=True, text=True, timeout=120,
                       env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    # THEN the running copy goes on translating from the catalogue it loaded
    assert r.returncode == 0, f"the running copy died ({r.returncode}): {r.stderr[-800:]}"
    found, same = r.stdout.split()
    assert int(found) > 500 and same == "True"
    # AND the new catalogue is in place, with no part file left beside it
    assert [p.name for p in qm.parent.iterdir()] == ["daftar_ur.qm"]


def test_a_user_name_inside_a_message_is_kept_as_it_is(urdu):
    # GIVEN accounts named like roles ("admin") in what Verify chain finds
    said = i18n.message("user admin (id 1): role is 'clerk' but the audit trail recorded 'admin'")
    who = i18n.message("mauza X, year 2019-20, volume 1, page 1, row 1: submitted by user 1 (admin), but the audit "
                       "trail recorded nobody (entry 1)")
    # THEN the name stays the name, and the roles are said in Urdu
    assert "admin" in said and said.count("منتظم") == 1 and "کلرک" in said, said
    assert "(admin)" in who and "منتظم" not in who and "user" not in who, who


def test_a_frozen_build_uses_its_shipped_catalogue_and_never_compiles(tmp_path, monkeypatch):
    """The one-folder build ships the .qm build.spec compiled; a .qm missing there (or older
    than the .ts by its file times, as an installer may leave them) is never compiled again
    into the user's cache with whatever lrelease the computer has."""
    import shutil
    import sys

    # GIVEN a frozen build's translations folder with the .ts but no .qm, and an lrelease found
    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copy(i18n.ts_path("ur"), folder / "daftar_ur.ts")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    compiled = []
    monkeypatch.setattr(i18n, "compile_ts", lambda ts, qm: compiled.append(qm) or False)
    # WHEN the Urdu catalogue is looked for  THEN none is compiled: the .ts serves (None)
    assert i18n.qm_path("ur") is None
    assert compiled == []
    # GIVEN the .qm shipped beside it, older than the .ts  THEN that .qm is used as it is
    qm = folder / "daftar_ur.qm"
    qm.write_bytes(b"shipped")
    import os

    os.utime(qm, (1, 1))
    assert i18n.qm_path("ur") == qm and compiled == []


def test_build_catalogues_compiles_every_ts_for_the_build(tmp_path):
    # GIVEN the source tree's translations (build.spec calls this into build/extra)
    from desktop.qt import QTranslator

    # WHEN the build compiles them
    (qm,) = i18n.build_catalogues(tmp_path / "out")
    # THEN the .qm is made there (not beside the .ts) and Qt reads Urdu from it
    assert qm == tmp_path / "out" / "daftar_ur.qm"
    t = QTranslator()
    assert t.load(str(qm))
    assert t.translate("AuditViewer", "Verify chain") == "سلسلے کی تصدیق"


def test_a_review_refused_on_rows_changed_since_is_explained_in_urdu(urdu, workspace):
    from records import services
    from tests.records.helpers import make_page, make_users

    # GIVEN the messages of an approval, return or verification refused because rows changed
    # after the reviewer opened the page: one row, rows of one page, rows of several pages
    _rid, pid, _ids = make_page(workspace, make_users(workspace)["clerk"])
    with workspace.session() as s:
        shown = [services.Seen(i, 1, "submitted", "", pid, row) for i, row in ((1, 2), (2, 5))]
        other = services.Seen(3, 1, "submitted", "", None, 1)
        messages = [services._changed_message(s, action, rows)
                    for action in ("approve", "return", "verify", "submit")
                    for rows in (shown[:1], shown, [*shown, other])]
    assert "mauza دیہہ" in messages[0] and "page 1, row 2 changed" in messages[0]
    # WHEN shown in the Urdu interface  THEN no English is left, and the rows are named
    assert _english_left(messages) == {}
    ur = i18n.message(messages[1])
    assert ur.startswith("کچھ منظور نہیں ہوا") and "صفحہ \u20661\u2069" in ur and "سطریں" in ur, ur


def test_a_path_inside_an_urdu_message_is_kept_left_to_right(urdu):
    # GIVEN a core message naming a file by its path (a backup onto a full USB stick)
    # WHEN it is shown in Urdu
    got = i18n.message("Cannot write the backup /media/usb/daftar-backup-1.tar: [Errno 28] No space left on device")
    win = i18n.message(r"Cannot write the backup E:\Backups\daftar-backup-1.tar: [Errno 28] No space left on device")
    # THEN the path is isolated left to right (its leading '/' was drawn at its end: "media/usb/….tar/")
    assert "\u2066/media/usb/daftar-backup-1.tar\u2069" in got and got.startswith("بیک اپ")
    assert "\u2066E:\\Backups\\daftar-backup-1.tar\u2069" in win
    # AND a value that is Urdu text is not isolated as a path
    assert "\u2066" not in i18n.message("wrong user name or password")


def test_updating_the_catalogue_from_the_sources_keeps_every_translation(tmp_path, translations_script):
    """`scripts/translations.py update` rebuilds the catalogue from what pyside6-lupdate finds
    in desktop/: a text lupdate cannot see (a module's own `_tr` helper) was dropped with its
    Urdu at the next update, and the app then showed it in English."""
    # GIVEN the catalogue as it is shipped, copied aside
    tr = translations_script
    shipped = {(ctx, m.findtext("source")) for ctx, m in tr._messages(tr._load(tmp_path / "daftar_ur.ts")) if tr._done(m)}
    # WHEN it is updated from the sources
    tr.update()
    # THEN every text translated before is still there, translated
    kept = {(ctx, m.findtext("source")) for ctx, m in tr._messages(tr._load(tmp_path / "daftar_ur.ts")) if tr._done(m)}
    assert len(shipped) > 1000
    assert shipped - kept == set(), "lupdate no longer finds these texts in desktop/: call " \
                                   "QCoreApplication.translate(CONTEXT, TEXT) or self.tr(TEXT) where they are used"


def test_in_urdu_date_and_time_stand_apart(qapp):
    # GIVEN the Urdu interface (its font's space is about a fifth of an em) and Urdu digits
    i18n.configure_display(urdu_digits=True, date_format="%d-%m-%Y")
    i18n.apply_language(qapp, "ur")
    try:
        # WHEN a time of the audit trail is written
        shown = i18n.date_text(dt.datetime(2026, 11, 27, 14, 32, 5), time=True, seconds=True)
        # THEN date and time are kept apart by two no-break spaces, left to right as one run
        assert shown == "\u2066۲۷-۱۱-۲۰۲۶\u00a0\u00a0۱۴:۳۲:۰۵\u2069"
    finally:
        i18n.apply_language(qapp, "en")
        i18n.configure_display(urdu_digits=False, date_format="%d-%m-%Y")
    # AND in English a plain space stays
    assert i18n.date_text(dt.datetime(2026, 11, 27, 14, 32), time=True) == "27-11-2026 14:32"
