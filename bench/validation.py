"""Benchmark: validate a whole jamabandi register (100,000 rows) and summarise its khewats.

Run: nice -n 10 .venv/bin/python bench/validation.py [ROWS]
Baseline in the same process: normalising every cell once (the least any validation does),
so the ratio says what the rules cost on top of reading the text. CPU time
(process_time), so other jobs on a shared machine disturb it less.
"""

from __future__ import annotations

import random
import sys
import time

from records.templates import builtin
from records.text import normalise
from records.validation import khewat_summary, validate_rows

OWNERS = ["محمد اسلم", "احمد علی", "زینب بی بی", "غلام رسول", "محمد بشیر", "نذیر احمد"]


def register(n: int, seed: int = 1) -> list[dict[str, str]]:
    """A realistic register: khewats of 1-6 owners, one khatooni each, a total row each."""
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    khewat = khasra = 1
    while len(rows) < n:
        owners = rng.randint(1, 6)
        area = f"{rng.randint(1, 40)}-{rng.randint(0, 19)}"
        khasras = f"{khasra}/1، {khasra}/2، {khasra + 1}"
        for o in range(owners):
            rows.append(
                {
                    "khewat_no": str(khewat),
                    "khatooni_no": str(khewat),
                    "patti": "پتی شرقی",
                    "owner": f"{rng.choice(OWNERS)} ولد {rng.choice(OWNERS)} قوم اعوان سکنہ دیہہ {o}",
                    "share": f"1/{owners}",
                    "cultivator": "خود کاشت",
                    "irrigation": "چاہی",
                    "khasra_nos": khasras,
                    "area": area,
                    "land_class": rng.choice(["نہری", "چاہی", "بارانی"]),
                    "rent": "",
                    "remarks": f"انتقال نمبر {rng.randint(1, 9999)}",
                }
            )
        rows.append({"khewat_no": str(khewat), "owner": "میزان", "area": area})
        khewat += 1
        khasra += 2
    return rows[:n]


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    t = builtin("jamabandi")
    rows = register(n)
    base = best_of(lambda: [normalise(v) for r in rows for v in r.values()])
    flags: list = []
    val = best_of(lambda: flags.__setitem__(slice(None), validate_rows(t, rows)))
    summ = best_of(lambda: khewat_summary(t, rows))
    print(f"rows={n} cells={sum(map(len, rows))} flags={len(flags)}")
    print(f"normalise every cell (baseline): {base:.2f} s")
    print(f"validate_rows:                   {val:.2f} s  ({val / base:.1f}x baseline)")
    print(f"khewat_summary:                  {summ:.2f} s  ({summ / base:.1f}x baseline)")


if __name__ == "__main__":
    main()
