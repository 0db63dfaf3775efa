"""Keystrokes per field with and without Daftar's keying aids, and suggestion latency.

Replays the typing of generated jamabandi and girdawari registers whose owners, relations,
qoams and villages repeat as they do in a real mauza (Zipf-distributed families, several
khatoonis per khewat, one owner line per co-owner). The assisted clerk:
  - presses the ditto key (1 keystroke) when a field equals the one above;
  - accepts a derived value (next khasra, area from share) with 1 keystroke;
  - otherwise types letter by letter and takes a suggestion as soon as the wanted value or
    word is among the first 5 offered (arrow keys to reach it, then Enter);
  - in a copied-forward edition confirms an unchanged row with 1 keystroke.
Navigation keys (Tab) are the same in both cases and not counted.

Run: .venv/bin/python bench/keying_bench.py [--rows N] [--latency-rows N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import resources  # noqa: E402
from records.keying import derived_values  # noqa: E402
from records.suggest import Vocabulary  # noqa: E402
from records.templates import builtin  # noqa: E402

TOP_K = 5


def _lines(name: str) -> list[str]:
    return [ln.strip() for ln in resources.vocab_path(name).read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


class Mauza:
    """A mauza's families: owners drawn with Zipf-like repetition."""

    def __init__(self, rng: random.Random, families: int = 60):
        males, qoams, villages = _lines("male_names"), _lines("qoams"), _lines("villages")
        self.rng = rng
        self.village = rng.choice(villages)
        self.people = []
        for _ in range(families):
            qoam = rng.choice(qoams)
            father = rng.choice(males)
            for _ in range(rng.randint(1, 4)):  # brothers share father, qoam, village
                self.people.append(f"{rng.choice(males)} ولد {father} قوم {qoam} سکنہ {self.village}")
        self.weights = [1 / (i + 1) ** 0.9 for i in range(len(self.people))]
        self.cultivators = _lines("cultivators")
        self.irrigation = _lines("irrigation")

    def person(self) -> str:
        return self.rng.choices(self.people, self.weights)[0]


def jamabandi_rows(m: Mauza, n: int) -> list[dict[str, str]]:
    rng, rows, khewat, khasra = m.rng, [], 1, 100
    classes = [c.ur for c in builtin("jamabandi").field("land_class").choices]
    while len(rows) < n:
        owners = rng.randint(1, 4)
        khatoonis = rng.randint(1, 2)
        irrigation, lclass = rng.choice(m.irrigation), rng.choice(classes)
        people = [m.person() for _ in range(owners)]
        for kt in range(khatoonis):
            ks = [f"{khasra + i}" if rng.random() < 0.6 else f"{khasra + i}/{rng.randint(1, 9)}" for i in range(rng.randint(1, 3))]
            khasra += len(ks) + rng.randint(0, 2)
            kanal = rng.randint(2, 40)
            for p in people:
                rows.append({"khewat_no": str(khewat), "khatooni_no": str(khewat * 2 + kt), "patti": "",
                             "owner": p, "share": f"1/{owners}", "cultivator": rng.choice(m.cultivators[:3]),
                             "irrigation": irrigation, "khasra_nos": "، ".join(ks), "area": f"{kanal}-{rng.randint(0, 19)}",
                             "land_class": lclass, "rent": "", "remarks": ""})
        khewat += 1
    return rows[:n]


def girdawari_rows(m: Mauza, n: int) -> list[dict[str, str]]:
    rng, rows = m.rng, []
    crops = [c.ur for c in builtin("girdawari").field("crop").choices][:6]
    classes = [c.ur for c in builtin("girdawari").field("land_class").choices][:4]
    khasra, khewat = 100, 1
    for _ in range(n):
        owner = m.person()
        area = f"{rng.randint(1, 16)}-{rng.randint(0, 19)}"
        rows.append({"khasra_no": str(khasra), "khewat_no": str(khewat), "owner": owner,
                     "cultivator": owner if rng.random() < 0.5 else rng.choice(m.cultivators[:3]),
                     "area": area, "land_class": rng.choice(classes), "irrigation": rng.choice(m.irrigation),
                     "crop": rng.choice(crops), "crop_area": area, "remarks": ""})
        khasra += 1
        if rng.random() < 0.3:
            khewat += 1
    return rows


def keys_typed_with_suggestions(vocab: Vocabulary, field: str, target: str, register_id: int) -> int:
    """Letter-by-letter typing, taking a suggestion as soon as the wanted text is offered."""
    typed, keys = "", 0
    while typed != target:
        offers = vocab.suggest(field, typed, register_id=register_id, limit=TOP_K) if typed else []
        best = None
        for i, s in enumerate(offers):
            t = s.text
            if t == target or t.rstrip() == target:
                best = (i, target)
                break
            if s.kind == "word" and target.startswith(t) and len(t) > len(typed):
                best = best or (i, t)
        if best is not None:
            keys += best[0] + 1  # arrows to reach it, Enter to take it
            typed = best[1]
            continue
        typed = target[: len(typed) + 1]
        keys += 1
    return keys


def replay(template_id: str, rows: list[dict[str, str]], vocab: Vocabulary, register_id: int) -> tuple[int, int, dict]:
    tpl = builtin(template_id)
    plain = assisted = 0
    per_field: dict[str, list[int]] = {}
    done: list[dict[str, str]] = []
    for row in rows:
        cur: dict[str, str] = {}
        done.append(cur)
        for name in tpl.column_names:
            target = row.get(name, "")
            if not target:
                continue
            plain += len(target)
            if len(done) > 1 and done[-2].get(name) == target:
                k = 1  # ditto
            elif derived_values(tpl, done, len(done) - 1).get(name) == target:
                k = 1  # accept the derived value
            else:
                k = keys_typed_with_suggestions(vocab, name, target, register_id)
            assisted += k
            per_field.setdefault(name, [0, 0])
            per_field[name][0] += len(target)
            per_field[name][1] += k
            cur[name] = target
        for name, v in cur.items():
            vocab.add(name, v, register_id=register_id)
    return plain, assisted, per_field


def copy_forward_replay(rows: list[dict[str, str]], changed: float, rng: random.Random, vocab: Vocabulary) -> tuple[int, int]:
    """New edition: every row pre-filled; the clerk confirms (1 key) or retypes changed fields."""
    plain = assisted = 0
    for row in rows:
        plain += sum(len(v) for v in row.values())
        if rng.random() < changed:
            field = rng.choice(["owner", "share", "area", "cultivator"])
            assisted += keys_typed_with_suggestions(vocab, field, row[field], 2) + 1
        else:
            assisted += 1
    return plain, assisted


def latency(n_rows: int, seed: int) -> dict:
    rng = random.Random(seed)
    vocab = Vocabulary()
    vocab.mauza_of = {i: f"m{i}" for i in range(1, 51)}
    t0 = time.perf_counter()
    for r in range(n_rows):
        m = mauzas[r % len(mauzas)]
        vocab.add("owner", m.person(), register_id=1 + r % 50)
        vocab.add("cultivator", rng.choice(m.cultivators), register_id=1 + r % 50)
    build = time.perf_counter() - t0
    queries = []
    for _ in range(400):
        p = mauzas[rng.randrange(len(mauzas))].person()
        cut = rng.randint(1, min(len(p), 20))
        queries.append(p[:cut])
    queries += ["a", "m", "asl", "muh", "ghul", "محمد asl"]
    vocab.suggest("owner", "م", register_id=1)  # first call sorts the keys
    times = []
    for q in queries:
        t = time.perf_counter()
        vocab.suggest("owner", q, register_id=1 + rng.randrange(50))
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"rows": n_rows, "build_s": build, "median_ms": statistics.median(times),
            "p95_ms": times[int(0.95 * len(times))], "max_ms": times[-1], "queries": len(times)}


mauzas: list[Mauza] = []


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=400)
    ap.add_argument("--latency-rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    mauzas.extend(Mauza(random.Random(args.seed + i)) for i in range(20))
    m = mauzas[0]
    # The office already holds an earlier register of this mauza (the vocabulary starts there).
    vocab = Vocabulary()
    vocab.mauza_of = {1: "m", 2: "m", 3: "m"}
    for r in jamabandi_rows(m, args.rows):
        for k, v in r.items():
            vocab.add(k, v, register_id=1)
    results = {}
    for tid, rows, rid in (("jamabandi", jamabandi_rows(m, args.rows), 2), ("girdawari", girdawari_rows(m, args.rows), 3)):
        plain, assisted, per_field = replay(tid, rows, vocab, rid)
        results[tid] = (plain, assisted, per_field)
    cf_plain, cf_assisted = copy_forward_replay(jamabandi_rows(m, args.rows), 0.15, rng, vocab)
    lat = latency(args.latency_rows, args.seed)
    out = [
        "## Keying aids (records/suggest.py, records/keying.py, records/copy_forward.py)",
        "",
        f"`.venv/bin/python bench/keying_bench.py --rows {args.rows}` — generated registers of one mauza "
        "(Zipf-repeated families; co-owners repeat per khatooni), the vocabulary seeded with the "
        "mauza's previous jamabandi; keystrokes per field with and without assistance (navigation "
        f"keys not counted; a suggestion is taken when it is within the first {TOP_K}).",
        "",
        "| register | keystrokes typed plainly | with assistance | ratio |",
        "|---|---|---|---|",
    ]
    for tid, (plain, assisted, _) in results.items():
        out.append(f"| {tid} ({args.rows} rows) | {plain:,} | {assisted:,} | {plain / assisted:.1f}x fewer |")
    out.append(f"| jamabandi copied forward, 15% of rows changed | {cf_plain:,} | {cf_assisted:,} | {cf_plain / cf_assisted:.1f}x fewer |")
    out += ["", "Per field (jamabandi): plain → assisted keystrokes", ""]
    out.append("| field | plain | assisted | ratio |")
    out.append("|---|---|---|---|")
    for name, (p, a) in results["jamabandi"][2].items():
        out.append(f"| {name} | {p:,} | {a:,} | {p / max(a, 1):.1f}x |")
    out += ["", f"Suggestion latency on a vocabulary built from {lat['rows']:,} rows (owners and cultivators of "
            f"20 mauzas, 50 registers), {lat['queries']} prefixes incl. Roman Urdu: median "
            f"{lat['median_ms']:.2f} ms, p95 {lat['p95_ms']:.2f} ms, max {lat['max_ms']:.2f} ms "
            f"(target < 30 ms); building the index took {lat['build_s']:.1f} s.", ""]
    text = "\n".join(out)
    print(text)
    bench = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
    doc = bench.read_text(encoding="utf-8") if bench.exists() else "# Benchmarks\n"
    head = "## Keying aids"
    if head in doc:
        start = doc.index(head)
        nxt = doc.find("\n## ", start + 1)
        doc = doc[:start] + text + ("\n" + doc[nxt + 1:] if nxt != -1 else "\n")
    else:
        doc = doc.rstrip("\n") + "\n\n" + text + "\n"
    bench.write_text(doc, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
