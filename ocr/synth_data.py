"""Random but consistent register contents, as a careful clerk would type them.

`random_register(template, n_rows, rng)` returns (header, rows) for any template. Known
field names get realistic values from resources/vocab/ (names, qoams, villages, phrases);
any other field gets a value of its kind. Consistency kept:

- jamabandi: rows are grouped into khewats (1-4 owner lines each); the shares of one khewat
  sum to exactly 1; khatooni numbers rise; owners read `name ولد father قوم qoam سکنہ village`;
- areas are valid kanal-marla (marla < 20); a crop area never exceeds the field's area;
- khasra lists are distinct numbers joined by the Urdu comma (`125/5، 126`);
- dates are day-month-year (`14-03-2019`); choices come from the template's choice list.

In resources/vocab/remarks.txt `{n}` stands for a number filled in here.
"""

from __future__ import annotations

import random
from fractions import Fraction
from functools import cache

import resources
from records.templates import FieldSpec, Template
from records.text import urdu_digits as to_urdu_digits

# Characters the Naskh font cannot draw; vocabulary must not contain them in Urdu text.
_NOT_IN_NASKH = set("/-()")


@cache
def vocab(name: str) -> tuple[str, ...]:
    """Lines of resources/vocab/NAME.txt (stripped, no blanks)."""
    text = resources.vocab_path(name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


@cache
def districts_tehsils() -> tuple[tuple[str, str], ...]:
    rows = []
    for line in (
        resources.vocab_path("districts_tehsils.tsv").read_text(encoding="utf-8").splitlines()
    ):
        if "\t" in line:
            d, t = line.split("\t", 1)
            rows.append((d.strip(), t.strip()))
    return tuple(rows)


def male_name(rng: random.Random) -> str:
    return rng.choice(vocab("male_names"))


def female_name(rng: random.Random) -> str:
    return rng.choice(vocab("female_names"))


def person(
    rng: random.Random, *, qoam: bool = True, residence: bool = True, village: str = ""
) -> str:
    """`name ولد father قوم qoam سکنہ village` (or دختر/زوجہ/بیوہ for a woman)."""
    if rng.random() < 0.25:
        rel = rng.choice(("دختر", "زوجہ", "بیوہ"))
        text = f"{female_name(rng)} {rel} {male_name(rng)}"
    else:
        text = f"{male_name(rng)} ولد {male_name(rng)}"
    if qoam:
        text += f" قوم {rng.choice(vocab('qoams'))}"
    if residence:
        if rng.random() < 0.3:
            place = "دیہہ"  # "of this village"
        elif village and rng.random() < 0.6:
            place = village
        else:
            place = rng.choice(vocab("villages"))
        text += f" سکنہ {place}"
    return text


def khasra(rng: random.Random) -> str:
    n = rng.randint(1, 2500)
    r = rng.random()
    if r < 0.45:
        return str(n)
    if r < 0.9:
        return f"{n}/{rng.randint(1, 25)}"
    return f"{n}/{rng.randint(1, 25)}/{rng.randint(1, 9)}"


def khasra_list(rng: random.Random, k: int | None = None) -> str:
    k = k or rng.choice((1, 1, 2, 2, 3))
    seen: list[str] = []
    while len(seen) < k:
        v = khasra(rng)
        if v not in seen:
            seen.append(v)
    return "، ".join(seen)


def area(rng: random.Random, max_kanal: int = 60) -> str:
    kanal = rng.randint(0, max_kanal)
    marla = rng.randint(0 if kanal else 1, 19)
    return f"{kanal}-{marla}"


def _area_marla(text: str) -> int:
    k, m = text.split("-")[:2]
    return int(k) * 20 + int(m)


def smaller_area(rng: random.Random, of: str) -> str:
    total = max(1, _area_marla(of))
    m = rng.randint(1, total)
    return f"{m // 20}-{m % 20}"


def date(rng: random.Random, lo: int = 1985, hi: int = 2024) -> str:
    return f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(lo, hi)}"


def shares(rng: random.Random, k: int) -> list[str]:
    """k shares `parts/total` of one holding, summing to exactly 1."""
    if k == 1:
        return ["1/1"]
    total = rng.choice([d for d in (2, 3, 4, 6, 8, 12, 16, 24, 36, 48) if d >= k])
    cuts = sorted(rng.sample(range(1, total), k - 1))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    assert sum(Fraction(p, total) for p in parts) == 1
    return [f"{p}/{total}" for p in parts]


def remark(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return ""
    return rng.choice(vocab("remarks")).replace("{n}", str(rng.randint(100, 9999)))


def value_of_kind(spec: FieldSpec, rng: random.Random) -> str:
    """A plausible value for any field from its kind (used for fields without a known name)."""
    k = spec.kind
    if k == "integer":
        lo = spec.min if spec.min is not None else 1
        hi = min(spec.max if spec.max is not None else 9999, lo + 9999)
        return str(rng.randint(lo, hi))
    if k == "khasra":
        return khasra(rng)
    if k == "khasra-list":
        return khasra_list(rng)
    if k == "area":
        return area(rng)
    if k == "share":
        d = rng.choice((2, 3, 4, 8, 12))
        return f"{rng.randint(1, d - 1)}/{d}"
    if k == "date":
        return date(rng)
    if k == "cnic":
        return f"{rng.randint(31101, 38403)}-{rng.randint(1000000, 9999999)}-{rng.randint(1, 9)}"
    if k == "choice":
        return rng.choice(spec.choices).ur if spec.choices else ""
    if k == "text-en":
        if spec.pattern and "\\d{4}" in spec.pattern:
            y = rng.randint(1990, 2024)
            return f"{y}-{(y + 1) % 100:02d}"
        return rng.choice(("A", "B", "C")) + str(rng.randint(1, 99))
    return rng.choice(vocab("male_names"))  # text-ur without a known name


def _header(template: Template, rng: random.Random) -> dict[str, str]:
    district, tehsil = rng.choice(districts_tehsils())
    known = {
        "district": district,
        "tehsil": tehsil,
        "mauza": rng.choice(vocab("villages")),
        "hadbast_no": str(rng.randint(1, 450)),
    }
    out = {}
    for f in template.header:
        out[f.name] = known.get(f.name) or value_of_kind(f, rng)
    return out


def _named_value(name: str, spec: FieldSpec, rng: random.Random, ctx: dict) -> str | None:
    """Realistic value for well-known field names, None when the name is not known."""
    mauza = ctx.get("mauza", "")
    if name == "owner":
        full = ctx["template"] == "jamabandi"
        return person(rng, qoam=full or rng.random() < 0.3, residence=full, village=mauza)
    if name in ("transferor", "transferee"):
        return person(rng, qoam=rng.random() < 0.6, residence=rng.random() < 0.5, village=mauza)
    if name == "cultivator":
        if rng.random() < 0.25:
            return f"{male_name(rng)} مزارع"
        return rng.choice(vocab("cultivators"))
    if name == "patti":
        return rng.choice(vocab("pattis"))
    if name == "irrigation":
        return rng.choice(vocab("irrigation"))
    if name == "rent":
        return rng.choice(vocab("rents"))
    if name == "remarks":
        return remark(rng)
    if name == "order":
        return rng.choice(vocab("officers"))
    if name == "fee":
        return str(rng.choice((100, 200, 250, 500, 1000, 1500, 2000, 5000)) * rng.randint(1, 4))
    return None


def random_register(
    template: Template, n_rows: int, rng: random.Random, *, urdu_digits: bool = False
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Header values and `n_rows` rows for `template`, consistent as in a real register.

    Values are the text a careful clerk would type; with `urdu_digits` every digit is
    written as an Urdu digit (۰-۹).
    """
    header = _header(template, rng)
    names = set(template.column_names)
    ctx = {"template": template.id, "mauza": header.get("mauza", "")}
    rows: list[dict[str, str]] = []
    khewat = rng.randint(1, 400)
    khatooni = khewat + rng.randint(0, 200)
    khasra_no = rng.randint(1, 1500)
    mutation = rng.randint(500, 9000)
    pending_shares: list[str] = []
    while len(rows) < n_rows:
        if not pending_shares:
            khewat += rng.randint(1, 3)
            group = min(rng.choice((1, 1, 2, 2, 3, 4)), n_rows - len(rows))
            pending_shares = shares(rng, group) if "share" in names else [""] * group
        share = pending_shares.pop(0)
        khatooni += 1
        khasra_no += rng.randint(1, 6)
        mutation += rng.randint(1, 9)
        row: dict[str, str] = {}
        for spec in template.columns:
            n = spec.name
            if n == "khewat_no":
                v = str(khewat)
            elif n == "khatooni_no":
                v = str(khatooni)
            elif n == "mutation_no":
                v = str(mutation)
            elif n == "khasra_no":
                v = str(khasra_no) + (f"/{rng.randint(1, 25)}" if rng.random() < 0.5 else "")
            elif n == "share" and template.id == "jamabandi":
                v = share
            elif n == "crop_area" and "area" in row:
                v = smaller_area(rng, row["area"])
            elif n == "area" and template.id == "girdawari":
                v = area(rng, max_kanal=20)
            else:
                named = _named_value(n, spec, rng, ctx)
                v = named if named is not None else value_of_kind(spec, rng)
            if not spec.required and spec.kind not in ("text-ur",) and rng.random() < 0.05:
                v = ""  # optional numeric/choice fields are sometimes left blank
            row[n] = v
        rows.append(row)
    if urdu_digits:
        header = {k: to_urdu_digits(v) for k, v in header.items()}
        rows = [{k: to_urdu_digits(v) for k, v in r.items()} for r in rows]
    return header, rows
