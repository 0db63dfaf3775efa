"""Maintain the interface translations (resources/translations/daftar_LANG.ts).

    python scripts/translations.py update            # lupdate desktop/ -> .ts (keeps translations)
    python scripts/translations.py missing [ur]      # untranslated English sources, as JSON
    python scripts/translations.py fill FILE.json    # {"English": "اردو", "Context|English": ...}
                                                     # plural forms: {"{n} page(s)": ["{n} صفحہ", "{n} صفحات"]}
    python scripts/translations.py compile           # lrelease every .ts -> .qm (make setup)

A text shown with a count is written `self.tr("{n} page(s)", "", n)`: lupdate marks it
numerus and Urdu gives it two forms, one (n = 1) and other; `missing` lists it with a list
of two, `fill` takes the list (the app picks the form by n, desktop.i18n.plural_form).

English is the source language. A source text translated once is filled into every other
context holding the same text (`update` does it). Qt Linguist (pyside6-linguist) edits the
.ts file too.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"
LANGS = ("ur",)
NUMERUS_FORMS = 2  # Urdu's plural forms in Qt (lrelease): one (n = 1) and other
BIN = Path(sys.executable).parent


def ts_file(lang: str) -> Path:
    return TS_DIR / f"daftar_{lang}.ts"


def _sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop").rglob("*.py"))


def _load(path: Path) -> ET.ElementTree:
    return ET.parse(path)


def _save(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def _messages(tree: ET.ElementTree):
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            yield name, msg


def _numerus(msg: ET.Element) -> bool:
    """A message with plural forms: `self.tr(TEXT, "", n)` in the source (Urdu: one, other)."""
    return msg.get("numerus") == "yes"


def _set(msg: ET.Element, text) -> None:
    """Translate `msg`: a text, or for a message with plural forms the list of its forms
    (one, other); a single text given to such a message serves as every form."""
    tr = msg.find("translation")
    if tr is None:
        tr = ET.SubElement(msg, "translation")
    if _numerus(msg):
        forms = [text] * NUMERUS_FORMS if isinstance(text, str) else list(text)
        for f in list(tr):
            tr.remove(f)
        tr.text = None
        for form in forms:
            ET.SubElement(tr, "numerusform").text = form
    else:
        tr.text = text if isinstance(text, str) else text[-1]
    tr.attrib.pop("type", None)


def _value(msg: ET.Element):
    """What `msg` is translated as: its text, or the tuple of its plural forms."""
    tr = msg.find("translation")
    if tr is None:
        return None
    if _numerus(msg):
        return tuple(f.text or "" for f in tr.iter("numerusform"))
    return tr.text


def _done(msg: ET.Element) -> bool:
    tr = msg.find("translation")
    if tr is None or tr.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    value = _value(msg)
    return bool(value) and all(value) if _numerus(msg) else bool(value)


# Placeholders whose values are paths, numbers or dates: kept left to right inside Urdu
# text by a Unicode isolate (else bidi turns `12-5` into `5-12` and moves a path's slashes).
LTR_PLACEHOLDERS = re.compile(r"(?<!\u2066)(\{(?:path|first|last|t|code|rows|hadbast|year|conf[^}]*|patterns|when|n|p|id|key)\})")


def isolate_placeholders(tree: ET.ElementTree) -> None:
    """Wrap value placeholders of every Urdu translation (each plural form too) in U+2066 ... U+2069."""
    for _c, msg in _messages(tree):
        tr = msg.find("translation")
        if tr is None:
            continue
        for el in (tr, *tr.iter("numerusform")):
            if el.text and el.text.strip():
                el.text = LTR_PLACEHOLDERS.sub("\u2066\\1\u2069", el.text)


def _key(msg: ET.Element) -> tuple[str | None, bool]:
    """A message's English source and whether it has plural forms: what a translation serves."""
    return msg.findtext("source"), _numerus(msg)


def _finished(tree: ET.ElementTree) -> dict:
    """{_key: translation} of the finished messages of `tree` (any context)."""
    return {_key(msg): _value(msg) for _c, msg in _messages(tree) if _done(msg)}


def _fill_from(tree: ET.ElementTree, known: dict) -> int:
    """Give every untranslated message of `tree` the translation `known` has for its key."""
    n = 0
    for _c, msg in _messages(tree):
        if not _done(msg) and known.get(_key(msg)):
            _set(msg, known[_key(msg)])
            n += 1
    return n


def same_text_fill(tree: ET.ElementTree) -> int:
    """Give every untranslated message the translation of the same source in another context."""
    return _fill_from(tree, _finished(tree))


def counted_messages() -> dict[str, str]:
    """The core's messages holding a count (desktop/i18n_strings.py COUNTED_MESSAGES)."""
    sys.path.insert(0, str(ROOT))
    from desktop.i18n_strings import COUNTED_MESSAGES

    return COUNTED_MESSAGES


def mark_counted(tree: ET.ElementTree) -> int:
    """Give the core's messages holding a count plural forms (listed as QT_TRANSLATE_NOOP,
    which lupdate cannot mark): a translation made before is kept as the plural ("other")
    form, and the message left unfinished until its singular ("one") form is filled."""
    counted, n = counted_messages(), 0
    for ctx, msg in _messages(tree):
        if ctx != "Messages" or msg.findtext("source") not in counted or _numerus(msg):
            continue
        before = _value(msg) if _done(msg) else None
        msg.set("numerus", "yes")
        _set(msg, ["", before or ""])
        msg.find("translation").set("type", "unfinished")
        n += 1
    return n


# Menu entries declared as data: ActionSpec("name", "&Menu", "Text…", ...)
_ACTION_SPEC = re.compile(r'ActionSpec\(\s*"[^"]*",\s*"([^"]+)",\s*"([^"]+)"')


def run_time_strings() -> list[str]:
    """English texts of ActionSpec menus and actions (translated by `self.tr(spec.text)`)."""
    found: list[str] = []
    for src in _sources():
        for menu, text in _ACTION_SPEC.findall((ROOT / src).read_text(encoding="utf-8")):
            found += [menu, text]
    return sorted(set(found))


def _add_to_context(tree: ET.ElementTree, context: str, sources: list[str]) -> None:
    root = tree.getroot()
    ctx = next((c for c in root.iter("context") if c.findtext("name") == context), None)
    if ctx is None:
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = context
    have = {m.findtext("source") for m in ctx.iter("message")}
    for src in sources:
        if src not in have:
            msg = ET.SubElement(ctx, "message")
            ET.SubElement(msg, "source").text = src
            ET.SubElement(msg, "translation", type="unfinished")


def update() -> None:
    """lupdate desktop/, add the ActionSpec texts, keep every translation made before."""
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        ts = ts_file(lang)
        before = {}
        if ts.is_file():
            before = _finished(_load(ts))
        cmd = [str(BIN / "pyside6-lupdate"), *_sources(), "-no-obsolete", "-locations", "none",
               "-source-language", "en", "-target-language", f"{lang}_PK", "-ts", str(ts)]
        subprocess.run(cmd, cwd=ROOT, check=True)
        tree = _load(ts)
        _add_to_context(tree, "Daftar", run_time_strings())
        mark_counted(tree)
        _fill_from(tree, before)
        n = same_text_fill(tree)
        isolate_placeholders(tree)
        _save(tree, ts)
        print(f"{ts.name}: {n} filled from the same text elsewhere")


def missing(lang: str = "ur") -> dict:
    """Untranslated English sources; a text with plural forms asks for a list ["one", "other"]."""
    tree = _load(ts_file(lang))
    return {msg.findtext("source"): [""] * NUMERUS_FORMS if _numerus(msg) else ""
            for _c, msg in _messages(tree) if not _done(msg)}


def fill(mapping: dict[str, str], lang: str = "ur") -> int:
    ts = ts_file(lang)
    tree = _load(ts)
    n = 0
    for ctx, msg in _messages(tree):
        src = msg.findtext("source")
        text = mapping.get(f"{ctx}|{src}") or mapping.get(src)
        if text and (isinstance(text, str) or all(text)):
            _set(msg, text)
            n += 1
    same_text_fill(tree)
    isolate_placeholders(tree)
    _save(tree, ts)
    return n


def compile_all() -> None:
    """lrelease every .ts into the .qm beside it, renamed into place (`desktop.i18n.compile_ts`:
    a running Daftar has its .qm mapped in memory, and rewriting that file crashed it)."""
    sys.path.insert(0, str(ROOT))
    from desktop.i18n import compile_ts

    for lang in LANGS:
        ts = ts_file(lang)
        if not compile_ts(ts, ts.with_suffix(".qm")):
            raise SystemExit(f"{ts}: pyside6-lrelease could not compile it")


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "compile"
    if cmd == "update":
        update()
    elif cmd == "missing":
        print(json.dumps(missing(*(argv[1:2] or ["ur"])), ensure_ascii=False, indent=1))
    elif cmd == "fill":
        print(fill(json.loads(Path(argv[1]).read_text(encoding="utf-8"))), "messages translated")
    elif cmd == "compile":
        compile_all()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
