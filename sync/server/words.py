"""The /admin site's words in English and Urdu: one table (`UR`, English -> Urdu) and `Words`,
which the pages (`sync.server.review`) write every string of theirs through.

- A page string is looked up as written (`t("Sign out")`); values go in by name
  (`t("{n} waiting", n=t.num(6))`), as HTML the page made safe already, so a value is never
  translated or read as markup, and an Urdu sentence may put it where Urdu wants it.
- Messages of the server itself (an `IngestError`'s, kept in the refused batches and the trail)
  are matched against the table's templates, whose values are `{0}`, `{1}`… (`t.message`), as
  the desktop's `desktop.i18n.message` does; a message not in the table stays in English.
- Urdu pages show numbers in Urdu digits (۱۲-۵), as the desktop in Urdu with Urdu digits does;
  ids (office, batch and entry ids, codes) keep Latin digits. What runs left to right inside
  Urdu (an area 12-5, a khasra 125/5, a date, an id) is put in `<bdi dir='ltr'>`: bidi would
  show 12-5 as 5-12 after an Urdu word.

tests/sync/test_admin_urdu.py checks that every string the pages use, every label marked with
`N_` and every message the server raises has its Urdu here."""

from __future__ import annotations

import datetime as dt
import re
from html import escape

LANGS = ("en", "ur")
LANG_COOKIE = "daftar_lang"


def N_(english: str) -> str:
    """Marks a string translated later (a label kept in a table): `Words` looks it up when shown."""
    return english


def e(value) -> str:
    """Text from anywhere (an office, the database, a query) as HTML text or attribute."""
    return escape("" if value is None else str(value), quote=True)


_TO_URDU = str.maketrans("0123456789٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷۸۹")
# numbers joined by - / . : (an area 12-5, a khasra 125/5, a share 3/8, a date, a year 2019-20)
_GROUPED = re.compile(r"[0-9\u06f0-\u06f9\u0660-\u0669]+(?:[-/.:][0-9\u06f0-\u06f9\u0660-\u0669]+)+")
_URDU_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def has_urdu(text: str) -> bool:
    return bool(_URDU_LETTER.search(text or ""))


def ltr(html_text: str) -> str:
    """HTML that runs left to right whatever is around it (an area, a date, an id)."""
    return f"<bdi dir='ltr'>{html_text}</bdi>"


def isolate_numbers(html_text: str) -> str:
    """Each number joined by - / . : inside (escaped) text in its own left-to-right run."""
    return _GROUPED.sub(lambda m: ltr(m.group(0)), html_text)


def accepted_language(header: str) -> str | None:
    """The first of our languages a browser's Accept-Language asks for (by its q), else None."""
    best: tuple[float, int, str] | None = None
    for i, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().lower().split("-")[0]
        if lang not in LANGS:
            continue
        q = 1.0
        m = re.search(r"q\s*=\s*([0-9.]+)", params)
        if m:
            try:
                q = float(m.group(1))
            except ValueError:
                q = 0.0
        if q > 0 and (best is None or (q, -i) > (best[0], best[1])):
            best = (q, -i, lang)
    return best[2] if best else None


class Words:
    """Everything a page says, in one language (`en` or `ur`). Named `t` where used (the test
    finds the strings by that name)."""

    def __init__(self, lang: str = "en"):
        self.lang = lang if lang in LANGS else "en"
        self.ur = self.lang == "ur"
        self.dir = "rtl" if self.ur else "ltr"
        # who is signed in, named beside Sign out: (operator's name, role, whether it is the shared token)
        self.who: tuple[str, str, bool] | None = None

    # ---------------------------------------------------------------- strings
    def plain(self, english: str) -> str:
        """A string of the table as text (escape it where it goes into HTML)."""
        return UR.get(english, english) if self.ur else english

    def __call__(self, english: str, **values: str) -> str:
        """A string of the table as HTML, with `values` (HTML already) in its {names}."""
        return e(self.plain(english)).format(**values) if values else e(self.plain(english))

    # ---------------------------------------------------------------- values
    def digits(self, text) -> str:
        """Text with its digits as this language writes them (Urdu digits in Urdu)."""
        text = "" if text is None else str(text)
        return text.translate(_TO_URDU) if self.ur else text

    def num(self, value) -> str:
        """A number (or a page, row, year...) as HTML, in this language's digits, kept left to
        right when it is more than digits (2019-20)."""
        text = e(self.digits(value))
        return isolate_numbers(text) if self.ur else text

    def when(self, value) -> str:
        """A time (UTC) as HTML: in English as the server gives it (2026-11-27T10:15:00Z; a
        datetime 2026-11-27 10:15); in Urdu day-month-year and hours:minutes in Urdu digits,
        left to right (۲۷-۱۱-۲۰۲۶ ۱۰:۱۵)."""
        if value in (None, ""):
            return ""
        if not self.ur:
            return e(value.strftime("%Y-%m-%d %H:%M") if isinstance(value, dt.datetime) else value)
        if not isinstance(value, dt.datetime):
            try:
                value = dt.datetime.fromisoformat(str(value).removesuffix("Z"))
            except ValueError:
                return ltr(e(self.digits(value)))
        return f"<bdi dir='ltr' class='nw'>{e(self.digits(value.strftime('%d-%m-%Y %H:%M')))}</bdi>"

    def day(self, value: dt.datetime) -> str:
        """A date as HTML (2026-12-27; in Urdu ۲۷-۱۲-۲۰۲۶, left to right)."""
        return ltr(e(self.digits(value.strftime("%d-%m-%Y")))) if self.ur else e(value.strftime("%Y-%m-%d"))

    def code(self, value) -> str:
        """An id (office, batch, entry, an error's code) as HTML: Latin, left to right in Urdu."""
        return ltr(e(value)) if self.ur and value not in (None, "") else e(value)

    def value(self, text, *, numeric: bool = False) -> str:
        """A value an office wrote, as HTML: in Urdu with Urdu digits (as the desktop shows it);
        a number field left to right whole, the numbers inside a text each (12-5 stays 12-5)."""
        text = "" if text is None else str(text)
        if self.ur:
            text = self.digits(text)
        if numeric and text and not has_urdu(text):
            return ltr(e(text))
        return isolate_numbers(e(text))

    # ---------------------------------------------------------------- the server's messages
    def message(self, text: str) -> str:
        """A message of the server (an IngestError's, as kept) as HTML in this language: matched
        against the table's templates, each value (itself a word or message of the table, or
        left as it is) in its own run. Not in the table: as it is (English)."""
        if not self.ur or not text:
            return e(text)
        return _translate(text, 0) or isolate_numbers(e(text))


def _templates() -> list[tuple[re.Pattern, str]]:
    global _COMPILED
    if _COMPILED is None:
        out = []
        for en in sorted((k for k in UR if "{0}" in k), key=len, reverse=True):
            parts = re.split(r"(\{\d\})", en)
            rx = "".join(f"(?P<g{p[1]}>.+?)" if re.fullmatch(r"\{\d\}", p) else re.escape(p) for p in parts)
            out.append((re.compile(rx + r"\Z", re.S), en))
        _COMPILED = out
    return _COMPILED


_COMPILED: list[tuple[re.Pattern, str]] | None = None


_ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?Z?")


def _value(text: str) -> str:
    """A value inside an Urdu message, as HTML: a count in Urdu digits, a time as the Urdu
    pages write it, Urdu text in its own run, anything else (an id, a name in Latin letters,
    an error's own text) left to right as it is."""
    if text.isdigit():
        return e(text.translate(_TO_URDU))
    if _ISO_TIME.fullmatch(text):
        return Words("ur").when(text)
    if has_urdu(text):
        return f"<bdi>{isolate_numbers(e(text))}</bdi>"
    return ltr(e(text))


def _translate(text: str, depth: int) -> str | None:
    """`text` in Urdu as HTML when it is a word or a template of the table, else None."""
    if text in UR:
        return e(UR[text])
    if depth > 2:
        return None
    for rx, en in _templates():
        m = rx.match(text)
        if m is None:
            continue
        values = {}
        for name, value in m.groupdict().items():
            said = _translate(value, depth + 1)
            if said is None:
                said = _value(value)
            values[name[1:]] = said
        return re.sub(r"\{(\d)\}", lambda g, said=values: said[g.group(1)], e(UR[en]))
    return None


# ------------------------------------------------------------------------------------ the table
# English -> Urdu. Page strings have {named} values; the server's messages {0}, {1}… (matched).
# The words are the desktop's where it has them (resources/translations/daftar_ur.ts): اندراج،
# بیچ، مرکزی دفتر، قبول شدہ، مسترد، موصول شدہ، ذریعہ، رجسٹر، صفحہ، سطر.
UR: dict[str, str] = {}
UR.update({
    # ---- the site
    "Daftar: central server": "دفتر: مرکزی سرور",
    "Daftar central server": "دفتر — مرکزی سرور",
    "Administrator token": "منتظم کا ٹوکن",
    "Sign in": "داخل ہوں",
    "Sign out": "باہر نکلیں",
    "That is not the administrator token.": "یہ منتظم کا ٹوکن نہیں۔",
    "Signed out.": "آپ باہر نکل گئے۔",
    "Signed out (or the sign-in ran out): sign in again; nothing was changed.":
        "آپ باہر ہو چکے ہیں (یا داخلے کی مدت ختم ہو گئی): دوبارہ داخل ہوں؛ کچھ تبدیل نہیں ہوا۔",
    "Refused": "نامنظور",
    "This form did not come from this server’s own page (its security token is missing or is not this "
    "sign-in’s): nothing was changed. Open the page again and use its buttons.":
        "یہ فارم اس سرور کے اپنے صفحے سے نہیں آیا (اس کا حفاظتی ٹوکن موجود نہیں یا اس داخلے کا نہیں): کچھ تبدیل "
        "نہیں ہوا۔ صفحہ دوبارہ کھولیں اور اسی کے بٹن استعمال کریں۔",
    "Daftar: {title}": "دفتر: {title}",
    # ---- operators: the sign-in by name
    "Name": "نام",
    "Password": "پاس ورڈ",
    "Wrong name or password.": "نام یا پاس ورڈ غلط ہے۔",
    "Wrong name or password; this name is locked out for {seconds} seconds.":
        "نام یا پاس ورڈ غلط ہے؛ یہ نام {seconds} سیکنڈ کے لیے بند کر دیا گیا ہے۔",
    "Too many wrong passwords: try again in {seconds} seconds, or ask an administrator of the central server.":
        "بہت زیادہ غلط پاس ورڈ: {seconds} سیکنڈ بعد دوبارہ کوشش کریں، یا مرکزی سرور کے منتظم سے رابطہ کریں۔",
    "Operator {name} is disabled: ask an administrator of the central server.":
        "آپریٹر {name} غیر فعال ہے: مرکزی سرور کے منتظم سے رابطہ کریں۔",
    "This server has named operators: sign in with your name and password (the administrator token no longer "
    "signs in here).":
        "اس سرور پر نام والے آپریٹر موجود ہیں: اپنے نام اور پاس ورڈ سے داخل ہوں (منتظم کا ٹوکن اب یہاں داخل نہیں کرتا)۔",
    "This server has no named operators yet, so its administrator token signs in here. Give each person of the "
    "central office their own name and password on the server: {command}; from then on this page signs in by "
    "name, and the server’s trail says who decided.":
        "اس سرور پر ابھی کوئی نام والا آپریٹر نہیں، اس لیے یہاں منتظم کے ٹوکن سے داخل ہوتے ہیں۔ مرکزی دفتر کے ہر فرد کو "
        "سرور پر اس کا اپنا نام اور پاس ورڈ دیں: {command}؛ اس کے بعد یہ صفحہ نام سے داخل کرتا ہے اور سرور کا آڈٹ ریکارڈ "
        "بتاتا ہے کہ فیصلہ کس نے کیا۔",
    "Signed in as {name} ({role})": "{name} ({role}) کے طور پر داخل",
    # ---- operators: changing one's own password (/admin/password)
    "Change my password": "میرا پاس ورڈ تبدیل کریں",
    "Daftar: change my password": "دفتر: میرا پاس ورڈ تبدیل کریں",
    "Current password": "موجودہ پاس ورڈ",
    "New password": "نیا پاس ورڈ",
    "New password again": "نیا پاس ورڈ دوبارہ",
    "Your password was set by someone else (an administrator of the central server): choose your own now. Until "
    "then no other page works.":
        "آپ کا پاس ورڈ کسی اور (مرکزی سرور کے منتظم) نے مقرر کیا ہے: ابھی اپنا پاس ورڈ منتخب کریں۔ تب تک کوئی اور صفحہ "
        "نہیں کھلے گا۔",
    "At least {n} characters, and not your name. Your other sign-ins end when it is changed; your API tokens keep "
    "working.":
        "کم از کم {n} حروف، اور آپ کا نام نہیں۔ پاس ورڈ بدلنے پر آپ کے باقی داخلے ختم ہو جاتے ہیں؛ آپ کے API ٹوکن کام "
        "کرتے رہتے ہیں۔",
    "Your password was changed; your other sign-ins have ended.":
        "آپ کا پاس ورڈ تبدیل ہو گیا؛ آپ کے باقی داخلے ختم ہو گئے۔",
    "The current password is wrong: nothing was changed.": "موجودہ پاس ورڈ غلط ہے: کچھ تبدیل نہیں ہوا۔",
    "The current password is wrong; your name is locked out for {seconds} seconds. Nothing was changed.":
        "موجودہ پاس ورڈ غلط ہے؛ آپ کا نام {seconds} سیکنڈ کے لیے بند کر دیا گیا ہے۔ کچھ تبدیل نہیں ہوا۔",
    "The two new passwords differ: type the same password twice. Nothing was changed.":
        "دونوں نئے پاس ورڈ مختلف ہیں: ایک ہی پاس ورڈ دو بار لکھیں۔ کچھ تبدیل نہیں ہوا۔",
    "Choose a new password that differs from the current one. Nothing was changed.":
        "ایسا نیا پاس ورڈ منتخب کریں جو موجودہ سے مختلف ہو۔ کچھ تبدیل نہیں ہوا۔",
    "{rule}: nothing was changed.": "{rule}: کچھ تبدیل نہیں ہوا۔",
    "The shared administrator token has no password to change here.":
        "مشترکہ منتظم ٹوکن کا یہاں تبدیل کرنے کو کوئی پاس ورڈ نہیں۔",
    "operator changed their password": "آپریٹر نے اپنا پاس ورڈ تبدیل کیا",
    "operator's change of password refused": "آپریٹر کی پاس ورڈ کی تبدیلی نامنظور",
    "operator's role changed": "آپریٹر کا عہدہ تبدیل ہوا",
    "was": "پہلے",
    "operator renamed": "آپریٹر کا نام تبدیل ہوا",
    "operator removed": "آپریٹر ہٹا دیا گیا",
    "new name": "نیا نام",
    "(now {now})": "(اب {now})",
    "Signed in with the shared administrator token": "مشترکہ منتظم ٹوکن سے داخل",
    "reviewer": "جائزہ کار",
    "administrator": "منتظم",
    "shared admin token": "مشترکہ منتظم ٹوکن",
    "← back": "→ واپس",
    "Received batches": "موصولہ بیچ",
    "Entries waiting for a decision": "فیصلے کے منتظر اندراجات",
    # ---- the operator's page
    "Daftar: received batches": "دفتر: موصولہ بیچ",
    "Entries waiting for a decision ({n})": "فیصلے کے منتظر اندراجات ({n})",
    "Received entries as CSV: {links}": "موصولہ اندراجات CSV فائل میں: {links}",
    "For Excel (areas such as {area} and shares such as {share} kept as text): {links}":
        "ایکسل کے لیے ({area} جیسے رقبے اور {share} جیسے حصے متن کے طور پر): {links}",
    "all": "سب",
    "jamabandi": "جمع بندی",
    "girdawari": "خسرہ گرداوری",
    "intiqal": "رجسٹر انتقالات",
    "Office": "دفتر",
    "Office id": "دفتر کی شناخت",
    "Access": "رسائی",
    "Batch": "بیچ",
    "Entries": "اندراجات",
    "Source": "ذریعہ",
    "Received (UTC)": "وصولی (UTC)",
    "REVOKED {when} {reason}": "رسائی منسوخ {when} {reason}",
    "nothing received since enrolment ({when})": "منسلک ہونے ({when}) کے بعد سے کچھ موصول نہیں ہوا",
    "network": "نیٹ ورک",
    "usb": "یو ایس بی",
    "Refused batches ({n} newest)": "نامنظور بیچ (تازہ ترین {n})",
    "When (UTC)": "وقت (UTC)",
    "Status": "کیفیت",
    "Error": "خرابی",
    "Reason": "وجہ",
    "None.": "کوئی نہیں۔",
    "The server’s trail: enrolments, codes, revocations, sign-ins and decisions":
        "سرور کا آڈٹ ریکارڈ: دفاتر کا منسلک ہونا، کوڈ، رسائی کی منسوخی، داخلے اور فیصلے",
    "What": "کیا ہوا",
    "Detail": "تفصیل",
    "yes": "ہاں",
    "no": "نہیں",
    # the trail's actions
    "enrolment code issued": "منسلک ہونے کا کوڈ جاری ہوا",
    "office enrolled": "دفتر منسلک ہوا",
    "office given a new key": "دفتر کو نئی کلید ملی",
    "office's access revoked": "دفتر کی رسائی منسوخ ہوئی",
    "enrolment refused": "منسلک ہونا نامنظور",
    "batch file imported (USB)": "بیچ فائل درآمد ہوئی (یو ایس بی)",
    "entry accepted": "اندراج قبول ہوا",
    "entry rejected": "اندراج مسترد ہوا",
    "batch's entries accepted": "بیچ کے اندراجات قبول ہوئے",
    "signed in": "داخل ہوئے",
    "sign-in refused": "داخلہ نامنظور",
    "signed out": "باہر نکلے",
    "sign-in ran out": "داخلے کی مدت ختم ہوئی",
    "server found restored from a backup": "سرور بیک اپ سے بحال شدہ پایا گیا",
    "restore notice acknowledged": "بحالی کی اطلاع پڑھ لی گئی",
    "operator added": "آپریٹر شامل ہوا",
    "operator disabled": "آپریٹر غیر فعال ہوا",
    "operator enabled again": "آپریٹر دوبارہ فعال ہوا",
    "operator's password set anew": "آپریٹر کا پاس ورڈ نئے سرے سے مقرر ہوا",
    "API token issued to an operator": "آپریٹر کو API ٹوکن جاری ہوا",
    "operator's API tokens revoked": "آپریٹر کے API ٹوکن منسوخ ہوئے",
    # the parts of an event's detail
    "by": "کس نے",
    "token's fingerprint": "ٹوکن کا فنگر پرنٹ",
    "address": "پتہ",
    "program": "پروگرام",
    "sign-in no.": "داخلہ نمبر",
    "signed in at": "داخلے کا وقت",
    "user": "صارف",
    "computer": "کمپیوٹر",
    "name": "نام",
    "district": "ضلع",
    "tehsil": "تحصیل",
    "new key": "نئی کلید",
    "valid until": "کب تک کارآمد",
    "was revoked": "رسائی منسوخ تھی",
    "error": "خرابی",
    "reason": "وجہ",
    "entry": "اندراج",
    "version": "نسخہ",
    "batch": "بیچ",
    "entries": "اندراجات",
    "source": "ذریعہ",
    "old epoch": "پرانا دور",
    "new epoch": "نیا دور",
    "epoch": "دور",
    "written": "لکھے گئے",
    "found": "موجود پائے",
    "restored at": "بحالی کا وقت",
    "operator": "آپریٹر",
    "role": "عہدہ",
    "wrong passwords": "غلط پاس ورڈ",
    "locked out (seconds)": "بندش (سیکنڈ)",
    "tokens": "ٹوکن",
    "admin page": "منتظم کا صفحہ",
    "admin API": "منتظم کا API",
    "command line": "کمانڈ لائن",
    "idle": "غیر استعمال",
    "too long": "مدت پوری",
    "token changed": "ٹوکن بدل گیا",
    "clock": "گھڑی",
    "password set anew": "پاس ورڈ نئے سرے سے مقرر ہوا",
    "operators added": "آپریٹر شامل کیے گئے",
    "no operator of that name": "اس نام کا کوئی آپریٹر نہیں",
    "wrong password": "غلط پاس ورڈ",
    "locked out": "بند",
    "wrong token": "غلط ٹوکن",
    "the administrator token (operators sign in by name)": "منتظم کا ٹوکن (آپریٹر نام سے داخل ہوتے ہیں)",
    # the restore notice
    "The server’s database was restored from an older backup": "سرور کا ڈیٹا بیس ایک پرانے بیک اپ سے بحال کیا گیا ہے",
    "Found when the server started on {when} (UTC). What the server had received after that backup was lost from it.":
        "یہ سرور کے {when} (UTC) پر شروع ہونے پر معلوم ہوا۔ اس بیک اپ کے بعد سرور کو جو کچھ موصول ہوا تھا وہ اس سے "
        "ضائع ہو گیا۔",
    "The offices send it again by themselves at their next sync": "دفاتر اپنی اگلی ہم آہنگی پر یہ خود دوبارہ بھیج دیتے ہیں",
    ": each compares what the server holds with what it sent, and sends again what is missing; nobody at an office "
    "has to do anything.":
        "؛ ہر دفتر سرور کے پاس موجود ریکارڈ کا اپنے بھیجے ہوئے سے موازنہ کرتا ہے اور جو کم ہو دوبارہ بھیجتا ہے؛ کسی "
        "دفتر میں کسی کو کچھ نہیں کرنا۔",
    "Decisions made here after that backup were lost too: those entries wait for a decision again (the offices "
    "list them as decided but no longer at the server). Decide them again in {link}.":
        "اس بیک اپ کے بعد یہاں کیے گئے فیصلے بھی ضائع ہو گئے: وہ اندراجات دوبارہ فیصلے کے منتظر ہیں (دفاتر انہیں "
        "ایسے اندراجات کے طور پر دکھاتے ہیں جن کا فیصلہ ہوا مگر اب سرور پر نہیں)۔ {link} میں ان پر دوبارہ فیصلہ کریں۔",
    "The database held batches up to no. {batches} and decisions up to no. {decisions}; the server had written "
    "batches up to no. {written_batches} and decisions up to no. {written_decisions}. New epoch {epoch}.":
        "ڈیٹا بیس میں بیچ نمبر {batches} تک اور فیصلے نمبر {decisions} تک تھے؛ سرور بیچ نمبر {written_batches} تک اور "
        "فیصلے نمبر {written_decisions} تک لکھ چکا تھا۔ نیا دور {epoch}۔",
    "Understood": "سمجھ گئے",
    "(this notice shows until someone presses it, at most until {day})":
        "(یہ اطلاع اس بٹن کے دبانے تک دکھائی دے گی، زیادہ سے زیادہ {day} تک)",
    # ---- the review
    "Daftar: entries waiting for a decision": "دفتر: فیصلے کے منتظر اندراجات",
    "every office": "تمام دفاتر",
    "every kind": "تمام اقسام",
    "Register kind": "رجسٹر کی قسم",
    "batch id": "بیچ کی شناخت",
    "Show": "دکھائیں",
    "clear": "صاف کریں",
    "{waiting} waiting under these filters; {shown} shown here (continued), oldest first.":
        "ان شرائط کے تحت {waiting} منتظر؛ یہاں {shown} دکھائے گئے (جاری)، پرانے پہلے۔",
    "{waiting} waiting; {shown} shown here (continued), oldest first.":
        "{waiting} منتظر؛ یہاں {shown} دکھائے گئے (جاری)، پرانے پہلے۔",
    "{waiting} waiting under these filters; {shown} shown here (from the first), oldest first.":
        "ان شرائط کے تحت {waiting} منتظر؛ یہاں {shown} دکھائے گئے (شروع سے)، پرانے پہلے۔",
    "{waiting} waiting; {shown} shown here (from the first), oldest first.":
        "{waiting} منتظر؛ یہاں {shown} دکھائے گئے (شروع سے)، پرانے پہلے۔",
    "Accept the {n} entries of this batch waiting for a decision…": "اس بیچ کے فیصلے کے منتظر {n} اندراجات قبول کریں…",
    "open": "کھولیں",
    "Register": "رجسٹر",
    "Mauza, tehsil, district": "موضع، تحصیل، ضلع",
    "Year": "سال",
    "Page": "صفحہ",
    "Row": "سطر",
    "Approved by": "منظور کنندہ",
    "Nothing is waiting for a decision here.": "یہاں کوئی اندراج فیصلے کا منتظر نہیں۔",
    "Next page →": "اگلا صفحہ ←",
    "The entry was accepted.": "اندراج قبول ہو گیا۔",
    "The entry was rejected.": "اندراج مسترد ہو گیا۔",
    "The batch's entries were accepted.": "بیچ کے اندراجات قبول ہو گئے۔",
    "batch={batch}: no batch with this id was received": "بیچ {batch}: اس شناخت کا کوئی بیچ موصول نہیں ہوا",
    "There is no register kind {kind}: choose one in the Register kind list.":
        "رجسٹر کی کوئی قسم {kind} نہیں: «رجسٹر کی قسم» کی فہرست میں سے ایک چنیں۔",
    "Daftar: an entry for a decision": "دفتر: فیصلے کے لیے ایک اندراج",
    "hadbast no. {n}": "حدبست نمبر {n}",
    "year {n}": "سال {n}",
    "volume {n}": "جلد {n}",
    "Approved at the office by": "دفتر میں منظور کنندہ",
    "Verified by": "تصدیق کنندہ",
    "Values": "اندراج کی قدریں",
    "(none)": "(کوئی نہیں)",
    "Entry {entry} version {version}; batch {batch}, received {when} (UTC)":
        "اندراج {entry} نسخہ {version}؛ بیچ {batch}، وصولی {when} (UTC)",
    "Decision": "فیصلہ",
    "Accept": "قبول کریں",
    "Reject": "مسترد کریں",
    "Reason for rejecting (required; the office sees it):": "مسترد کرنے کی وجہ (لازمی؛ دفتر کو دکھائی جاتی ہے):",
    "This entry was {state}: {reason}.": "یہ اندراج {state} ہو چکا ہے: {reason}۔",
    "This entry was {state}.": "یہ اندراج {state} ہو چکا ہے۔",
    "received": "موصول شدہ",
    "accepted": "قبول",
    "rejected": "مسترد",
    "page {n} of the register": "رجسٹر کا صفحہ {n}",
    "{link} ({kind}: the browser may not show it here)": "{link} ({kind}: ممکن ہے براؤزر اسے یہاں نہ دکھائے)",
    "Open the page image": "صفحے کی تصویر کھولیں",
    "This entry names no page image.": "اس اندراج کے ساتھ صفحے کی کوئی تصویر نہیں۔",
    "← back to the entries waiting for a decision": "→ فیصلے کے منتظر اندراجات پر واپس",
    "Entry": "اندراج",
    "{kind}: page {page}, row {row}": "{kind}: صفحہ {page}، سطر {row}",
    "Say why the entry is rejected (the office is shown the reason): nothing was changed.":
        "بتائیں کہ اندراج کیوں مسترد کیا جا رہا ہے (دفتر کو وجہ دکھائی جاتی ہے): کچھ تبدیل نہیں ہوا۔",
    "No such entry": "ایسا کوئی اندراج نہیں",
    "There is no entry {n} on this server.": "اس سرور پر اندراج {n} موجود نہیں۔",
    "No such batch": "ایسا کوئی بیچ نہیں",
    "No batch {batch} was received.": "بیچ {batch} موصول نہیں ہوا۔",
    "Daftar: accept a batch": "دفتر: پورا بیچ قبول کریں",
    "Batch {batch}": "بیچ {batch}",
    "None of its entries waits for a decision.": "اس کا کوئی اندراج فیصلے کا منتظر نہیں۔",
    "← entries waiting for a decision": "→ فیصلے کے منتظر اندراجات",
    "Accept a whole batch?": "پورا بیچ قبول کریں؟",
    "Entries in the batch": "بیچ میں اندراجات",
    "Waiting for a decision": "فیصلے کے منتظر",
    "All {n} entries of this batch waiting for a decision will be {accepted}; the office is told at its next sync. "
    "Entries decided already keep their decision.":
        "اس بیچ کے فیصلے کے منتظر تمام {n} اندراجات {accepted} کیے جائیں گے؛ دفتر کو اس کی اگلی ہم آہنگی پر اطلاع ہو "
        "گی۔ جن اندراجات کا فیصلہ پہلے ہو چکا ان کا فیصلہ برقرار رہے گا۔",
    "Accept {n} entries": "{n} اندراجات قبول کریں",
    "Cancel: look at them first": "منسوخ: پہلے انہیں دیکھیں",
})

# The server's messages (ingest.IngestError's, as kept in the refusals and the trail, and as the
# review shows them); values {0}, {1}… are matched, each itself translated when it is in the table.
UR.update({
    # deciding at the review
    "entry {0} (version {1}) is not on this server": "اندراج {0} (نسخہ {1}) اس سرور پر موجود نہیں",
    "entry {0} v{1} was {2} meanwhile (another sign-in or a script): nothing was changed":
        "اندراج {0} نسخہ {1} کا فیصلہ اس دوران ہو چکا ہے: {2} (کسی اور داخلے یا اسکرپٹ سے)؛ کچھ تبدیل نہیں ہوا",
    "accepted ({0})": "قبول ({0})",
    "rejected ({0})": "مسترد ({0})",
    "batch {0} is not on this server": "بیچ {0} اس سرور پر موجود نہیں",
    "batch {0} has {1} entries waiting, not the {2} the confirmation showed (some were decided meanwhile): nothing "
    "was accepted; look at it again":
        "بیچ {0} کے {1} اندراجات منتظر ہیں، تصدیق کے صفحے پر دکھائے گئے {2} نہیں (اس دوران کچھ کا فیصلہ ہو گیا): کچھ "
        "قبول نہیں کیا گیا؛ اسے دوبارہ دیکھیں",
    "decision must be 'accepted' or 'rejected'": "فیصلہ «قبول» یا «مسترد» ہونا چاہیے",
    "say why an entry is rejected": "بتائیں کہ اندراج کیوں مسترد کیا جا رہا ہے",
    "entry {0} v{1} has not been received": "اندراج {0} نسخہ {1} موصول نہیں ہوا",
    "office={0}: no office with this id is enrolled (the offices and their ids are listed by /v1/admin/batches)":
        "دفتر {0}: اس شناخت کا کوئی دفتر منسلک نہیں (دفاتر اور ان کی شناختیں \u2066/v1/admin/batches\u2069 میں درج ہیں)",
    "template={0}: no register kind of that name (the built-in kinds are {1}; no received entry is of an office's "
    "own kind of that name either)":
        "رجسٹر کی قسم {0}: اس نام کی کوئی رجسٹر قسم نہیں (پہلے سے موجود اقسام {1} ہیں؛ کوئی موصولہ اندراج بھی کسی دفتر "
        "کی اپنی اس نام کی قسم کا نہیں)",
    # enrolment (the trail's enrol.refused)
    "too many failed enrolments {0} ({1} in the last hour): try again in {2} {3}, checking the code letter by "
    "letter, or ask the operator for a new code":
        "منسلک ہونے کی بہت زیادہ ناکام کوششیں {0} (پچھلے ایک گھنٹے میں {1}): {2} {3} بعد دوبارہ کوشش کریں اور کوڈ "
        "حرف بہ حرف جانچیں، یا منتظم سے نیا کوڈ لیں",
    "from this address": "اس پتے سے",
    "for the office '{0}'": "دفتر '{0}' کے لیے",
    "minutes": "منٹ",
    "minute": "منٹ",
    "a code must be valid for more than 0 and at most 720 hours": "کوڈ کی مدت ۰ سے زیادہ اور زیادہ سے زیادہ ۷۲۰ گھنٹے ہونی چاہیے",
    "enrolment needs a one-time enrolment code from the central server's operator (`daftar server enrol-code`)":
        "منسلک ہونے کے لیے مرکزی سرور کے منتظم سے ایک بار کا کوڈ درکار ہے (\u2066`daftar server enrol-code`\u2069)",
    "this enrolment code is not one the central server issued (check it letter by letter, or ask the operator for "
    "a new one)":
        "یہ کوڈ مرکزی سرور کا جاری کردہ نہیں (اسے حرف بہ حرف جانچیں، یا منتظم سے نیا کوڈ لیں)",
    "this enrolment code was used already ({0}): a code works once; ask the operator for a new one":
        "یہ کوڈ پہلے ہی استعمال ہو چکا ({0}): کوڈ ایک بار چلتا ہے؛ منتظم سے نیا کوڈ لیں",
    "this enrolment code expired at {0}: ask the operator for a new one":
        "اس کوڈ کی مدت {0} پر ختم ہو گئی: منتظم سے نیا کوڈ لیں",
    "this office is enrolled already: a new key for it needs a code the operator issues for this very office "
    "(`daftar server enrol-code --office-id {0}`)":
        "یہ دفتر پہلے سے منسلک ہے: اس کی نئی کلید کے لیے منتظم کا اسی دفتر کے لیے جاری کردہ کوڈ درکار ہے "
        "(\u2066`daftar server enrol-code --office-id {0}`\u2069)",
    "this code was issued for another office's new key, not for this one: ask the operator for this office's code":
        "یہ کوڈ کسی اور دفتر کی نئی کلید کے لیے جاری ہوا تھا، اس دفتر کے لیے نہیں: منتظم سے اس دفتر کا کوڈ لیں",
    "public_key must be base64 of a raw 32-byte Ed25519 key": "\u2066public_key\u2069 کسی ۳۲ بائٹ \u2066Ed25519\u2069 کلید کا \u2066base64\u2069 ہونا چاہیے",
    "no office with id {0} is enrolled": "شناخت {0} کا کوئی دفتر منسلک نہیں",
    "no office with id {0} is enrolled: issue a code for a new office with its name and district instead":
        "شناخت {0} کا کوئی دفتر منسلک نہیں: اس کی بجائے نئے دفتر کے نام اور ضلع کے ساتھ کوڈ جاری کریں",
    "name the office and its district (a code is for one office)": "دفتر اور اس کے ضلع کا نام لکھیں (ایک کوڈ ایک دفتر کے لیے ہے)",
    # batches refused (network or USB)
    "this office's access was revoked by the central server; ask the operator":
        "مرکزی سرور نے اس دفتر کی رسائی منسوخ کر دی ہے؛ منتظم سے رابطہ کریں",
    "the manifest is incomplete or malformed: {0}": "بیچ کی فہرست نامکمل یا بگڑی ہوئی ہے: {0}",
    "the batch was sealed by another office than this device's": "یہ بیچ اس آلے کے دفتر کی بجائے کسی اور دفتر نے مہر بند کیا",
    "the batch signature does not match the office key: the batch was changed after sealing, or the office key is "
    "not the enrolled one":
        "بیچ کے دستخط دفتر کی کلید سے نہیں ملتے: بیچ مہر بند ہونے کے بعد بدلا گیا، یا دفتر کی کلید منسلک شدہ کلید نہیں",
    "the manifest lists an entry version twice": "فہرست میں اندراج کا ایک نسخہ دو بار درج ہے",
    "the entries sent are not the entries in the manifest": "بھیجے گئے اندراجات فہرست والے اندراجات نہیں",
    "entry {0} v{1}: its content does not match its hash": "اندراج {0} نسخہ {1}: اس کا مواد اس کے ہیش سے نہیں ملتا",
    "'{0}' is not a SHA-256 hash": "'{0}' کوئی \u2066SHA-256\u2069 ہیش نہیں",
    "{0} page image(s) have not been uploaded yet": "صفحات کی {0} تصاویر ابھی اپ لوڈ نہیں ہوئیں",
    "a different batch with this batch id was already received": "اس شناخت کا ایک مختلف بیچ پہلے ہی موصول ہو چکا ہے",
    "{0} entry version(s) were already received with different content":
        "اندراجات کے {0} نسخے پہلے ہی مختلف مواد کے ساتھ موصول ہو چکے ہیں",
    "not a complete Daftar batch file: in its batch.json {0}": "دفتر کی مکمل بیچ فائل نہیں: اس کی \u2066batch.json\u2069 میں {0}",
    "not a Daftar batch file (a zip with batch.json): it holds no batch.json":
        "دفتر کی بیچ فائل نہیں (\u2066batch.json\u2069 والی \u2066zip\u2069): اس میں \u2066batch.json\u2069 نہیں",
    "not a Daftar batch file (a zip with batch.json): its batch.json cannot be read ({0})":
        "دفتر کی بیچ فائل نہیں (\u2066batch.json\u2069 والی \u2066zip\u2069): اس کی \u2066batch.json\u2069 پڑھی نہیں جا سکتی ({0})",
    "not a Daftar batch file (a zip with batch.json): {0}": "دفتر کی بیچ فائل نہیں (\u2066batch.json\u2069 والی \u2066zip\u2069): {0}",
    "office {0} is not enrolled: enrol it before importing its batches":
        "دفتر {0} منسلک نہیں: اس کے بیچ درآمد کرنے سے پہلے اسے منسلک کریں",
    "office {0} was revoked ({1}): its key is refused; issue it a code and enrol it again first":
        "دفتر {0} کی رسائی منسوخ ہے ({1}): اس کی کلید نامنظور ہے؛ پہلے اسے کوڈ جاری کر کے دوبارہ منسلک کریں",
    "image {0}… in the batch file is damaged: {1}": "بیچ فائل میں تصویر {0}… خراب ہے: {1}",
    # the offices agree that this server's clock is wrong (sync/clocks.py)
    "This server’s clock seems wrong": "اس سرور کی گھڑی غلط لگتی ہے",
    "{n} minutes": "{n} منٹ",
    "{n} hours": "{n} گھنٹے",
    "{n} days": "{n} دن",
    "{agreeing} of the {seen} offices that synced in the last day agree with each other that this server’s clock "
    "is {span} behind.":
        "پچھلے ایک دن میں ہم آہنگی کرنے والے {seen} دفاتر میں سے {agreeing} آپس میں متفق ہیں کہ اس سرور کی گھڑی {span} پیچھے ہے۔",
    "{agreeing} of the {seen} offices that synced in the last day agree with each other that this server’s clock "
    "is {span} ahead.":
        "پچھلے ایک دن میں ہم آہنگی کرنے والے {seen} دفاتر میں سے {agreeing} آپس میں متفق ہیں کہ اس سرور کی گھڑی {span} آگے ہے۔",
    "Set the server’s date and time (NTP). Until then an office whose clock agrees with the others is told that "
    "the server’s clock is wrong, not its own; the times this server records are wrong.":
        "سرور کی تاریخ اور وقت درست کریں ⁦(NTP)⁩۔ تب تک جس دفتر کی گھڑی باقی دفاتر سے متفق ہو اسے بتایا جاتا ہے کہ "
        "غلطی سرور کی گھڑی میں ہے، اس کی اپنی میں نہیں؛ یہ سرور جو اوقات درج کرتا ہے وہ غلط ہیں۔",
    # named operators (sync/server/operators.py): the API refuses
    "operator {0} is disabled: this token is refused (ask an administrator of the central server)":
        "آپریٹر {0} غیر فعال ہے: یہ ٹوکن نامنظور ہے (مرکزی سرور کے منتظم سے رابطہ کریں)",
    "operator {0} is a reviewer: issuing enrolment codes and revoking offices needs an operator with the admin role":
        "آپریٹر {0} جائزہ کار ہے: منسلک ہونے کے کوڈ جاری کرنا اور دفاتر کی رسائی منسوخ کرنا منتظم کے عہدے والے آپریٹر کا "
        "کام ہے",
    # the password rules (records/credentials.py, as sync/server/operators.py says them), on /admin/password
    "the password must have at least {0} characters": "پاس ورڈ میں کم از کم {0} حروف ہونے چاہئیں",
    "the password must not be the operator's name": "پاس ورڈ آپریٹر کے نام جیسا نہیں ہونا چاہیے",
    "this office sent no entry {0} version {1} that the server holds":
        "اس دفتر نے اندراج {0} نسخہ {1} نہیں بھیجا جو سرور کے پاس ہو",
})
