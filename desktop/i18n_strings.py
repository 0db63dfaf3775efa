"""English strings the desktop translates at run time (their text is data, not a literal
inside tr()), listed here so `pyside6-lupdate` puts them in daftar_ur.ts.

They are in the context "Daftar": desktop.i18n.DaftarTranslator looks there whenever the
caller's own context has no translation, so `self.tr(spec.text)` in any window finds them.
Add a line here when you translate a variable (`self.tr(state)`, column names, menu specs).
"""

from __future__ import annotations

from desktop.qt import QT_TRANSLATE_NOOP

STRINGS = (
    # the correction view's rows (desktop.correction.rows_model._tr)
    QT_TRANSLATE_NOOP("Daftar", "Edit {field}"),
    QT_TRANSLATE_NOOP("Daftar", "Not saved: {error}"),
    QT_TRANSLATE_NOOP("Daftar", "Cancel typing in {field}"),
    # roles
    QT_TRANSLATE_NOOP("Daftar", "clerk"),
    QT_TRANSLATE_NOOP("Daftar", "supervisor"),
    QT_TRANSLATE_NOOP("Daftar", "revenue_officer"),
    QT_TRANSLATE_NOOP("Daftar", "admin"),
    # entry and page states
    QT_TRANSLATE_NOOP("Daftar", "draft"),
    QT_TRANSLATE_NOOP("Daftar", "submitted"),
    QT_TRANSLATE_NOOP("Daftar", "returned"),
    QT_TRANSLATE_NOOP("Daftar", "approved"),
    QT_TRANSLATE_NOOP("Daftar", "verified"),
    QT_TRANSLATE_NOOP("Daftar", "batched"),
    QT_TRANSLATE_NOOP("Daftar", "sent"),
    QT_TRANSLATE_NOOP("Daftar", "received"),  # the central server's state of an entry (desktop.conflict_dialog)
    QT_TRANSLATE_NOOP("Daftar", "accepted"),
    QT_TRANSLATE_NOOP("Daftar", "rejected"),
    QT_TRANSLATE_NOOP("Daftar", "new"),
    QT_TRANSLATE_NOOP("Daftar", "in_progress"),
    # OCR status of a page
    QT_TRANSLATE_NOOP("Daftar", "none"),
    QT_TRANSLATE_NOOP("Daftar", "queued"),
    QT_TRANSLATE_NOOP("Daftar", "running"),
    QT_TRANSLATE_NOOP("Daftar", "done"),
    QT_TRANSLATE_NOOP("Daftar", "failed"),
    # scanner colour modes
    QT_TRANSLATE_NOOP("Daftar", "Gray"),
    QT_TRANSLATE_NOOP("Daftar", "Color"),
    QT_TRANSLATE_NOOP("Daftar", "Lineart"),
    # menus of the main window (desktop/mainwindow.py action_specs)
    QT_TRANSLATE_NOOP("Daftar", "&Register"),
    QT_TRANSLATE_NOOP("Daftar", "&OCR"),
    QT_TRANSLATE_NOOP("Daftar", "&View"),
    QT_TRANSLATE_NOOP("Daftar", "Re&view"),
    QT_TRANSLATE_NOOP("Daftar", "Re&ports"),
    QT_TRANSLATE_NOOP("Daftar", "&Account"),
    QT_TRANSLATE_NOOP("Daftar", "&Settings"),
    QT_TRANSLATE_NOOP("Daftar", "&Help"),
    QT_TRANSLATE_NOOP("Daftar", "New register…"),
    QT_TRANSLATE_NOOP("Daftar", "Import pages…"),
    QT_TRANSLATE_NOOP("Daftar", "Scan pages…"),
    QT_TRANSLATE_NOOP("Daftar", "Quit"),
    QT_TRANSLATE_NOOP("Daftar", "Read selected pages"),
    QT_TRANSLATE_NOOP("Daftar", "Retry failed pages"),
    QT_TRANSLATE_NOOP("Daftar", "Cancel OCR"),
    QT_TRANSLATE_NOOP("Daftar", "Find rows…"),
    QT_TRANSLATE_NOOP("Daftar", "Page"),
    QT_TRANSLATE_NOOP("Daftar", "Rows returned to me"),
    QT_TRANSLATE_NOOP("Daftar", "Rows returned after my approval"),
    QT_TRANSLATE_NOOP("Daftar", "Sync with the central office"),
    QT_TRANSLATE_NOOP("Daftar", "Review submitted pages"),
    QT_TRANSLATE_NOOP("Daftar", "Verify approved pages"),
    QT_TRANSLATE_NOOP("Daftar", "Audit trail"),
    QT_TRANSLATE_NOOP("Daftar", "Save fard as PDF…"),
    QT_TRANSLATE_NOOP("Daftar", "Print fard…"),
    QT_TRANSLATE_NOOP("Daftar", "Save progress report as PDF…"),
    QT_TRANSLATE_NOOP("Daftar", "Users…"),
    QT_TRANSLATE_NOOP("Daftar", "Change my password…"),
    QT_TRANSLATE_NOOP("Daftar", "Preferences…"),
    # column headers of the models
    QT_TRANSLATE_NOOP("Daftar", "File"),
    QT_TRANSLATE_NOOP("Daftar", "OCR"),
    QT_TRANSLATE_NOOP("Daftar", "State"),
    QT_TRANSLATE_NOOP("Daftar", "Register"),
    QT_TRANSLATE_NOOP("Daftar", "Row"),
    QT_TRANSLATE_NOOP("Daftar", "Comment"),
    QT_TRANSLATE_NOOP("Daftar", "Returned by"),
    QT_TRANSLATE_NOOP("Daftar", "When (UTC)"),
    QT_TRANSLATE_NOOP("Daftar", "User"),
    QT_TRANSLATE_NOOP("Daftar", "Action"),
    QT_TRANSLATE_NOOP("Daftar", "Entry"),
    QT_TRANSLATE_NOOP("Daftar", "Change"),
    QT_TRANSLATE_NOOP("Daftar", "User name"),
    QT_TRANSLATE_NOOP("Daftar", "Full name"),
    QT_TRANSLATE_NOOP("Daftar", "Role"),
    QT_TRANSLATE_NOOP("Daftar", "Active"),
    QT_TRANSLATE_NOOP("Daftar", "Locked until"),
    QT_TRANSLATE_NOOP("Daftar", "Must change password"),
    QT_TRANSLATE_NOOP("Daftar", "Records clerk"),
    QT_TRANSLATE_NOOP("Daftar", "Supervisor (Girdawar)"),
    QT_TRANSLATE_NOOP("Daftar", "Revenue officer"),
    QT_TRANSLATE_NOOP("Daftar", "Administrator (IT)"),
    QT_TRANSLATE_NOOP("Daftar", "Daftar"),
    QT_TRANSLATE_NOOP("Daftar", "vol"),
    # desktop/reports_dialogs.py (module functions translate through _tr)
    QT_TRANSLATE_NOOP("Daftar", "Fard"),
    QT_TRANSLATE_NOOP("Daftar", "Khewat no (or owner's name):"),
    QT_TRANSLATE_NOOP("Daftar", "Save fard as PDF"),
    QT_TRANSLATE_NOOP("Daftar", "Save report as PDF"),
    QT_TRANSLATE_NOOP("Daftar", "Print preview — {name}"),
    QT_TRANSLATE_NOOP("Daftar", "Open"),
    # register kinds
    QT_TRANSLATE_NOOP("Daftar", "jamabandi"),
    QT_TRANSLATE_NOOP("Daftar", "girdawari"),
    QT_TRANSLATE_NOOP("Daftar", "intiqal"),
    # Qt's own standard buttons (Qt ships no Urdu catalogue)
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
    # Qt's own file dialog (used where the system has none; Qt ships no Urdu catalogue)
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "File &name:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Open"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Save"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Choose"),
    QT_TRANSLATE_NOOP("QFileDialog", "Save As"),
    QT_TRANSLATE_NOOP("QFileDialog", "Find Directory"),
    QT_TRANSLATE_NOOP("QFileDialog", "Directory:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Go back"),
    QT_TRANSLATE_NOOP("QFileDialog", "Forward"),
    QT_TRANSLATE_NOOP("QFileDialog", "Go forward"),
    QT_TRANSLATE_NOOP("QFileDialog", "Parent Directory"),
    QT_TRANSLATE_NOOP("QFileDialog", "Go to the parent directory"),
    QT_TRANSLATE_NOOP("QFileDialog", "Create New Folder"),
    QT_TRANSLATE_NOOP("QFileDialog", "Create a New Folder"),
    QT_TRANSLATE_NOOP("QFileDialog", "List View"),
    QT_TRANSLATE_NOOP("QFileDialog", "Change to list view mode"),
    QT_TRANSLATE_NOOP("QFileDialog", "Detail View"),
    QT_TRANSLATE_NOOP("QFileDialog", "Change to detail view mode"),
    QT_TRANSLATE_NOOP("QFileDialog", "Sidebar"),
    QT_TRANSLATE_NOOP("QFileDialog", "List of places and bookmarks"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files"),
    QT_TRANSLATE_NOOP("QFileDialog", "All files (*)"),
    QT_TRANSLATE_NOOP("QFileDialog", "All Files (*)"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Rename"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Delete"),
    QT_TRANSLATE_NOOP("QFileDialog", "Show &hidden files"),
    QT_TRANSLATE_NOOP("QFileDialog", "&New Folder"),
    QT_TRANSLATE_NOOP("QFileDialog", "New Folder"),
    QT_TRANSLATE_NOOP("QFileDialog", "Recent Places"),
    QT_TRANSLATE_NOOP("QFileDialog", "Directories"),
    QT_TRANSLATE_NOOP("QFileDialog", "Could not delete directory."),
    QT_TRANSLATE_NOOP("QFileDialog", "%1 already exists.\nDo you want to replace it?"),
    QT_TRANSLATE_NOOP("QFileDialog", "%1\nDirectory not found.\nPlease verify the correct directory name was given."),
    QT_TRANSLATE_NOOP("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."),
    QT_TRANSLATE_NOOP("QFileDialog", "'%1' is write protected.\nDo you want to delete it anyway?"),
    QT_TRANSLATE_NOOP("QFileDialog", "Are you sure you want to delete '%1'?"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Name"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Size"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Type"),
    QT_TRANSLATE_NOOP("QFileSystemModel", "Date Modified"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Computer"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Desktop"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Trashcan"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Network"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
    QT_TRANSLATE_NOOP("QWizard", "< &Back"),
    QT_TRANSLATE_NOOP("QWizard", "&Next >"),
    QT_TRANSLATE_NOOP("QWizard", "&Finish"),
    QT_TRANSLATE_NOOP("QWizard", "Cancel"),
    QT_TRANSLATE_NOOP("QWizard", "&Back"),
    QT_TRANSLATE_NOOP("QWizard", "&Next"),
    QT_TRANSLATE_NOOP("QWizard", "Back"),
    QT_TRANSLATE_NOOP("QWizard", "Next"),
    QT_TRANSLATE_NOOP("QWizard", "Finish"),
    QT_TRANSLATE_NOOP("QWizard", "Help"),
    QT_TRANSLATE_NOOP("QWizard", "Commit"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Undo"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Redo"),
    QT_TRANSLATE_NOOP("QLineEdit", "Cu&t"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Copy"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Paste"),
    QT_TRANSLATE_NOOP("QLineEdit", "Delete"),
    QT_TRANSLATE_NOOP("QLineEdit", "Select All"),
)

# Messages of records/ and ocr/ that hold a count, and the place of the count: Urdu says one
# otherwise than many ("1 غلطی", "2 غلطیاں"). `scripts/translations.py update` gives them plural
# forms in the catalogue and desktop.i18n.message picks the form by the count's value.
COUNTED_MESSAGES = {
    "{0} problem(s) must be corrected before submitting; first: {1}": "0",
    "{0} entry version(s) conflict with the server's copy: a supervisor must check them; the batch's other entries are held back until sent again.": "0",
    "{0}, and rows of {1} other page(s)": "1",
    "{0} is empty (0 bytes) but the workspace holds {1} page image(s): the database was damaged. Nothing was changed. Restore the latest backup with `daftar restore BACKUP --workspace DIR --force`.": "1",
}

# Messages of records/ and ocr/ shown to the user (desktop.i18n.message); {0}, {1}... stand
# for values inside them (numbers, names, field labels, nested parts).
MESSAGES = (
    QT_TRANSLATE_NOOP("Messages", "wrong user name or password"),
    QT_TRANSLATE_NOOP("Messages", "wrong user name or password; the account is locked for {0} seconds"),
    QT_TRANSLATE_NOOP("Messages", "wrong password"),
    QT_TRANSLATE_NOOP("Messages", "wrong password; the account is locked for {0} seconds"),
    QT_TRANSLATE_NOOP("Messages", "too many wrong passwords: try again in {0} seconds or ask the administrator"),
    QT_TRANSLATE_NOOP("Messages", "the account {0} is disabled: an administrator must enable it again"),
    QT_TRANSLATE_NOOP("Messages", "the password must have at least {0} characters"),
    QT_TRANSLATE_NOOP("Messages", "the password must not be the user name"),
    QT_TRANSLATE_NOOP("Messages", "the recovery code is not right for this workspace"),
    QT_TRANSLATE_NOOP("Messages", "this workspace is encrypted: its recovery code is needed"),
    QT_TRANSLATE_NOOP("Messages", "this workspace is not encrypted and has no recovery code: "
                                  "say so on purpose (`--without-code`) to set a new password"),
    QT_TRANSLATE_NOOP("Messages", "this key does not belong to this workspace"),
    QT_TRANSLATE_NOOP("Messages", "the user name '{0}' is taken"),
    QT_TRANSLATE_NOOP("Messages", "the user name is empty"),
    QT_TRANSLATE_NOOP("Messages", "the user name '{0}' holds {1}: a user name may hold only letters (Urdu or English), "
                                  "digits and . _ -"),
    QT_TRANSLATE_NOOP("Messages", "a space"),
    QT_TRANSLATE_NOOP("Messages", "the character U+{0}"),
    QT_TRANSLATE_NOOP("Messages", "the password of {0} was set by the administrator: {1} must first sign in to the app "
                                  "and choose their own password"),
    QT_TRANSLATE_NOOP("Messages", "only an administrator can create users"),
    QT_TRANSLATE_NOOP("Messages", "only an administrator can enable or disable users"),
    QT_TRANSLATE_NOOP("Messages", "you cannot disable your own account"),
    QT_TRANSLATE_NOOP("Messages", "{0} is not disabled"),
    QT_TRANSLATE_NOOP("Messages", "the current password is wrong"),
    QT_TRANSLATE_NOOP("Messages", "no such user"),
    QT_TRANSLATE_NOOP("Messages", "there is no user '{0}' in this workspace"),
    QT_TRANSLATE_NOOP("Messages", "`--without-code` does not apply: this workspace is encrypted, so only its recovery "
                                  "code can set a new password"),
    QT_TRANSLATE_NOOP("Messages", "{0}: OCR is unsure of '{1}' ({2}); check it against the page"),
    QT_TRANSLATE_NOOP("Messages", "{0}: the number readers disagree: '{1}' or '{2}'; check it against the page"),
    QT_TRANSLATE_NOOP("Messages", "{0}: '{1}' is not in this office's records yet; check it against the page"),
    QT_TRANSLATE_NOOP("Messages", "{0}: read '{1}', a letter or two from the register term '{2}'; check it against the page"),
    QT_TRANSLATE_NOOP("Messages", "{0}: nothing was read; type it from the page"),
    QT_TRANSLATE_NOOP("Messages", "{0}: read '{1}', which does not fit: {2}"),
    QT_TRANSLATE_NOOP("Messages", "row {0}, {1}"),
    QT_TRANSLATE_NOOP("Messages", "Row {0}"),
    QT_TRANSLATE_NOOP("Messages", "Row {0} ({1})"),
    QT_TRANSLATE_NOOP("Messages", "khewat {0}"),
    QT_TRANSLATE_NOOP("Messages", "khewat {0} khatooni {1}"),
    QT_TRANSLATE_NOOP("Messages", "{0}: {1}: {2}"),
    QT_TRANSLATE_NOOP("Messages", "{0}: {1}"),
    QT_TRANSLATE_NOOP("Messages", "{0}, {1}"),
    QT_TRANSLATE_NOOP("Messages", "mutation {0}"),
    QT_TRANSLATE_NOOP("Messages", "khatooni {0}"),
    QT_TRANSLATE_NOOP("Messages", "khewat {0}, khatooni {1}"),
    QT_TRANSLATE_NOOP("Messages", "khasra {0}"),
    QT_TRANSLATE_NOOP("Messages", "{0} is empty; it is required"),
    QT_TRANSLATE_NOOP("Messages", "Page header: {0}"),
    # rules across rows (records/validation.py)
    QT_TRANSLATE_NOOP("Messages", "Khewat {0}: the owners' shares add up to {1}, more than the whole (1) ({2}); the total passes 1 at row {3}. Check the shares."),
    QT_TRANSLATE_NOOP("Messages", "Khewat {0}: the owners' shares add up to {1}, less than the whole (1) ({2}); {3} is missing. Check the shares, or the khewat continues on another page."),
    QT_TRANSLATE_NOOP("Messages", "Khewat {0}: the total on row {1} is {2} but the areas of its khasras add up to {3} ({4} less). Check the areas and the total."),
    QT_TRANSLATE_NOOP("Messages", "Khewat {0}: the total on row {1} is {2} but the areas of its khasras add up to {3} ({4} more). Check the areas and the total."),
    QT_TRANSLATE_NOOP("Messages", "{0}: khasras {1} have area {2} here but {3} on row {4}; the first is used for the khewat total. Correct the one that is wrong."),
    QT_TRANSLATE_NOOP("Messages", "{0}: khasra {1} has area {2} here but {3} on row {4}; the first is used for the khewat total. Correct the one that is wrong."),
    QT_TRANSLATE_NOOP("Messages", "{0}: crop area {1} is more than the khasra's area {2}. Check both."),
    QT_TRANSLATE_NOOP("Messages", "{0}: the crops of khasra {1} ({2}) cover {3}, more than its area {4}. Check the crop areas."),
    QT_TRANSLATE_NOOP("Messages", "{0}: crop area {1} has no crop. Type the crop, or clear the crop area."),
    QT_TRANSLATE_NOOP("Messages", "{0}: khasra {1} is a sub-division of khasra {2}, which is also listed ({3}); its "
                                  "land is counted twice. If {4} was split, change its row to the new number."),
    QT_TRANSLATE_NOOP("Messages", "{0}: {1} has share {2} here but {3} on row {4}; an owner has one share in a khewat."),
    QT_TRANSLATE_NOOP("Messages", "{0}: khasra {1} is already under {2} on row {3}; a khasra belongs to one khatooni of one khewat. Correct the khasra number or the khewat/khatooni."),
    QT_TRANSLATE_NOOP("Messages", "{0}: mutation {1} is dated {2} here but {3} on row {4}; the rows of one mutation have one date and one kind. Correct the one that is wrong, or the mutation number."),
    QT_TRANSLATE_NOOP("Messages", "{0}: mutation {1} is of type {2} here but {3} on row {4}; the rows of one mutation have one date and one kind. Correct the one that is wrong, or the mutation number."),
    QT_TRANSLATE_NOOP("Messages", "Mutation {0}, khewat {1}: the shares passed add up to {2}, more than the whole khewat (1) ({3}); the total passes 1 at row {4}. Each row's share is the part of the khewat its transferee gets (a widow's 1/8 of a 1/3 share is 1/24). Check the shares."),
    QT_TRANSLATE_NOOP("Messages", "{0}: area {1} is more than the whole khewat {2}, {3} in the jamabandi {4}. Check the area and the khewat number."),
    QT_TRANSLATE_NOOP("Messages", "Mutation {0}, khewat {1}: {2} passes {3} of the khewat ({4}), more than the {5} held in the jamabandi {6}; the total passes it at row {7}. Each row's share is the part of the khewat its transferee gets (a widow's 1/8 of a 1/3 share is 1/24). Check the shares."),
    QT_TRANSLATE_NOOP("Messages", "row {0}"),
    QT_TRANSLATE_NOOP("Messages", "rows {0}"),
    QT_TRANSLATE_NOOP("Messages", "rows {0} and {1} more"),
    QT_TRANSLATE_NOOP("Messages", "Row {0} is not a row of fields (got {1}); enter it again"),
    QT_TRANSLATE_NOOP("Messages", "The page header is not a set of fields; enter it again"),
    QT_TRANSLATE_NOOP("Messages", "Page header: {0}: {1}"),
    # copying a register forward over its mutations (records/copy_forward.py)
    QT_TRANSLATE_NOOP("Messages", "new owner proposed by {0}: confirm or delete this row"),
    QT_TRANSLATE_NOOP("Messages", "{0}: share {1} (area {2}) passed to {3}; correct this owner's share and confirm"),
    QT_TRANSLATE_NOOP("Messages", "{0}: this khasra passed from {1} to {2}; correct the owner (and cultivator) and confirm"),
    QT_TRANSLATE_NOOP("Messages", "intiqal {0} ({1})"),
    QT_TRANSLATE_NOOP("Messages", "intiqal {0} ({1}, {2})"),
    # field checks (records/fields.py, records/units.py)
    QT_TRANSLATE_NOOP("Messages", "'{0}' is not one of the choices for {1}: {2}"),
    QT_TRANSLATE_NOOP("Messages", "'{0}' could not be read as {1} ({2})"),
    QT_TRANSLATE_NOOP("Messages", "'{0}' is not a whole number"),
    QT_TRANSLATE_NOOP("Messages", "'{0}' is not a whole number: write it without commas, or grouped by thousands (2,50,000)"),
    QT_TRANSLATE_NOOP("Messages", "'{0}' is not a khasra number: write 125, 125/5 or 125/5/1"),
    QT_TRANSLATE_NOOP("Messages", "'{0}': a khasra number has an empty part; write 125/5"),
    QT_TRANSLATE_NOOP("Messages", "'{0}': khasra {1} is listed twice"),
    QT_TRANSLATE_NOOP("Messages", "'{0}' is not a date: write day-month-year, for example 14-03-2019"),
    QT_TRANSLATE_NOOP("Messages", "'{0}' is not an area: write kanal-marla (12-5) or kanal-marla-sarsai (12-5-3)"),
    QT_TRANSLATE_NOOP("Messages", "'{0}': marla must be below {1}"),
    QT_TRANSLATE_NOOP("Messages", "'{0}': sarsai must be below {1}"),
    QT_TRANSLATE_NOOP("Messages", "'{0}' is not a share: write parts/total, for example 3/8"),
    QT_TRANSLATE_NOOP("Messages", "'{0}': the total of a share cannot be 0"),
    QT_TRANSLATE_NOOP("Messages", "'{0}': parts ({1}) cannot exceed the total ({2})"),
    QT_TRANSLATE_NOOP("Messages", "{0} is required"),
    QT_TRANSLATE_NOOP("Messages", "'{0}': a number this long is not an area; check the digits"),
    QT_TRANSLATE_NOOP("Messages", "'{0}': a number this long is not a share; check the digits"),
    QT_TRANSLATE_NOOP("Messages", "{0} is above the largest allowed {1} ({2})"),
    QT_TRANSLATE_NOOP("Messages", "'{0}' has too many digits for a {1}"),
    QT_TRANSLATE_NOOP("Messages", "'{0}': no khasra numbers; write them separated by commas: 125/5، 126"),
    QT_TRANSLATE_NOOP("Messages", "'{0}': khasra number 0 does not exist"),
    # the sync engine's messages (sync/engine.py), shown in the sync panel
    QT_TRANSLATE_NOOP("Messages", "This office is not enrolled with a central server yet. Ask IT to enrol it (`daftar sync --enrol --server URL --code CODE`)."),
    QT_TRANSLATE_NOOP("Messages", "The CA bundle {0} does not exist. Ask IT to set the province's CA file."),
    QT_TRANSLATE_NOOP("Messages", "Cannot reach the central server at {0}: {1}"),
    QT_TRANSLATE_NOOP("Messages", "The server refused the enrolment ({0}): {1}"),
    QT_TRANSLATE_NOOP("Messages", "The CA bundle {0} cannot be used ({1}): it must be the file of the CA certificate(s) "
                                  "that signed the server's certificate, as text (`-----BEGIN CERTIFICATE-----`). "
                                  "Ask IT for the province's CA file."),
    QT_TRANSLATE_NOOP("Messages", "The server refused the enrolment: {0}."),
    QT_TRANSLATE_NOOP("Messages", "Cannot reach the central server at {0} with the CA bundle {1}: {2}"),
    QT_TRANSLATE_NOOP("Messages", "This office's access was revoked by the central server; ask the operator. Nothing "
                                  "is sent until the operator issues a new enrolment code and IT enrols the office "
                                  "again."),
    QT_TRANSLATE_NOOP("Messages", "The central server's disk is full. Nothing was lost: sync will try again later "
                                  "(the server's operator has to free space)."),
    QT_TRANSLATE_NOOP("Messages", "{0} did not answer as a Daftar server (no device token in its answer): "
                                  "check the address"),
    QT_TRANSLATE_NOOP("Messages", "Cannot reach the central server: {0}. Sync will try again."),
    # the connection dropped after the server had answered in the pass (sync/engine.py LINK_DROPPED*)
    QT_TRANSLATE_NOOP("Messages", "The connection to the central server dropped while sending batch {0} of {1}: the "
                                  "server keeps the {2} of it that it had received, and the next sync goes on from "
                                  "there. Nothing was lost."),
    QT_TRANSLATE_NOOP("Messages", "The connection to the central server dropped during the sync, after the server "
                                  "had answered: the next sync goes on from where this one stopped. Nothing was "
                                  "lost."),
    QT_TRANSLATE_NOOP("Messages", "its certificate could not be verified (ask IT to check the CA bundle)"),
    QT_TRANSLATE_NOOP("Messages", "Cannot reach the central server: {0}."),
    QT_TRANSLATE_NOOP("Messages", "its certificate is not valid on this computer's date ({0}): check that this computer's date and time are right; if they are, the server's certificate has expired (ask IT to renew it)"),
    # this computer's clock against the central server's (sync/engine.py clock_wrong, clock_off, ...)
    QT_TRANSLATE_NOOP("Messages", "This computer's date is wrong: it says {0} but the central server's clock says {1}. "
                                  "Set this computer's date and time, then sync again (nothing was lost)."),
    QT_TRANSLATE_NOOP("Messages", "This computer's clock is wrong: it says {0} but the central server's clock says {1}. "
                                  "Set this computer's date and time: until then the times it records are wrong."),
    QT_TRANSLATE_NOOP("Messages", "This computer's date is wrong: it says {0}, before work already recorded on it "
                                  "({1}). Set this computer's date and time, then sync again (nothing was lost)."),
    QT_TRANSLATE_NOOP("Messages", "Cannot reach the central server: its certificate is not valid today ({0}; the "
                                  "server's clock agrees): it has expired or is not valid yet. Ask IT to renew the "
                                  "server's certificate."),
    # the offices agree that the server's own clock is wrong (sync/clocks.py, sync/engine.py)
    QT_TRANSLATE_NOOP("Messages", "The central server's clock seems wrong: it says {0} while this computer says {1}, "
                                  "and {2} of the {3} offices that synced with it in the last day agree with this "
                                  "computer. Tell the central office to set its server's clock (this computer's clock "
                                  "needs no change)."),
    QT_TRANSLATE_NOOP("Messages", "Cannot reach the central server: its certificate is not valid today ({0}; {1} of "
                                  "the {2} offices that synced with it agree with this computer's date): it has "
                                  "expired or is not valid yet. Ask IT to renew the server's certificate, and the "
                                  "central office to set its server's clock (it says {3})."),
    QT_TRANSLATE_NOOP("Messages", "the connection is too slow or stopped answering"),
    QT_TRANSLATE_NOOP("Messages", "no connection"),
    QT_TRANSLATE_NOOP("Messages", "The central server is busy. Sync will try again in {0} seconds."),
    QT_TRANSLATE_NOOP("Messages", "The central server is busy. Sync will try again later."),
    QT_TRANSLATE_NOOP("Messages", "The central server has a problem (error {0}). Sync will try again later."),
    QT_TRANSLATE_NOOP("Messages", "The central server did not accept this office's credentials: {0}. Ask IT to enrol the office again."),
    QT_TRANSLATE_NOOP("Messages", "The central server refused it: {0}"),
    QT_TRANSLATE_NOOP("Messages", "The network answered with a web page instead of the central server (a Wi-Fi or hotel login page?). Sign in with a browser, then press Sync now."),
    QT_TRANSLATE_NOOP("Messages", "The answer from the server was cut off or garbled. Sync will try again."),
    QT_TRANSLATE_NOOP("Messages", "Some page images did not reach the server; they will be sent again."),
    QT_TRANSLATE_NOOP("Messages", "The batch did not reach the server whole; it is sent again."),
    QT_TRANSLATE_NOOP("Messages", "The server's answer is not a valid receipt ({0}); maybe a Wi-Fi login page or a proxy answered. Sync will try again."),
    QT_TRANSLATE_NOOP("Messages", "The network answered with something that is not the central server (a Wi-Fi login page?). Sync will try again."),
    QT_TRANSLATE_NOOP("Messages", "The central server refused page image {0}: {1}"),
    QT_TRANSLATE_NOOP("Messages", "{0} Its batch waits until then; the other batches are sent."),
    QT_TRANSLATE_NOOP("Messages", "The server's list of decisions was cut off or garbled. Sync will try again."),
    QT_TRANSLATE_NOOP("Messages", "The server's list of what it holds was cut off or garbled. Sync will try again."),
    QT_TRANSLATE_NOOP("Messages", "{0} entries the central server had lost could not be sent again: {1}"),
    QT_TRANSLATE_NOOP("Messages", "The central server had lost this entry (its database was restored from a backup?): "
                                  "it is sent again."),
    QT_TRANSLATE_NOOP("Messages", "Rejected by the central office: {0}"),
    QT_TRANSLATE_NOOP("Messages", "The disk of this computer is full, so the sync result could not be saved. Nothing was lost: free some space and press Sync now."),
    QT_TRANSLATE_NOOP("Messages", "This entry version was sent before with different content. Server copy {0}, this office's copy {1}. A supervisor must decide which is right: correcting the entry sends this office's copy as a new version."),
    QT_TRANSLATE_NOOP("Messages", "This entry version was sent before with different content. Server copy {0}, this "
                                  "office's copy {1}. A supervisor must decide which is right: correcting the entry "
                                  "sends this office's copy as a new version; Compare with the server's copy shows the "
                                  "server's, which a supervisor may take instead."),
    QT_TRANSLATE_NOOP("Messages", "Not sent: another entry in the same batch conflicts with the server's copy."),
    QT_TRANSLATE_NOOP("Messages", "{0} entry version(s) conflict with the server's copy: a supervisor must check them; the batch's other entries are held back until sent again."),
    QT_TRANSLATE_NOOP("Messages", "Settled: version {0} of this entry replaces the one in conflict; it is sent once approved."),
    # refusals of the core (records/: workflow, services, outbox, images, workspace, accounts, reports)
    QT_TRANSLATE_NOOP("Messages", "only an administrator can make a recovery code"),
    QT_TRANSLATE_NOOP("Messages", "this workspace is not encrypted: it has no recovery code"),
    QT_TRANSLATE_NOOP("Messages", "unknown role '{0}'; roles: {1}"),
    QT_TRANSLATE_NOOP("Messages", "only an administrator can reset passwords"),
    QT_TRANSLATE_NOOP("Messages", "unknown interface language {0}: choose ur or en"),
    QT_TRANSLATE_NOOP("Messages", "register {0} does not exist"),
    QT_TRANSLATE_NOOP("Messages", "page image {0}… is not an encrypted Daftar image"),
    QT_TRANSLATE_NOOP("Messages", "{0} is missing: this encrypted workspace cannot be opened without it. Restore it from a backup."),
    QT_TRANSLATE_NOOP("Messages", "{0} is damaged ({1}). Restore it from a backup."),
    QT_TRANSLATE_NOOP("Messages", "page image {0}… is damaged or belongs to another workspace"),
    QT_TRANSLATE_NOOP("Messages", "'{0}' is not a CNIC: write 13 digits as #####-#######-#"),
    QT_TRANSLATE_NOOP("Messages", "{0} is below the smallest allowed {1} ({2})"),
    QT_TRANSLATE_NOOP("Messages", "'{0}' does not have the form expected for {1}"),
    QT_TRANSLATE_NOOP("Messages", "'{0}': year {1} is not plausible for a register"),
    QT_TRANSLATE_NOOP("Messages", "the image is empty (0 bytes)"),
    QT_TRANSLATE_NOOP("Messages", "The page image {0} is damaged (its content does not match its hash)."),
    QT_TRANSLATE_NOOP("Messages", "Cannot save the page image in {0}: {1}"),
    QT_TRANSLATE_NOOP("Messages", "The page image {0}… is missing from {1}. Restore the workspace from a backup."),
    QT_TRANSLATE_NOOP("Messages", "The disk holding {0} is full: the page image was not saved. Free some space and import again; nothing saved before was lost."),
    # a batch file for a USB stick (sync/batchfile.py export_batch)
    QT_TRANSLATE_NOOP("Messages", "cannot write {0}: {1} (is the USB stick full or read-only?)"),
    # a backup (records/backup.py create_backup)
    QT_TRANSLATE_NOOP("Messages", "{0} already exists: choose another name, nothing was written."),
    QT_TRANSLATE_NOOP("Messages", "Cannot create the folder {0}: {1}"),
    QT_TRANSLATE_NOOP("Messages", "Cannot copy the database {0}: {1}"),
    QT_TRANSLATE_NOOP("Messages", "The disk holding {0} is full: no backup was written."),
    QT_TRANSLATE_NOOP("Messages", "Cannot write the backup {0}: {1}"),
    QT_TRANSLATE_NOOP("Messages", "The database {0} is damaged ({1}): a copy of it could not be restored, so no "
                                  "backup was written. Run `daftar check`, then restore the latest good backup."),
    QT_TRANSLATE_NOOP("Messages", "{0} is inside the workspace folder {1}, among Daftar's own files: write the backup "
                                  "onto a USB stick or another disk, or into the workspace's {2}/ folder. No backup "
                                  "was written."),
    QT_TRANSLATE_NOOP("Messages", "The backup {0} could not be recorded in the audit trail ({1}), so it was removed: "
                                  "no backup was written. Try again in a moment."),
    # the office's signing key made for a first export (records/exports/json_export.py office_signing_key)
    QT_TRANSLATE_NOOP("Messages", "The office's signing key, made for its first export, could not be saved in the "
                                  "workspace {0}: the disk holding it is full or cannot be written ({1}). Free some "
                                  "space on that disk and export again; nothing was exported and nothing saved was "
                                  "lost."),
    QT_TRANSLATE_NOOP("Messages", "The office's signing key, made for its first export, could not be saved in the "
                                  "workspace {0} ({1}). Close other programs using it and export again, or run "
                                  "`daftar check`; nothing was exported and nothing saved was lost."),
    # a workspace's database on a full or failing disk (records/workspace.py _explain)
    QT_TRANSLATE_NOOP("Messages", "{0} cannot be written: the disk holding it is full or failing ({1}). Free some "
                                  "space on that disk and try again; nothing was changed."),
    # where an export, report or backup may be written (records/output_file.py)
    QT_TRANSLATE_NOOP("Messages", "The folder {0} does not exist (is the USB stick or disk plugged in and mounted?): "
                                  "nothing was written."),
    QT_TRANSLATE_NOOP("Messages", "{0} is a file, not a folder: choose a folder for {1}. Nothing was written."),
    QT_TRANSLATE_NOOP("Messages", "{0} is inside the workspace folder {1}, where Daftar keeps its database and page "
                                  "images: choose a file in another folder (a USB stick, Documents)"),
    QT_TRANSLATE_NOOP("Messages", "{0} is a folder: give the name of a file to write"),
    QT_TRANSLATE_NOOP("Messages", "{0} is not an ordinary file: give the name of a file to write"),
    QT_TRANSLATE_NOOP("Messages", "only an administrator can change the office settings"),
    QT_TRANSLATE_NOOP("Messages", "there are no approved entries to send: approve entries first"),
    QT_TRANSLATE_NOOP("Messages", "{0} approved entries wait for a revenue officer's verification: "
                                  "this office requires it before entries are sent"),
    QT_TRANSLATE_NOOP("Messages", "{0} approved entries wait for a revenue officer's verification, but this "
                                  "office has no revenue officer's account: the administrator adds one (Account › "
                                  "Users…) or turns the verification off (Account › Preferences…, The office)"),
    QT_TRANSLATE_NOOP("Messages", "entry {0} version {1} is already in a batch"),
    QT_TRANSLATE_NOOP("Messages", "a {0} cannot send batches again: ask a supervisor"),
    QT_TRANSLATE_NOOP("Messages", "no entry of a refused batch is waiting to be sent again in batch {0}"),
    QT_TRANSLATE_NOOP("Messages", "no entry of a refused batch is waiting to be sent again"),
    QT_TRANSLATE_NOOP("Messages", "batch {0} is not sealed"),
    QT_TRANSLATE_NOOP("Messages", "entries {0} are not approved (or are old versions): only approved entries can be batched"),
    QT_TRANSLATE_NOOP("Messages", "there is no batch {0} in this workspace"),
    QT_TRANSLATE_NOOP("Messages", "batch {0} does not hold entry {1} version {2} as it was sealed: nothing was sent again"),
    # an entry in conflict compared with, or settled by, the central server's copy (records/conflicts.py)
    QT_TRANSLATE_NOOP("Messages", "a {0} may not take the server's copy of an entry: ask a supervisor"),
    QT_TRANSLATE_NOOP("Messages", "entry {0} version {1} is not in conflict with the server's copy (settled already?): "
                                  "nothing was taken"),
    QT_TRANSLATE_NOOP("Messages", "the server's copy of entry {0} version {1} does not match its hash: nothing was "
                                  "taken; ask the central server's operator"),
    QT_TRANSLATE_NOOP("Messages", "entry {0} version {1} is no longer in this workspace: nothing was taken"),
    QT_TRANSLATE_NOOP("Messages", "entry {0} was changed here since the conflict (version {1} is its newest): nothing "
                                  "was taken; settle it by that version"),
    QT_TRANSLATE_NOOP("Messages", "entry {0} version {1} is deleted here: nothing was taken"),
    QT_TRANSLATE_NOOP("Messages", "the server's copy of entry {0} version {1} is of another register ({2}): nothing "
                                  "was taken"),
    QT_TRANSLATE_NOOP("Messages", "the server's copy has a field {0} that the register's template {1} does not have: "
                                  "nothing was taken"),
    QT_TRANSLATE_NOOP("Messages", "the server's copy has a value of {0} that is not text: nothing was taken"),
    QT_TRANSLATE_NOOP("Messages", "nothing was taken: the entry is not what the audit trail recorded, so it was "
                                  "changed outside Daftar: {0}. Run `daftar audit verify` and restore the latest good "
                                  "backup"),
    QT_TRANSLATE_NOOP("Messages", "entry {0} version {1} is not in this workspace's outbox"),
    QT_TRANSLATE_NOOP("Messages", "'{0}' is not an entry: give its id (or its first 8 characters), and its version "
                                  "after a colon if need be (`UUID:2`)"),
    QT_TRANSLATE_NOOP("Messages", "no entry {0} is in conflict with the server's copy: `daftar sync --conflicts` lists "
                                  "those that are"),
    QT_TRANSLATE_NOOP("Messages", "{0} entries in conflict start with {1}: give more of its id"),
    QT_TRANSLATE_NOOP("Messages", "Settled: the central server's copy was taken as version {0} here."),
    # fetching the server's copy (sync.engine.fetch_server_copy)
    QT_TRANSLATE_NOOP("Messages", "Cannot reach the central server at {0}: {1}. The server's copy can be compared "
                                  "once the connection is back."),
    QT_TRANSLATE_NOOP("Messages", "The central server holds no copy of this entry version sent by this office."),
    QT_TRANSLATE_NOOP("Messages", "This office's access was revoked by the central server; ask the operator."),
    QT_TRANSLATE_NOOP("Messages", "The central server does not give copies of entries yet: ask its operator to "
                                  "update it."),
    QT_TRANSLATE_NOOP("Messages", "The central server did not give its copy (error {0}): try again later."),
    QT_TRANSLATE_NOOP("Messages", "The answer was not the central server's copy of the entry (a Wi-Fi login page?): "
                                  "try again later."),
    QT_TRANSLATE_NOOP("Messages", "The server's copy of the entry does not match its hash: try again later, or ask "
                                  "the central server's operator."),
    QT_TRANSLATE_NOOP("Messages", "say which fard to print: a khewat number or an owner's name"),
    QT_TRANSLATE_NOOP("Messages", "the register of {0} has no rows for {1}"),
    # a whole register printed (records.reports.register_pdf)
    QT_TRANSLATE_NOOP("Messages", "register {0} does not exist: this workspace has no registers yet (create one and "
                                  "add its pages first)"),
    QT_TRANSLATE_NOOP("Messages", "register {0} does not exist; give --register one of: {1}"),
    QT_TRANSLATE_NOOP("Messages", "the register {0} ({1}) has no entries: nothing to print. Add its pages and rows "
                                  "first."),
    QT_TRANSLATE_NOOP("Messages", "the register {0} ({1}) has no entries in state {2}; its entries are: {3}. Choose "
                                  "one of these states, or print every entry (no --state)."),
    QT_TRANSLATE_NOOP("Messages", "the register {0} ({1}) has no entries in state {2}; its entries are: {3}. Choose "
                                  "every entry, or only the entries not approved yet, under Entries."),
    # a register named in a message (records.services.register_label)
    QT_TRANSLATE_NOOP("Messages", "mauza {0}, year {1}, volume {2}"),
    # a girdawari season named in a message (records.copy_forward)
    QT_TRANSLATE_NOOP("Messages", "mauza {0}, year {1}, harvest {2}, volume {3}"),
    QT_TRANSLATE_NOOP("Messages", "The register of {0} already exists: open it from the list of registers, or choose "
                                  "another year or volume."),
    QT_TRANSLATE_NOOP("Messages", "owner {0}"),
    QT_TRANSLATE_NOOP("Messages", "say what to hand over: a batch id or a list of entry ids"),
    QT_TRANSLATE_NOOP("Messages", "no entry with id {0}"),
    QT_TRANSLATE_NOOP("Messages", "batch {0} does not exist; `daftar batch list` shows the batches"),
    QT_TRANSLATE_NOOP("Messages", "{0} {1} does not exist"),
    QT_TRANSLATE_NOOP("Messages", "this is an old version of the entry: edit the newest version"),
    QT_TRANSLATE_NOOP("Messages", "only draft or returned rows can be deleted"),
    QT_TRANSLATE_NOOP("Messages", "only draft or returned rows can be restored"),
    QT_TRANSLATE_NOOP("Messages", "{0} problem(s) must be corrected before submitting; first: {1}"),
    QT_TRANSLATE_NOOP("Messages", "this page has no draft rows to submit"),
    QT_TRANSLATE_NOOP("Messages", "page {0} already has corrected rows; OCR results were not applied over them"),
    QT_TRANSLATE_NOOP("Messages", "page {0} is already in that register"),
    QT_TRANSLATE_NOOP("Messages", "page {0} has rows that were corrected or submitted: it cannot be moved; delete its rows or ask the supervisor"),
    QT_TRANSLATE_NOOP("Messages", "entry {0} does not exist"),
    QT_TRANSLATE_NOOP("Messages", "entry {0} is an old version"),
    QT_TRANSLATE_NOOP("Messages", "setting {0}: {1} is not text"),
    QT_TRANSLATE_NOOP("Messages", "setting {0}: {1} is not yes/no (true or false)"),
    QT_TRANSLATE_NOOP("Messages", "setting {0}: {1} is not a whole number"),
    QT_TRANSLATE_NOOP("Messages", "setting {0}: {1} is not one of {2}"),
    QT_TRANSLATE_NOOP("Messages", "setting {0}: {1} is below the smallest allowed ({2})"),
    QT_TRANSLATE_NOOP("Messages", "setting {0}: {1} is above the largest allowed ({2})"),
    QT_TRANSLATE_NOOP("Messages", "'{0}': a share of 0 parts is not a share"),
    QT_TRANSLATE_NOOP("Messages", "an entry that is {0} cannot be changed: ask the supervisor to return it first"),
    QT_TRANSLATE_NOOP("Messages", "unknown action '{0}'"),
    QT_TRANSLATE_NOOP("Messages", "a {0} may not {1} entries"),
    QT_TRANSLATE_NOOP("Messages", "cannot {0} an entry that is {1}"),
    QT_TRANSLATE_NOOP("Messages", "you approved this entry yourself: another revenue officer must verify it"),
    # a review acted on rows that changed after they were shown (records.services.ChangedSinceShown)
    QT_TRANSLATE_NOOP("Messages", "Nothing was approved: {0} changed after you opened the page (returned, corrected or "
                                  "submitted again, in another copy of Daftar perhaps). Look at the page again as it is now."),
    QT_TRANSLATE_NOOP("Messages", "Nothing was returned: {0} changed after you opened the page (returned, corrected or "
                                  "submitted again, in another copy of Daftar perhaps). Look at the page again as it is now."),
    QT_TRANSLATE_NOOP("Messages", "Nothing was verified: {0} changed after you opened the page (returned, corrected or "
                                  "submitted again, in another copy of Daftar perhaps). Look at the page again as it is now."),
    QT_TRANSLATE_NOOP("Messages", "Nothing was changed: {0} changed after you opened the page (returned, corrected or "
                                  "submitted again, in another copy of Daftar perhaps). Look at the page again as it is now."),
    QT_TRANSLATE_NOOP("Messages", "{0}, page {1}, rows {2}"),
    QT_TRANSLATE_NOOP("Messages", "{0}, and rows of {1} other page(s)"),
    QT_TRANSLATE_NOOP("Messages", "a row without a page"),
    QT_TRANSLATE_NOOP("Messages", "keys/audit-anchor.json is missing: events deleted from the end of the trail cannot be "
                                  "seen (it is written again at the next change)"),
    QT_TRANSLATE_NOOP("Messages", "keys/audit-anchor.json was missing when this workspace was opened, and was written "
                                  "then for event {0} (trust on first use): events deleted from the end of the trail "
                                  "before then cannot be seen"),
    # the computer's clock against the audit trail (records/audit.py clock_warning, clock_behind)
    QT_TRANSLATE_NOOP("Messages", "the computer's clock was set back: {0}. The trail is whole (this is no tampering), "
                                  "but the times of the events from then on may be wrong"),
    QT_TRANSLATE_NOOP("Messages", "the computer's clock was set back {0} times; the first: {1}. The trail is whole "
                                  "(this is no tampering), but the times of the events after each may be wrong"),
    QT_TRANSLATE_NOOP("Messages", "event {0} is dated {1}, earlier than event {2} before it ({3})"),
    QT_TRANSLATE_NOOP("Messages", "This computer's date is wrong: it says {0}, but event {1} of the audit trail was "
                                  "recorded at {2}. Set this computer's date and time before working: what is "
                                  "recorded until then gets a wrong time."),
    # sealing a batch refuses entries the audit trail does not account for (records/outbox.py),
    # naming the first as records.audit_values / audit_entries.describe and outbox do
    QT_TRANSLATE_NOOP("Messages", "nothing was sealed: an entry to send is not what the audit trail recorded, so it "
                                  "was changed outside Daftar: {0}. Run `daftar audit verify` and restore the latest "
                                  "good backup"),
    QT_TRANSLATE_NOOP("Messages", "nothing was sealed: {0} facts of the entries to send are not what the audit trail "
                                  "recorded, so they were changed outside Daftar; the first: {1}. Run `daftar audit "
                                  "verify` to see them all and restore the latest good backup"),
    QT_TRANSLATE_NOOP("Messages", "{0}, page {1}, row {2}"),
    QT_TRANSLATE_NOOP("Messages", "{0}, row {1}"),
    QT_TRANSLATE_NOOP("Messages", "{0}: {1} is '{2}' but the audit trail recorded {3} (entry {4})"),
    QT_TRANSLATE_NOOP("Messages", "{0}: {1} has no value in the database but the audit trail recorded '{2}' "
                                  "(entry {3})"),
    QT_TRANSLATE_NOOP("Messages", "{0}: {1} is {2} in the sealed copy of batch {3} but {4} in the records (entry {5})"),
    QT_TRANSLATE_NOOP("Messages", "no value"),
    # why Verify chain / `daftar audit verify` finds the chain broken (records/audit.py verify)
    QT_TRANSLATE_NOOP("Messages", "event {0} is missing (deleted)"),
    QT_TRANSLATE_NOOP("Messages", "event {0} does not follow event {1} (reordered or inserted)"),
    QT_TRANSLATE_NOOP("Messages", "event {0} was changed after it was written"),
    QT_TRANSLATE_NOOP("Messages", "event {0} has a signature that does not match this workspace's key"),
    QT_TRANSLATE_NOOP("Messages", "event {0} is not the event the trail held (rewritten)"),
    QT_TRANSLATE_NOOP("Messages", "events {0} to {1} are missing (deleted from the end of the trail)"),
    QT_TRANSLATE_NOOP("Messages", "the trail no longer holds its newest event when batch {0} was sealed (events "
                                  "deleted from its end)"),
    QT_TRANSLATE_NOOP("Messages", "audit-anchor.json cannot be read"),
    QT_TRANSLATE_NOOP("Messages", "audit-anchor.json was altered (its signature does not match this workspace's key)"),
    # a row or an account not what the trail recorded (records/audit_entries.py, audit_users.py describe)
    QT_TRANSLATE_NOOP("Messages", "{0}: the audit trail recorded a row here (entry {1}, {2}) but it is gone from the "
                                  "database"),
    QT_TRANSLATE_NOOP("Messages", "{0}: this row (entry {1}) is not in the audit trail: it was added outside Daftar"),
    QT_TRANSLATE_NOOP("Messages", "{0}: the row is {1} but the audit trail recorded it {2} (entry {3})"),
    QT_TRANSLATE_NOOP("Messages", "{0}: the row is marked {1} but the audit trail recorded {2} (entry {3})"),
    QT_TRANSLATE_NOOP("Messages", "{0}: submitted by {1}, but the audit trail recorded {2} (entry {3})"),
    QT_TRANSLATE_NOOP("Messages", "{0}: approved by {1}, but the audit trail recorded {2} (entry {3})"),
    QT_TRANSLATE_NOOP("Messages", "{0}: verified by {1}, but the audit trail recorded {2} (entry {3})"),
    QT_TRANSLATE_NOOP("Messages", "{0}: state is '{1}' but the audit trail recorded '{2}' (entry {3})"),
    QT_TRANSLATE_NOOP("Messages", "{0}: version is '{1}' but the audit trail recorded '{2}' (entry {3})"),
    QT_TRANSLATE_NOOP("Messages", "version {0}, {1}"),
    QT_TRANSLATE_NOOP("Messages", "version {0}, {1}, added as row {2}"),
    QT_TRANSLATE_NOOP("Messages", "deleted"),
    QT_TRANSLATE_NOOP("Messages", "not deleted"),
    QT_TRANSLATE_NOOP("Messages", "the newest version"),
    QT_TRANSLATE_NOOP("Messages", "an old version"),
    QT_TRANSLATE_NOOP("Messages", "nobody"),
    QT_TRANSLATE_NOOP("Messages", "user {0} ({1})"),
    QT_TRANSLATE_NOOP("Messages", "user {0}"),
    QT_TRANSLATE_NOOP("Messages", "user {0} (id {1}): the audit trail recorded this account ({2}) but it is gone from "
                                  "the database"),
    QT_TRANSLATE_NOOP("Messages", "user {0} (id {1}): this account ({2}) is not in the audit trail: it was added "
                                  "outside Daftar"),
    QT_TRANSLATE_NOOP("Messages", "user {0} (id {1}): the account is {2} but the audit trail recorded it {3}"),
    QT_TRANSLATE_NOOP("Messages", "user {0} (id {1}): role is '{2}' but the audit trail recorded '{3}'"),
    QT_TRANSLATE_NOOP("Messages", "user {0} (id {1}): user name is '{2}' but the audit trail recorded '{3}'"),
    QT_TRANSLATE_NOOP("Messages", "enabled"),
    QT_TRANSLATE_NOOP("Messages", "disabled"),
    QT_TRANSLATE_NOOP("Messages", "page {0} is {1}: rows can be added or brought back only while it is a draft or "
                                  "returned to the clerk"),
    QT_TRANSLATE_NOOP("Messages", "say why when you {0} an entry: a comment is required"),
    QT_TRANSLATE_NOOP("Messages", "you cannot {0} your own work: another {1} must do it"),
    QT_TRANSLATE_NOOP("Messages", "this office requires a revenue officer to verify entries before they are batched"),
    QT_TRANSLATE_NOOP("Messages", "a {0} may not change entries"),
    QT_TRANSLATE_NOOP("Messages", "{0} already holds a workspace"),
    QT_TRANSLATE_NOOP("Messages", "The workspace {0} is encrypted: sign in with your user name and password to open it."),
    QT_TRANSLATE_NOOP("Messages", "{0} is on a network share ({1}). A workspace must be on this computer's own disk: SQLite cannot lock files safely over a network. Choose a local folder and use `daftar backup` to copy it to the share."),
    QT_TRANSLATE_NOOP("Messages", "No Daftar workspace at {0}. Create one with `daftar demo` or open the app."),
    QT_TRANSLATE_NOOP("Messages", "{0} is empty (0 bytes) but the workspace holds {1} page image(s): the database was damaged. Nothing was changed. Restore the latest backup with `daftar restore BACKUP --workspace DIR --force`."),
    QT_TRANSLATE_NOOP("Messages", "Cannot create the workspace folder {0}: {1}"),
    QT_TRANSLATE_NOOP("Messages", "{0} cannot be decrypted with this key, or it is damaged. Nothing was changed."),
    QT_TRANSLATE_NOOP("Messages", "{0} changed while Daftar had it open: its schema is now {1}, not {2} (another program restored or upgraded it). Nothing was done; close Daftar and open the workspace again."),
    QT_TRANSLATE_NOOP("Messages", "submit"),
    QT_TRANSLATE_NOOP("Messages", "withdraw"),
    QT_TRANSLATE_NOOP("Messages", "return"),
    QT_TRANSLATE_NOOP("Messages", "approve"),
    QT_TRANSLATE_NOOP("Messages", "verify"),
    QT_TRANSLATE_NOOP("Messages", "batch"),
    QT_TRANSLATE_NOOP("Messages", "unbatch"),
    QT_TRANSLATE_NOOP("Messages", "send"),
    QT_TRANSLATE_NOOP("Messages", "accept"),
    QT_TRANSLATE_NOOP("Messages", "reject"),
    QT_TRANSLATE_NOOP("Messages", "entry"),
    QT_TRANSLATE_NOOP("Messages", "page"),
    QT_TRANSLATE_NOOP("Messages", "register"),
    QT_TRANSLATE_NOOP("Messages", "user"),
    QT_TRANSLATE_NOOP("Messages", "revenue officer"),
    QT_TRANSLATE_NOOP("Messages", "administrator"),
    QT_TRANSLATE_NOOP("Messages", "{0} is in use by another program (another Daftar window, a backup or a copy). Close it and try again."),
    QT_TRANSLATE_NOOP("Messages", "{0} is damaged or is not a Daftar database. Nothing was changed. Restore the latest backup with `daftar restore BACKUP --workspace DIR`."),
    QT_TRANSLATE_NOOP("Messages", "{0} cannot be opened for writing: check the folder's permissions."),
    QT_TRANSLATE_NOOP("Messages", "The workspace {0} is being restored from a backup right now. Wait until the restore has finished, then open it again."),
    QT_TRANSLATE_NOOP("Messages", "The workspace {0} is open in Daftar (the app, or a daftar command such as a backup or an export). Close it there and try again; nothing was changed."),
    # files that cannot be imported (ocr/loader.py)
    QT_TRANSLATE_NOOP("Messages", "{0}: is a folder, not an image or PDF file"),
    QT_TRANSLATE_NOOP("Messages", "{0}: the file is {1} GB, too large to be a page scan. {2}"),
    QT_TRANSLATE_NOOP("Messages", "{0}: the file is empty (0 bytes). {1}"),
    QT_TRANSLATE_NOOP("Messages", "{0}: unsupported file type ({1}); Daftar reads PNG, JPEG, TIFF and PDF"),
    QT_TRANSLATE_NOOP("Messages", "{0}: the image has no pixels ({1} x {2})"),
    QT_TRANSLATE_NOOP("Messages", "{0}: the image is {1} x {2} pixels ({3} megapixels), larger than Daftar reads (at most {4} megapixels, {5} px a side). Scan the page at 300 dpi or reduce the image."),
    QT_TRANSLATE_NOOP("Messages", "{0}: the image has {1} megapixels, larger than Daftar reads (at most {2} megapixels, {3} px a side). Scan the page at 300 dpi or reduce the image."),
    # (as pages that failed OCR before were told, their reason kept in the workspace)
    QT_TRANSLATE_NOOP("Messages", "{0}: the image is {1} x {2} pixels, larger than Daftar reads (at most {3} px a side and {4} megapixels). Scan at 300 dpi or reduce the image."),
    QT_TRANSLATE_NOOP("Messages", "{0}: the file holds no pages. {1}"),
    QT_TRANSLATE_NOOP("Messages", "{0}: file not found"),
    QT_TRANSLATE_NOOP("Messages", "{0}: cannot read the file ({1})"),
    QT_TRANSLATE_NOOP("Messages", "{0}: not a readable PDF ({1}). {2}"),
    QT_TRANSLATE_NOOP("Messages", "{0}: the PDF holds no pages"),
    QT_TRANSLATE_NOOP("Messages", "{0}: the image is larger than Daftar reads (at most {1} px a side and {2} megapixels)"),
    QT_TRANSLATE_NOOP("Messages", "{0}: starts like a {1} file but is {2} and cannot be read. {3}"),
    QT_TRANSLATE_NOOP("Messages", "{0}: the PDF is password-protected; save an unprotected copy"),
    QT_TRANSLATE_NOOP("Messages", "Scan or export the page again as PNG, JPEG, TIFF or PDF."),
    QT_TRANSLATE_NOOP("Messages", "truncated"),
    QT_TRANSLATE_NOOP("Messages", "damaged"),
    QT_TRANSLATE_NOOP("Messages", "an image type Daftar does not read"),
    QT_TRANSLATE_NOOP("Messages", "a ZIP/Office document"),
    QT_TRANSLATE_NOOP("Messages", "text"),
    QT_TRANSLATE_NOOP("Messages", "not an image or PDF"),
    QT_TRANSLATE_NOOP("Messages", "the file is truncated (cut off while copying or downloading)"),
    QT_TRANSLATE_NOOP("Messages", "the image data is damaged ({0})"),
    QT_TRANSLATE_NOOP("Messages", "{0}: empty"),
    # files the import dialog cannot read (desktop/capture/loading.py)
    QT_TRANSLATE_NOOP("Messages", "file not found"),
    QT_TRANSLATE_NOOP("Messages", "not a supported file type; import PNG, JPEG, TIFF or PDF files"),
    QT_TRANSLATE_NOOP("Messages", "cannot be read ({0}); check the file or scan the page again"),
    QT_TRANSLATE_NOOP("Messages", "not an image or damaged; check the file or scan the page again"),
    QT_TRANSLATE_NOOP("Messages", "damaged image ({0}); check the file or scan the page again"),
    QT_TRANSLATE_NOOP("Messages", "cannot be read ({0}); check that the file is still there and that Daftar may read it, then import it again"),
    QT_TRANSLATE_NOOP("Messages", "not a readable PDF ({0}); check the file or export it again"),
    QT_TRANSLATE_NOOP("Messages", "{0} page {1}: {2}"),
    QT_TRANSLATE_NOOP("Messages", "image"),  # the {0} of a page read from an image (ocr.pipeline)
    QT_TRANSLATE_NOOP("Messages", "{0} page {1}: cannot encode the page"),
    QT_TRANSLATE_NOOP("Messages", "no register table was found on it (no ruled lines, and no column headings of a "
                                  "register): check it is a page of this register, scanned the right way up, or type "
                                  "its rows in by hand"),
    QT_TRANSLATE_NOOP("Messages", "{0} page {1}: cannot be drawn ({2})"),
    # listed files gone or changed when Import was pressed (desktop/capture/importing.py)
    QT_TRANSLATE_NOOP("Messages", "{0}: the file was moved, renamed or deleted after it was listed. Put it back and add it again."),
    QT_TRANSLATE_NOOP("Messages", "{0}: the file changed after it was listed, so what was shown is not what it holds now. "
                                  "Add it again to see it and import it as it is now."),
    QT_TRANSLATE_NOOP("Messages", "{0}: the file cannot be read now ({1}). Check the file and add it again."),
    # desktop/scanner.py
    QT_TRANSLATE_NOOP("Messages", "No scanner was found. Check that the scanner is switched on and connected by USB, "
                      "then press Refresh. On Linux, `scanimage -L` must list it (the driver comes from the "
                      "package sane-backends or from the scanner's maker)."),
    QT_TRANSLATE_NOOP("Messages", "Scanning from Daftar is not available on Windows yet. Scan with the scanner's "
                      "own WIA or TWAIN program (Windows Fax and Scan works) into a folder, then use "
                      "Import folder."),
    QT_TRANSLATE_NOOP("Messages", "Scanning needs SANE's scanimage program, which is not installed. "
                      "Install the package sane-utils (sudo apt install sane-utils), or scan with "
                      "another program and import the files."),
    QT_TRANSLATE_NOOP("Messages", "The scanner did not answer in time. Check it is switched on and connected, "
                      "then try again."),
    QT_TRANSLATE_NOOP("Messages", "Scanning with {0} failed: {1}. Check the scanner (paper loaded, lid closed, "
                      "cable) and try again."),
    QT_TRANSLATE_NOOP("Messages", "The scanner returned no page. Put the page on the glass (or in the feeder) and "
                      "try again."),
    QT_TRANSLATE_NOOP("Messages", "Scanning was stopped: Daftar is closing."),
    # a JSON export of an office whose workspace was restored from a backup (records/exports/json_export.py
    # restore_notices: said by the import)
    QT_TRANSLATE_NOOP("Messages", "office '{0}' says its workspace was restored on {1} from a backup made on {2}: what "
                                  "it recorded after that backup and before the restore is not in this export, so an "
                                  "export it made before the restore may hold records, or versions of them, that this "
                                  "one lacks"),
    QT_TRANSLATE_NOOP("Messages", "this workspace holds an export of that office made before that restore (made {0}, "
                                  "imported on {1} from {2}): compare the two before relying on either; nothing "
                                  "imported here was changed"),
)
