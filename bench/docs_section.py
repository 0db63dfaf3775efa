"""Write a bench's section of docs/benchmarks.md: the lines replace the section that starts
with the same heading (up to the next `## `), or are added at the end."""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def write_section(section: str, lines: list[str], doc: Path = DOC) -> None:
    """Put `lines` (starting with the heading `section`) in place of that section of `doc`."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    block = "\n".join(lines) + "\n"
    if section in text:
        head, rest = text.split(section, 1)
        nxt = rest.find("\n## ")
        text = head + block + (rest[nxt + 1:] if nxt >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    doc.write_text(text, encoding="utf-8")
