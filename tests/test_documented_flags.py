"""The command lines the documents give IT staff and the offices (README.md, docs/install.md,
docs/sync-api.md, docs/backup.md): every option they write after a `daftar` command is one
that command's --help knows, so that a documented line is never refused as it is written."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from daftar.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ("README.md", "docs/install.md", "docs/sync-api.md", "docs/backup.md")


def _commands() -> set[str]:
    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    return set(sub.choices)


def _help(words: list[str]) -> tuple[list[str], str] | None:
    """The deepest command of `words` that has a --help, and that help."""
    for n in range(len(words), 0, -1):
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                main([*words[:n], "--help"])
        except SystemExit as e:
            if e.code == 0:
                return words[:n], out.getvalue()
    return None


def documented_lines(text: str) -> list[tuple[list[str], list[str]]]:
    """(command words, options) of each `daftar COMMAND …` written in a document: in a code
    block (continued lines joined) or between backticks; `…` elisions end the line."""
    text = text.replace("\\\n", " ")
    commands, found = _commands(), []
    for m in re.finditer(r"(?:^|`|\s)daftar ((?:[a-z][a-z-]*)(?: [a-z][a-z-]*)*)([^`\n|…]*)", text, re.M):
        words = m.group(1).split()
        if words[0] in commands:
            found.append((words, re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", m.group(2))))
    return found


@pytest.mark.parametrize("doc", DOCS)
def test_every_documented_option_is_one_the_command_knows(doc):
    # GIVEN a document IT staff follow  WHEN each `daftar …` line in it is checked against the
    # command's own --help  THEN every option written there exists
    lines = documented_lines((ROOT / doc).read_text(encoding="utf-8"))
    assert lines, f"{doc} names no daftar command"
    wrong = []
    for words, options in lines:
        known = _help(words)
        assert known, f"{doc}: daftar {' '.join(words)} has no --help"
        sub, text = known
        wrong += [f"daftar {' '.join(sub)} {o}" for o in options if o not in text]
    assert not wrong, f"{doc} writes options its commands do not know: {wrong}"


def test_the_central_server_on_postgresql_is_documented_step_by_step():
    # GIVEN docs/install.md  THEN it says how IT makes the server's database and gives its
    # password (the server's messages point there), and starts it with the certificate
    text = (ROOT / "docs/install.md").read_text(encoding="utf-8")
    part = text.split("## A central server on PostgreSQL", 1)[1].split("\n## ", 1)[0]
    for needed in ("createuser --pwprompt daftar", "createdb --owner daftar daftar", "$PGPASSWORD", "~/.pgpass",
                   "--tls-cert", "--tls-key", "postgresql+psycopg://daftar@127.0.0.1:5432/daftar",
                   "daftar server operator add", "daftar server enrol-code"):
        assert needed in part, needed
    assert documented_lines(part) and all(o in _help(w)[1] for w, opts in documented_lines(part) for o in opts)
