"""Fast bulk rows for search tests and bench/search_bench.py (plain sqlite3 executemany).

The search keys are written exactly as records.services keeps them (normalised text,
khasra list as ' tok tok '), so searches over these rows behave as over typed rows.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from records.text import normalise

NAMES = ("محمد اسلم", "غلام رسول", "محمد اکرم", "اللہ دتہ", "کریم بخش", "علی احمد", "نور محمد",
         "شاہد حسین", "بشیر احمد", "منظور حسین", "عبدالغفور", "رحیم داد")
ARABIC_FORMS = str.maketrans({"ی": "ي", "ک": "ك"})  # how some keyboards and OCR type them


@dataclass(frozen=True)
class BulkRow:
    entry_id: int
    khewat: str
    khasras: tuple[str, ...]
    owner: str  # as typed (may hold Arabic yeh/kaf)


def bulk_rows(n: int, seed: int = 1) -> list[tuple[str, tuple[str, ...], str]]:
    """n (khewat, khasra tokens, owner) tuples: 20 rows per khewat, 1-3 khasras per row."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        khewat = str(i // 20 + 1)
        khasras = tuple(
            str(rng.randint(1, 30000)) + (f"/{rng.randint(1, 25)}" if rng.random() < 0.5 else "")
            for _ in range(rng.randint(1, 3))
        )
        owner = f"{rng.choice(NAMES)} ولد {rng.choice(NAMES)} سکنہ دیہہ {i}"
        if rng.random() < 0.3:
            owner = owner.translate(ARABIC_FORMS)
        out.append((khewat, khasras, owner))
    return out


def insert_bulk(db_path: Path, register_id: int, rows) -> list[BulkRow]:
    """Insert rows as latest, not deleted entries of `register_id`; returns them with ids."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    con = sqlite3.connect(db_path)
    try:
        first = (con.execute("SELECT coalesce(max(id), 0) FROM entry").fetchone()[0]) + 1
        con.executemany(
            "INSERT INTO entry (id, uuid, version, register_id, page_id, row_no, state, is_latest, "
            "deleted, created_at, updated_at, search_khewat, search_khasra, search_owner) "
            "VALUES (?, ?, 1, ?, NULL, ?, 'draft', 1, 0, ?, ?, ?, ?, ?)",
            (
                (first + i, str(uuid.uuid4()), register_id, i + 1, now, now, normalise(k),
                 " " + " ".join(normalise(t) for t in ks) + " ", normalise(o))
                for i, (k, ks, o) in enumerate(rows)
            ),
        )
        from records.services import khasra_tokens

        con.executemany(
            "INSERT INTO search_token (entry_id, token) VALUES (?, ?)",
            ((first + i, t) for i, (_k, ks, _o) in enumerate(rows)
             for t in sorted(khasra_tokens(" ".join(normalise(x) for x in ks)))),
        )
        con.commit()
    finally:
        con.close()
    return [BulkRow(first + i, k, ks, o) for i, (k, ks, o) in enumerate(rows)]
