"""The interface language: Urdu (right to left) or English, chosen at first start and in
Preferences.

- English is the source language: every visible string is written in English inside
  `self.tr()` / `QCoreApplication.translate()`. The Urdu text lives in
  resources/translations/daftar_ur.ts (Qt Linguist), compiled to daftar_ur.qm by
  `make setup` (pyside6-lrelease). When the .qm is missing or older than the .ts (a fresh
  clone run without make), it is compiled on the fly into the user's cache folder, and if
  lrelease is not there either the .ts is read directly. The frozen build ships a .qm that
  build.spec compiled (`build_catalogues`) and never compiles one.
- Strings whose text is only known at run time (menu specs, states, roles, column names)
  are listed in desktop/i18n_strings.py in the context "Daftar". When the caller's own
  context has no translation the translator looks there, then at the same English text in
  any context of the .ts, so one translation serves every window.
- `apply_language(app, "ur")` installs the translator, turns the whole layout right to
  left and sets the Urdu interface font (Noto Naskh Arabic: Nastaliq is too tall for menus
  and buttons; Nastaliq stays the choice for record text, see desktop/fonts.py).
- The language of this computer (shown at the sign-in screen) is kept in QSettings; after
  sign-in the user's own language (User.language) wins; the office setting ui.language is
  the default for new users.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import resources
from desktop.qt import (
    QT_TRANSLATE_NOOP,
    QApplication,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFont,
    QLabel,
    QLocale,
    QPushButton,
    Qt,
    QTranslator,
    QVBoxLayout,
    QWidget,
)
from desktop.ui_settings import SETTINGS_FILE_ENV  # noqa: F401 - where tests point this computer's settings
from desktop.ui_settings import computer_settings as _settings
from records.text import display_digits

LANGUAGES = {"ur": "اردو", "en": "English"}
FALLBACK_CONTEXT = "Daftar"
SETTINGS_KEY = "ui/language"

_state: dict = {"lang": "en", "translator": None}


# ----------------------------------------------------------------------------- catalogue
def translations_dir() -> Path:
    return resources.root() / "translations"


def ts_path(lang: str) -> Path:
    return translations_dir() / f"daftar_{lang}.ts"


def _lrelease() -> str | None:
    exe = Path(sys.executable).with_name("pyside6-lrelease")
    if exe.is_file():
        return str(exe)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile a .ts into a .qm with pyside6-lrelease; False when it is not available.

    The .qm is written beside its place and renamed over it, never rewritten where it is: a
    running Daftar maps its catalogue into memory (QTranslator.load), and lrelease writing into
    that file (a newer .ts compiled by another copy of Daftar into the shared cache, or by
    `scripts/translations.py compile`) ended that process with a bus error or a segfault the next
    time it translated a word. A renamed file leaves the running copy its own."""
    exe = _lrelease()
    if exe is None:
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    part = qm.with_name(f".{qm.name}.{os.getpid()}.part")
    try:
        r = subprocess.run([exe, "-silent", str(ts), "-qm", str(part)], capture_output=True, text=True)
        if r.returncode != 0 or not part.is_file():
            return False
        os.replace(part, qm)
    finally:
        part.unlink(missing_ok=True)
    return qm.is_file()


def qm_path(lang: str) -> Path | None:
    """The compiled catalogue for `lang`: the one beside the .ts when up to date (built by
    `make setup` or shipped in the frozen build), else one compiled now into the cache."""
    ts = ts_path(lang)
    qm = ts.with_suffix(".qm")
    if getattr(sys, "frozen", False):
        # the build ships the .qm build.spec compiled (build_catalogues); never compiled here:
        # no lrelease is carried, and one found on the computer would write into the user's
        # cache for nothing. Without it the .ts is read directly (DaftarTranslator).
        return qm if qm.is_file() else None
    if qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.is_file():
        return None
    from platformdirs import user_cache_dir

    cached = Path(user_cache_dir("Daftar", appauthor=False)) / "translations" / qm.name
    if cached.is_file() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    return cached if compile_ts(ts, cached) else None


def build_catalogues(out: Path) -> list[Path]:
    """Compile every .ts of resources/translations into `out` (build.spec: the frozen build
    ships these, compiled at build time, whatever the source tree holds); raises RuntimeError
    naming the file when one cannot be compiled (a build must not ship without its Urdu)."""
    made = []
    for ts in sorted(translations_dir().glob("*.ts")):
        qm = Path(out) / ts.with_suffix(".qm").name
        if not compile_ts(ts, qm):
            raise RuntimeError(f"{ts}: pyside6-lrelease could not compile it (is PySide6 installed?)")
        made.append(qm)
    if not made:
        raise RuntimeError(f"no .ts file in {translations_dir()}")
    return made


def read_ts(path: Path, *, forms: bool = False) -> dict[tuple[str, str], str]:
    """{(context, English source): translation} of the finished messages of a .ts file.

    A message with plural forms (numerus: `self.tr(TEXT, "", n)`) gives its last form (the
    plural, "other"), or with `forms` the tuple of its forms (`plural_form` picks one)."""
    out: dict[tuple[str, str], str] = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if msg.get("numerus") == "yes":
                texts = tuple(f.text or "" for f in tr.iter("numerusform"))
                if texts and all(texts):
                    out[(name, msg.findtext("source") or "")] = texts if forms else texts[-1]
            elif tr.text:
                out[(name, msg.findtext("source") or "")] = tr.text
    return out


def plural_form(forms, n: int) -> str:
    """The form of a translation for the number `n`: Urdu has two, one (n = 1) and other, as
    Qt's own rule for Urdu (lrelease) says; a text of one form is that form."""
    if isinstance(forms, str):
        return forms
    return forms[0] if n == 1 or len(forms) == 1 else forms[-1]


RLM = "\u200f"
LRM = "\u200e"
ISOLATE_OPEN, ISOLATE_CLOSE = "\u2066\u2067\u2068", "\u2069"  # LRI RLI FSI, PDI


def rtl_paragraph(text: str) -> str:
    """Urdu text whose first strong letter is Latin ("OCR ناکام", "CSV (ایکسل)") or a value
    not known yet ("{name} چھوڑ دیا گیا") with a right-to-left mark before it: Qt takes a
    paragraph's direction from its first strong letter, and such a line was laid out left to
    right, its words and brackets out of order. Other text is returned as it is."""
    depth = 0
    for ch in text:
        if ch in ISOLATE_OPEN:
            depth += 1
        elif ch == ISOLATE_CLOSE:
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif ch == "{":
            break  # a value comes first: it may well be Latin (a file name, a user name)
        else:
            kind = unicodedata.bidirectional(ch)
            if kind in ("R", "AL", "RLE", "RLO"):
                return text
            if kind in ("L", "LRE", "LRO"):
                break
    else:
        return text
    return RLM + text if any("\u0600" <= c <= "\u06ff" for c in text) else text


# Qt's names of keys in shortcuts ("Shift", "Ctrl", "PgDown"): the any-context fallback below
# would give them a word translated for another window (the on-screen keyboard's "Shift").
KEY_NAME_CONTEXTS = frozenset({"QShortcut"})


class DaftarTranslator(QTranslator):
    """A QTranslator that falls back to the "Daftar" context (strings known at run time)
    and can also serve a .ts file read directly when no .qm could be made."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._table: dict[tuple[str, str], str] = {}
        self._any: dict[str, str] = {}  # English source -> translation, whatever the context

    def load_language(self, lang: str) -> bool:
        ts = ts_path(lang)
        table = read_ts(ts, forms=True) if ts.is_file() else {}
        self._any = {src: t for (_ctx, src), t in table.items()}
        qm = qm_path(lang)
        if qm is not None and self.load(str(qm)):
            return True
        self._table = table
        return bool(self._table)

    def _lookup(self, context, source, disambiguation, n) -> str:
        if self._table:
            return plural_form(self._table.get((context, source), ""), n)
        return super().translate(context, source, disambiguation, n) or ""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102 - Qt override
        if context in KEY_NAME_CONTEXTS:
            return None  # key names as printed on the keys: Ctrl+Shift+R, never half Urdu
        t = self._lookup(context, source, disambiguation, n)
        if not t and context != FALLBACK_CONTEXT:
            t = self._lookup(FALLBACK_CONTEXT, source, disambiguation, n)
        if not t:
            t = plural_form(self._any.get(source, ""), n)  # the same English text translated in another window
        if t and context != MESSAGES_CONTEXT:  # messages are marked once, whole (message())
            t = rtl_paragraph(t)
        return t or None  # None: not found here, so PySide tries the base classes' contexts

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return not self._table and not self._any and super().isEmpty()


# ----------------------------------------------------------------------------- applying
def current_language() -> str:
    return _state["lang"]


def is_rtl() -> bool:
    return _state["lang"] == "ur"


def ui_font(point_size: float | None = None) -> QFont:
    """The interface font of the current language (Noto Naskh Arabic with a Latin fallback in Urdu)."""
    from desktop.fonts import NASKH, load_fonts

    f = QFont(QApplication.font())
    if _state["lang"] == "ur":
        fams = load_fonts()
        f.setFamilies([fams.get(NASKH, "Noto Naskh Arabic"), fams.get(resources.LATIN_FALLBACK, "DejaVu Sans")])
    if point_size:
        f.setPointSizeF(point_size)
    return f


def apply_language(app: QCoreApplication, lang: str) -> bool:
    """Install the translator of `lang` ("ur" or "en"), its layout direction and font.

    Returns False when the Urdu catalogue could not be loaded (the interface stays English).
    Windows built afterwards use the language; existing ones keep their texts.
    """
    lang = lang if lang in LANGUAGES else "ur"
    old = _state["translator"]
    if old is not None:
        app.removeTranslator(old)
        _state["translator"] = None
    ok = True
    if lang != "en":
        tr = DaftarTranslator(app)
        ok = tr.load_language(lang)
        if ok:
            app.installTranslator(tr)
            _state["translator"] = tr
    _state["lang"] = lang if ok else "en"
    _message_cached.cache_clear()
    _message.cache_clear()
    rtl = _state["lang"] == "ur"
    QLocale.setDefault(QLocale(QLocale.Language.Urdu, QLocale.Country.Pakistan) if rtl
                       else QLocale(QLocale.Language.English, QLocale.Country.Pakistan))
    if isinstance(app, QApplication):
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        base = QFont(app.font())
        if rtl:
            base = ui_font(max(base.pointSizeF(), 10.0))
        else:
            base.setFamilies([QFont().defaultFamily()])
        app.setFont(base)
        from desktop.empty_field_cursor import install

        install(app)  # an empty Urdu field shows its cursor at its right in Urdu
    return ok


# ----------------------------------------------------------------------------- the choice
def saved_language() -> str | None:
    """The language chosen on this computer, or None before the first start."""
    v = _settings().value(SETTINGS_KEY)
    return v if v in LANGUAGES else None


def save_language(lang: str) -> None:
    s = _settings()
    s.setValue(SETTINGS_KEY, lang)
    s.sync()


class LanguageDialog(QDialog):
    """First start: two big buttons, each labelled in its own language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LanguageDialog")
        self.setWindowTitle("دفتر — Daftar")
        self.choice: str | None = None
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("زبان منتخب کریں — Choose the language", self))
        for lang, label in LANGUAGES.items():
            b = QPushButton(label, self)
            b.setObjectName(f"lang_{lang}")
            b.setMinimumHeight(48)
            if lang == "ur":
                b.setFont(ui_font_for_urdu(16))
            b.clicked.connect(lambda _=False, lang=lang: self._choose(lang))
            lay.addWidget(b)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        box.rejected.connect(self.reject)
        lay.addWidget(box)

    def _choose(self, lang: str) -> None:
        self.choice = lang
        self.accept()


def ui_font_for_urdu(point_size: float) -> QFont:
    from desktop.fonts import NASKH, load_fonts

    f = QFont()
    f.setFamilies([load_fonts().get(NASKH, "Noto Naskh Arabic"), "DejaVu Sans"])
    f.setPointSizeF(point_size)
    return f


def choose_language_at_start(app: QCoreApplication, *, ask: bool = True) -> str:
    """The language of this computer; asks once (first start) when none is saved yet."""
    lang = saved_language()
    if lang is None and ask:
        dlg = LanguageDialog()
        lang = dlg.choice if dlg.exec() == QDialog.DialogCode.Accepted else None
        if lang:
            save_language(lang)
    apply_language(app, lang or "ur")
    return current_language()


# ----------------------------------------------------------------------------- numbers, dates
_display = {"urdu_digits": False, "date_format": "%d-%m-%Y"}


def configure_display(*, urdu_digits: bool, date_format: str) -> None:
    """The office's choice of digits (display.urdu_digits) and date format (date.format)."""
    _display["urdu_digits"] = bool(urdu_digits)
    _display["date_format"] = date_format or "%d-%m-%Y"


def configure_from_workspace(ws, *, urdu_digits: bool | None = None) -> None:
    """Read the office display settings of an open workspace (see configure_display)."""
    from records import office_settings

    with ws.session() as s:
        st = office_settings.read(s)
    configure_display(urdu_digits=st.get("display.urdu_digits") if urdu_digits is None else urdu_digits,
                      date_format=st.get("date.format"))


def number_text(value, *, urdu_digits: bool | None = None) -> str:
    """A number (or text holding digits) in the office's digits: ۱۲-۵ or 12-5."""
    urdu = _display["urdu_digits"] if urdu_digits is None else urdu_digits
    return display_digits(str(value), urdu=urdu)


# The roles as people call them (translated in the context "RoleBox", the role picker's).
ROLE_LABELS = {"clerk": QT_TRANSLATE_NOOP("RoleBox", "Records clerk"),
               "supervisor": QT_TRANSLATE_NOOP("RoleBox", "Supervisor (Girdawar)"),
               "revenue_officer": QT_TRANSLATE_NOOP("RoleBox", "Revenue officer"),
               "admin": QT_TRANSLATE_NOOP("RoleBox", "Administrator (IT)")}


def role_label(role: str) -> str:
    """A role in words, in the interface language ("revenue_officer" -> "Revenue officer")."""
    return QCoreApplication.translate("RoleBox", ROLE_LABELS[role]) if role in ROLE_LABELS else role


def list_text(items) -> str:
    """Items one after another as the interface language writes a list: "1, 2, 3" or
    "۱، ۲، ۳" (the Urdu comma), each in the office's digits."""
    sep = "، " if is_rtl() else ", "
    return sep.join(number_text(i) for i in items)


URDU_DATE_TIME_GAP = "\u00a0\u00a0"  # two no-break spaces: one line, and kept by rich text


def date_text(value: dt.date | dt.datetime | None, fmt: str | None = None, *, urdu_digits: bool | None = None,
              time: bool = False, seconds: bool = False) -> str:
    """A date (with `time`, also hours and minutes) in the office's format and digits."""
    if value is None:
        return ""
    fmt = fmt or _display["date_format"]
    # the Urdu interface font's space is narrow (0.22 em): there date and time ran together
    gap = URDU_DATE_TIME_GAP if _state["lang"] == "ur" else " "
    clock = gap + ("%H:%M:%S" if seconds else "%H:%M") if time and isinstance(value, dt.datetime) else ""
    s = number_text(value.strftime(fmt + clock),
                    urdu_digits=urdu_digits)
    return f"\u2066{s}\u2069" if _state["lang"] == "ur" else s  # date before time in Urdu text too


# ----------------------------------------------------------------------------- core messages
MESSAGES_CONTEXT = "Messages"
_templates: list[tuple[re.Pattern, str]] | None = None


def _message_templates() -> list[tuple[re.Pattern, str]]:
    """(regex, English template) of the messages of records/ and ocr/ listed in
    desktop/i18n_strings.py with {0}, {1}... where values go (longest first)."""
    global _templates
    if _templates is None:
        from desktop.i18n_strings import MESSAGES

        out = []
        for tpl in sorted(MESSAGES, key=len, reverse=True):
            parts = re.split(r"(\{\d\})", tpl)
            # values are matched shortest first, and where a template has two or more, longest
            # first too: a label may hold the text that follows it ("fee (rs) (10000000)")
            for group in ((".+?", ".+") if len(parts) > 3 else (".+?",)):
                rx = "".join(f"(?P<g{p[1]}>{group})" if re.fullmatch(r"\{\d\}", p) else re.escape(p) for p in parts)
                out.append((re.compile(rx + r"\Z", re.S), tpl))
        _templates = out
    return _templates


def field_label(name: str) -> str:
    """A field's label in the interface language ("khewat_no" -> "نمبر کھیوٹ" or "Khewat
    no"), from the built-in templates; a name no template has is shown as it is."""
    en_ur = _builtin_fields().get(name)
    if en_ur is None:
        return name
    return en_ur[1] if is_rtl() else en_ur[0]


def template_title(kind: str) -> str | None:
    """The title of a built-in register kind in the interface language ("jamabandi" ->
    "جمع بندی" or "Jamabandi"), None for a name that is no built-in kind."""
    from records.templates import BUILTIN, builtin

    if kind not in BUILTIN:
        return None
    t = builtin(kind)
    return t.title_ur if is_rtl() else t.title_en


@functools.cache
def _builtin_fields() -> dict[str, tuple[str, str]]:
    """Field name -> (English label, Urdu label) over the built-in templates (first wins)."""
    from records.templates import BUILTIN, builtin

    table: dict[str, tuple[str, str]] = {}
    for kind in BUILTIN:
        t = builtin(kind)
        for spec in (*t.header, *t.columns):
            table.setdefault(spec.name, (spec.label_en, spec.label_ur))
    return table


def _labels() -> dict[str, str]:
    """English field labels (and names) of the built-in templates -> their Urdu labels."""
    if "labels" not in _state:
        from records.templates import BUILTIN, builtin

        table = {}
        for name in BUILTIN:
            t = builtin(name)
            for spec in (*t.header, *t.columns):
                table[spec.label_en] = spec.label_ur
                # the field checks name a field in lower case ("the largest allowed khewat no")
                table.setdefault(spec.label_en.lower(), spec.label_ur)
                # and by its name ("khewat_no"), as the checks against the audit trail do
                table.setdefault(spec.name, spec.label_ur)
            table[t.title_en] = t.title_ur
        _state["labels"] = table
    return _state["labels"]


# numbers listed with the English comma and a space: "1, 2, 3" (not 1,50,000)
_NUMBER_LIST = re.compile(r"\d+(?:, \d+)+")
# a file or folder path written with no Urdu in it: /media/usb/x.tar, C:\\Daftar\\x.pdf, \\\\server\\share
_PATH = re.compile(r"(?:[A-Za-z]:)?[\\/][^\u0600-\u06ff\u2066-\u2069]*")


def message(text: str) -> str:
    """A message of the core (records/, ocr/: errors, flags) in the interface language.

    Exact texts and templates with values ("wrong user name or password; the account is
    locked for 30 seconds") are looked up in the catalogue; values inside are translated in
    turn (field labels, nested parts) and numbers kept left to right; the words of an OS or
    library error inside are replaced by their phrase (desktop.system_errors.in_text).
    Unknown messages stay as they are (English)."""
    if _state["lang"] == "en" or not text:
        return text
    return _message_cached(text, _state["lang"])


def flag_text(text: str) -> str:
    """A flag's message (records/, ocr/) for a line of the interface: `message` of it; where
    it stays English (the English interface, or a message not in the catalogue) each Urdu run
    quoted in it is isolated, so `'نہری' (23%)` keeps its order. An Urdu message is left
    whole: cut into isolates, its quoted khasra numbers were drawn before 'OCR'."""
    from desktop.bidi import isolate_urdu

    shown = message(text)
    return isolate_urdu(shown) if shown == text else shown


@functools.lru_cache(maxsize=4096)
def _message_cached(text: str, _lang: str) -> str:
    # the words of an OS or library error inside it ("No space left on device", "[Errno 13]
    # Permission denied: '/x'") in the interface language too (desktop.system_errors)
    from desktop.system_errors import in_text

    return rtl_paragraph(in_text(_message(text)))


@functools.lru_cache(maxsize=65536)  # the same parts recur in every template that fits
def _message(text: str, _depth: int = 0) -> str:
    if not text:
        return text
    exact = QCoreApplication.translate(MESSAGES_CONTEXT, text)
    if exact != text:
        return exact
    if text in _labels():
        return _labels()[text]
    if _depth > 5:  # "Row 5 (mutation 9, khewat 47, khatooni 3, khasra 125/5): ..." nests five deep
        return text
    best, best_score = text, _english_words(text)
    for rx, tpl in _message_templates():  # every template that fits; keep the most translated
        m = rx.match(text)
        if not m:
            continue
        # the template itself if missing; the form for its count where Urdu says one otherwise
        translated = QCoreApplication.translate(MESSAGES_CONTEXT, tpl, None, _count_in(tpl, m))
        fits = True
        kept = _names_in(tpl)
        for k, v in m.groupdict().items():
            if k[1:] not in kept:
                v = _message(v, _depth + 1)
            if (f"\u2066{{{k[1:]}}}\u2069" in translated and _URDU_LETTER.search(v)
                    and re.search(r"[0-9\u0660-\u0669\u06f0-\u06f9A-Za-z]", v)):
                # a place the translation keeps left to right (a volume, a year) took more than
                # its value: "volume {2}" matched "1, page 2, row 41", and its Urdu words were
                # drawn left to right, the numbers beside the wrong words (an Urdu word alone
                # there, "image" for a file name, is drawn as it is)
                fits = False
                break
            # a number kept left to right, also in the quotes a value came in ("'12-6'"):
            # inside Urdu, 12-6 after an Urdu letter is drawn 6-12
            num = re.fullmatch(r"(')?([\d\s.,/%:-]+)(')?", v)
            if _NUMBER_LIST.fullmatch(v):
                # rows 1, 2, 3 of a rule across rows: each number left to right, the list
                # joined by the Urdu comma (it came out "1، 2, 3": the tail of the list, with
                # no English word to translate, was kept whole as one number)
                v = "، ".join(f"\u2066{n}\u2069" for n in v.split(", "))
            elif num and num.group(1) == num.group(3):
                q = num.group(1) or ""
                v = f"{q}\u2066{num.group(2)}\u2069{q}"
            elif _PATH.fullmatch(v) and f"\u2066{{{k[1:]}}}\u2069" not in translated:
                # a file's path left to right: inside Urdu its leading '/' (a neutral at the
                # run's edge) took the paragraph's direction and was drawn at the path's end
                # ("media/usb/x.tar/" for /media/usb/x.tar)
                v = f"\u2066{v}\u2069"
            translated = translated.replace("{" + k[1:] + "}", v)
        if not fits:
            continue
        score = _english_words(translated)
        if score < best_score:
            best, best_score = translated, score
            if not score:
                break
    return best


def _count_in(template: str, match: re.Match) -> int:
    """The count a message holds (desktop.i18n_strings.COUNTED_MESSAGES), -1 for none."""
    from desktop.i18n_strings import COUNTED_MESSAGES

    place = COUNTED_MESSAGES.get(template)
    value = match.group(f"g{place}").strip() if place else ""
    return int(value) if value.isdecimal() else -1


# Templates whose values at these places are names (an account's user name), shown as they
# are: "user 1 (admin)" is the account named admin, not "user 1 (administrator)".
_NAMES_KEPT = (("user {0} (id {1})", "0"), ("user {0} ({1})", "1"))


def _names_in(template: str) -> set[str]:
    return {digit for start, digit in _NAMES_KEPT if template.startswith(start)}


_URDU_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def _english_words(text: str) -> int:
    return len(re.findall(r"[A-Za-z]{2,}", text.replace("OCR", "")))


def bilingual(urdu: str, english: str, sep: str = " — ") -> str:
    """A name the templates give in both languages: Urdu alone in the Urdu interface, both
    in the English one (clerks know the registers by their Urdu names)."""
    return urdu if _state["lang"] == "ur" or not english else f"{urdu}{sep}{english}"


def tr(text: str, context: str = FALLBACK_CONTEXT) -> str:
    """Translate a run-time string (one listed in desktop/i18n_strings.py)."""
    return QCoreApplication.translate(context, text)
