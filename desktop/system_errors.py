"""What the operating system and the libraries say went wrong, in the interface language.

The Qt-free core (records/, ocr/, sync/) writes its messages in English and often puts the
words of an OSError or a library's exception inside them: "Cannot write the backup X: No space
left on device", "x.pdf: not a readable PDF (Failed to load document (PDFium: Data format
error).)", "[Errno 111] Connection refused". desktop.i18n.message translates the message
around such words; this module turns the words themselves into a short phrase a patwari
reads ("ڈسک بھر چکی ہے"), in one place:

- `reason(e)`: an exception in the interface language (English: `str(e)`, unchanged).
- `in_text(text)`: the English error words inside a text replaced by their phrase (used by
  desktop.i18n.message on every core message; English text stays as it is).

Where the error has a number (an OSError's errno) it is kept in brackets, "(Errno 28)":
it names the exact condition in any language, so IT staff can look it up or match it
against the log, which keeps the English words (the core and the audit trail are left as
they are). The libraries' texts (SQLite, zip, Pillow, PDFium, TLS) are not kept: each phrase
stands for one English text, and the log has it. A file or folder's path stays, kept left
to right. The phrases live in the context "SystemErrors" of the .ts file, for translators.
"""

from __future__ import annotations

import errno
import os
import re

from desktop.qt import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "SystemErrors"
LRI, PDI = "\u2066", "\u2069"

# ------------------------------------------------------------------------------ the phrases
DISK_FULL = QT_TRANSLATE_NOOP("SystemErrors", "the disk is full")
NO_PERMISSION = QT_TRANSLATE_NOOP("SystemErrors", "permission denied: Daftar may not use this file or folder")
NOT_FOUND = QT_TRANSLATE_NOOP("SystemErrors", "the file or folder does not exist")
READ_ONLY = QT_TRANSLATE_NOOP("SystemErrors", "the disk is read-only: nothing can be written on it")
DISK_FAILING = QT_TRANSLATE_NOOP("SystemErrors", "the disk could not be read or written (it may be failing or was "
                                                 "unplugged)")
EXISTS = QT_TRANSLATE_NOOP("SystemErrors", "a file or folder of that name is already there")
NAME_TOO_LONG = QT_TRANSLATE_NOOP("SystemErrors", "the file name or folder path is too long")
BUSY = QT_TRANSLATE_NOOP("SystemErrors", "the file or disk is in use by another program")
NOT_A_FOLDER = QT_TRANSLATE_NOOP("SystemErrors", "a file is where a folder should be")
IS_A_FOLDER = QT_TRANSLATE_NOOP("SystemErrors", "this is a folder, not a file")
TOO_MANY_OPEN = QT_TRANSLATE_NOOP("SystemErrors", "too many files are open: close other programs and try again")
REFUSED = QT_TRANSLATE_NOOP("SystemErrors", "the server refused the connection (is it running, at this address?)")
NO_NAME = QT_TRANSLATE_NOOP("SystemErrors", "the server's name was not found (check the address and the internet "
                                            "connection)")
TIMED_OUT = QT_TRANSLATE_NOOP("SystemErrors", "the connection is too slow or stopped answering")
UNREACHABLE = QT_TRANSLATE_NOOP("SystemErrors", "the network cannot reach the server")
CUT_OFF = QT_TRANSLATE_NOOP("SystemErrors", "the connection was cut off")
CERTIFICATE = QT_TRANSLATE_NOOP("SystemErrors", "the server's certificate could not be verified (ask IT to check the "
                                                "CA bundle)")
NOT_ZIP = QT_TRANSLATE_NOOP("SystemErrors", "the file is not a ZIP file or it is damaged")
NOT_IMAGE = QT_TRANSLATE_NOOP("SystemErrors", "the file is not an image Daftar can read, or it is damaged")
BAD_PDF = QT_TRANSLATE_NOOP("SystemErrors", "the file is not a PDF or it is damaged")
PDF_PASSWORD = QT_TRANSLATE_NOOP("SystemErrors", "the PDF is locked with a password")
DB_LOCKED = QT_TRANSLATE_NOOP("SystemErrors", "the database is busy with other work: try again in a moment")
DB_IO = QT_TRANSLATE_NOOP("SystemErrors", "the database could not be read or written on the disk (it may be failing "
                                          "or was unplugged)")
DB_DAMAGED = QT_TRANSLATE_NOOP("SystemErrors", "the database is damaged")
DB_READ_ONLY = QT_TRANSLATE_NOOP("SystemErrors", "the database may not be written (a read-only disk or no permission)")
DB_CANNOT_OPEN = QT_TRANSLATE_NOOP("SystemErrors", "the database file cannot be opened")
NOT_A_DB = QT_TRANSLATE_NOOP("SystemErrors", "the file is not a database, or its key is wrong")

BY_ERRNO: dict[int, str] = {
    errno.ENOSPC: DISK_FULL,
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.ENOENT: NOT_FOUND,
    errno.EROFS: READ_ONLY,
    errno.EIO: DISK_FAILING,
    errno.EEXIST: EXISTS,
    errno.ENAMETOOLONG: NAME_TOO_LONG,
    errno.EBUSY: BUSY,
    errno.ENOTDIR: NOT_A_FOLDER,
    errno.EISDIR: IS_A_FOLDER,
    errno.EMFILE: TOO_MANY_OPEN,
    errno.ENFILE: TOO_MANY_OPEN,
    errno.ECONNREFUSED: REFUSED,
    errno.ETIMEDOUT: TIMED_OUT,
    errno.ENETUNREACH: UNREACHABLE,
    errno.EHOSTUNREACH: UNREACHABLE,
    errno.ECONNRESET: CUT_OFF,
}
if hasattr(errno, "EDQUOT"):
    BY_ERRNO[errno.EDQUOT] = DISK_FULL

# Windows' own error numbers ([WinError N]) of the same conditions
BY_WINERROR: dict[int, str] = {2: NOT_FOUND, 3: NOT_FOUND, 5: NO_PERMISSION, 19: READ_ONLY, 32: BUSY, 33: BUSY,
                               39: DISK_FULL, 80: EXISTS, 112: DISK_FULL, 183: EXISTS, 206: NAME_TOO_LONG,
                               1117: DISK_FAILING, 10060: TIMED_OUT, 10061: REFUSED, 11001: NO_NAME}

# English texts of the libraries (case-insensitive), most particular first
_CERT = r"(?:\[SSL: CERTIFICATE_VERIFY_FAILED\] )?certificate verify failed(?:: [^()\n]*[^()\s])?(?: \(_ssl\.c:\d+\))?"
_SQL_TAIL = r"(?:\n\[SQL: .*?\](?:\n\[parameters: .*?\])?)?(?:\n\(Background on this error at: [^)\n]*\))?"
_SQL_HEAD = r"(?:\((?:sqlite3|sqlcipher3(?:\.dbapi2)?)\.\w+\) )?"
BY_TEXT: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(rx, re.I | re.S), phrase) for rx, phrase in (
    (_CERT, CERTIFICATE),
    (r"Failed to load document \(PDFium: Incorrect password error\)\.?", PDF_PASSWORD),
    (r"Failed to load document \(PDFium: [^)]*\)\.?", BAD_PDF),
    (r"cannot identify image file(?: '[^'\n]*'| <[^>\n]*>)?", NOT_IMAGE),
    (r"File is not a zip file|Bad magic number for (?:file header|central directory)|Truncated file header",
     NOT_ZIP),
    (_SQL_HEAD + r"database is locked" + _SQL_TAIL, DB_LOCKED),
    (_SQL_HEAD + r"disk I/O error" + _SQL_TAIL, DB_IO),
    (_SQL_HEAD + r"database disk image is malformed" + _SQL_TAIL, DB_DAMAGED),
    (_SQL_HEAD + r"database or disk is full" + _SQL_TAIL, DISK_FULL),
    (_SQL_HEAD + r"attempt to write a readonly database" + _SQL_TAIL, DB_READ_ONLY),
    (_SQL_HEAD + r"unable to open database file" + _SQL_TAIL, DB_CANNOT_OPEN),
    (_SQL_HEAD + r"file is not a database" + _SQL_TAIL, NOT_A_DB),
    (r"\b(?:Name or service not known|Temporary failure in name resolution|No address associated with hostname|"
     r"nodename nor servname provided, or not known|getaddrinfo failed)\b", NO_NAME),
    (r"\b(?:(?:Connection|The (?:read|write|handshake) operation) )?timed out\b", TIMED_OUT),
))

# "[Errno 28] No space left on device: '/media/usb/x.tar'" (one or two file names)
_ERRNO = re.compile(r"\[(Errno|WinError) (-?\d+)\] ([^\[\]\n']*?)(?:: '([^'\n]*)'(?: -> '([^'\n]*)')?)?"
                    r"(?=$|\n|[);,]|\.\s|\.$|: )")


# The OS's own words for the errors above ("No space left on device") -> their number, as the
# core puts an OSError's `strerror` alone in its messages; longest first in the pattern
_STRERROR_CODES = {os.strerror(code): code for code in BY_ERRNO
                   if os.strerror(code) and not os.strerror(code).startswith("Unknown")}
_STRERROR = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(_STRERROR_CODES, key=len, reverse=True)) + r")\b")


# ------------------------------------------------------------------------------ the answers
def _tr(phrase: str) -> str:
    return QCoreApplication.translate(CONTEXT, phrase)


def _urdu() -> bool:
    from desktop.i18n import current_language

    return current_language() != "en"


def _with_number(phrase: str, number: int | None, paths: tuple[str | None, ...] = (), kind: str = "Errno") -> str:
    text = _tr(phrase)
    shown = [p for p in paths if p]
    if shown:
        text += ": " + " → ".join(f"{LRI}{p}{PDI}" for p in shown)
    if number is not None:
        text += f" {LRI}({kind} {number}){PDI}"
    return text


CAUSES_LOOKED_AT = 5  # how far down an exception's chain of causes a phrase is looked for


def phrase_of(e: BaseException) -> str | None:
    """The phrase (interface language) for a known exception, or for the first known one among
    its first CAUSES_LOOKED_AT causes (`raise ... from`, or raised while handling); None for one
    not known here."""
    seen: set[int] = set()
    at: BaseException | None = e
    while at is not None and id(at) not in seen and len(seen) <= CAUSES_LOOKED_AT:
        seen.add(id(at))
        phrase = _phrase_here(at)
        if phrase is not None:
            return phrase
        at = at.__cause__ or at.__context__
    return None


def _phrase_here(e: BaseException) -> str | None:
    """The phrase for `e` itself, its causes not looked at."""
    if isinstance(e, OSError) and getattr(e, "winerror", None) in BY_WINERROR:
        return _with_number(BY_WINERROR[e.winerror], e.winerror, (e.filename, e.filename2), "WinError")
    if isinstance(e, OSError) and e.errno in BY_ERRNO and not _library(e, "ssl"):
        return _with_number(BY_ERRNO[e.errno], e.errno, (_name(e.filename), _name(e.filename2)))
    names = {(c.__module__.split(".")[0], c.__name__) for c in type(e).__mro__}
    if ("httpx", "TimeoutException") in names or isinstance(e, TimeoutError):
        return _tr(TIMED_OUT)
    if ("zipfile", "BadZipFile") in names:
        return _tr(NOT_ZIP)
    if ("PIL", "UnidentifiedImageError") in names:
        return _tr(NOT_IMAGE)
    orig = getattr(e, "orig", None)  # SQLAlchemy's error around sqlite3's
    text = str(orig if isinstance(orig, BaseException) else e)
    for rx, phrase in BY_TEXT:
        if rx.fullmatch(text.strip()):
            return _tr(phrase)
    m = _ERRNO.fullmatch(text.strip())
    if m:
        return _errno_phrase(m)
    return None


def _library(e: BaseException, module: str) -> bool:
    return type(e).__module__.split(".")[0] == module


def _name(p) -> str | None:
    return None if p is None else os.fsdecode(p) if isinstance(p, bytes | os.PathLike) else str(p)


def reason(e: BaseException, english: str | None = None) -> str:
    """Why `e` happened, in the interface language: the phrase of a known OS or library error
    in Urdu; in English `english` (by default `str(e)`, its type when it says nothing) as it
    is, and in Urdu that text with its known parts translated for an unknown error
    (desktop.i18n.message)."""
    words = english or str(e) or type(e).__name__
    if not _urdu():
        return words
    from desktop.i18n import message

    return phrase_of(e) or message(words)


def _errno_phrase(m: re.Match) -> str | None:
    kind, number, words = m.group(1), int(m.group(2)), m.group(3).strip()
    table = BY_WINERROR if kind == "WinError" else BY_ERRNO
    phrase = table.get(number) if number >= 0 else None
    if phrase is None:  # getaddrinfo's numbers (-2, -3) and others: by their words
        for rx, p in BY_TEXT:
            if rx.fullmatch(words.rstrip(".")):
                phrase = p
                break
    if phrase is None:
        return None
    return _with_number(phrase, number, (m.group(4), m.group(5)), kind)


def in_text(text: str) -> str:
    """`text` with the English words of known OS and library errors inside it replaced by
    their phrases in the interface language; English text is returned as it is."""
    if not text or not _urdu():
        return text
    text = _ERRNO.sub(lambda m: _errno_phrase(m) or m.group(0), text)
    for rx, phrase in BY_TEXT:
        text = rx.sub(lambda _m, p=phrase: _tr(p), text)
    return _STRERROR.sub(lambda m: _tr(BY_ERRNO[_STRERROR_CODES[m.group(1)]]), text)
