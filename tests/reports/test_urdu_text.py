"""Urdu line layout for reportlab: runs, order, fonts, shaping, wrapping."""

from __future__ import annotations

from reportlab.pdfbase.ttfonts import ShapedStr

from records.reports import urdu_text as ut


def _drawn(text: str, **kw) -> list[tuple[str, str]]:
    segs, _ = ut.layout_line(text, **kw)
    return [(s.text, s.font) for s in segs]


def test_number_inside_urdu_is_one_left_to_right_run():
    # GIVEN an area written inside Urdu text
    # WHEN it is laid out
    runs = ut.visual_runs("رقبہ ۱۲-۵ کنال")
    # THEN from the left: کنال, then the number as typed (12-5, not 5-12), then رقبہ
    assert [(r.text.strip(), r.rtl) for r in runs] == [("کنال", True), ("۱۲-۵", False), ("رقبہ", True)]


def test_khasra_list_reads_right_to_left_with_each_number_intact():
    # GIVEN a khasra list
    runs = [r.text for r in ut.visual_runs("125/5، 126، 130/2") if not r.rtl]
    # THEN the first number is drawn rightmost and none is reversed
    assert runs == ["130/2", "126", "125/5"]


def test_urdu_digits_option_and_latin_fallback_for_slash():
    # GIVEN a share with Latin digits, printed with Urdu digits
    drawn = _drawn("حصہ 3/8", digits="urdu")
    # THEN the digits are Urdu in the Naskh font, the slash (missing in Naskh) in the Latin font
    assert ("/", ut.LATIN) in drawn
    assert ("۳", ut.NASKH) in drawn and ("۸", ut.NASKH) in drawn
    assert drawn.index(("۳", ut.NASKH)) < drawn.index(("/", ut.LATIN)) < drawn.index(("۸", ut.NASKH))


def test_urdu_words_are_shaped_by_harfbuzz():
    # GIVEN an Urdu word WHEN laid out THEN reportlab draws a HarfBuzz-shaped glyph string
    # (joined forms, not the isolated letters of the input)
    segs, width = ut.layout_line("غلام رسول")
    assert isinstance(segs[0].glyphs, ShapedStr) and str(segs[0].glyphs) != "غلام رسول"[::-1]
    assert width > 0


def test_latin_text_is_left_to_right_and_hex_stays_whole():
    # GIVEN English and a hash
    # THEN an English line keeps its order and a hex string is one run
    assert [r.text for r in ut.visual_runs("Daftar batch 3a5f9c")] == ["Daftar batch 3a5f9c"]
    assert [r.text for r in ut.visual_runs("بیچ 3a5f9c12")][0] == "3a5f9c12"
    assert ut.base_is_rtl("بیچ 3a5f") and not ut.base_is_rtl("Batch بیچ")


def test_a_uuid_whose_first_group_is_all_digits_stays_whole():
    # GIVEN a batch's uuid whose first group has no letter (about 1 uuid in 40: the handover
    # sheet printed 09623461-d1d3-... as d1d3-...-09623461, a test failing now and then)
    uuid = "09623461-d1d3-4e7d-b4e0-b91ed41c6a4d"
    # WHEN it is laid out in an Urdu line, or with a group of digits inside
    # THEN it is one left-to-right run, drawn as written
    assert [r.text for r in ut.visual_runs(f"بیچ: {uuid}") if not r.rtl] == [uuid]
    assert [r.text for r in ut.visual_runs("بیچ: d1d3-1234-4e7d")if not r.rtl] == ["d1d3-1234-4e7d"]
    # AND numbers without letters are still numbers (an area, a khasra, a year)
    assert [r.text for r in ut.visual_runs("رقبہ 12-5 خسرہ 125/5 سال 2019-20") if not r.rtl] == ["2019-20", "125/5", "12-5"]  # (drawn from the left)


def test_bidi_controls_from_display_value_are_dropped():
    # GIVEN a value wrapped in an isolate by records.fields.display_value
    # THEN the layout ignores the controls (it isolates numbers itself)
    assert ut.clean("\u2066۱۲-۵\u2069") == "۱۲-۵"
    assert [r.text for r in ut.visual_runs(ut.clean("رقبہ \u2066۱۲-۵\u2069"))][0] == "۱۲-۵"


def test_wrap_breaks_in_logical_order():
    # GIVEN an owner line too wide for a narrow cell
    text = "محمد اسلم ولد غلام رسول قوم اعوان سکنہ دیہہ"
    # WHEN wrapped
    lines = ut.wrap_lines(text, 90, size=10)
    # THEN the lines, read in order, give back the text (first words on the first line)
    assert len(lines) > 1 and " ".join(lines) == text
    assert lines[0].startswith("محمد")


# ----------------------------------------------------------------------------- speed without change
def test_a_nastaliq_cell_shapes_each_word_once_however_often_its_wrapping_tries_it(monkeypatch):
    from reportlab.pdfbase import ttfonts

    ut.register_fonts()
    ut._layout_cached.cache_clear()
    ut._shaped.cache_clear()
    shaped: list[str] = []
    real = ttfonts.shapeStr
    monkeypatch.setattr(ut, "shapeStr", lambda text, *a, **k: shaped.append(text) or real(text, *a, **k))
    # GIVEN a remark of 40 words, 4 of them different, in Nastaliq in a narrow column
    text = " ".join(["انتقال وراثت بحق ورثاء"] * 10)
    # WHEN it is wrapped (each line tried word by word) and laid out again
    lines = ut.wrap_lines(text, 60, font=ut.NASTALIQ, size=8.5)
    ut.wrap_lines(text + " اختتام", 60, font=ut.NASTALIQ, size=8.5)
    # THEN it wraps over many lines, and each word was shaped once (it was shaped again for
    # every line tried: hundreds of times)
    assert len(lines) >= 10
    assert sorted(shaped) == sorted({"انتقال", "وراثت", "بحق", "ورثاء", "اختتام"}), len(shaped)


def test_a_line_drawn_again_in_a_document_writes_the_same_text_operators_formatted_once(monkeypatch, tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    ut.register_fonts()
    formatted: list[object] = []
    real = ut._TextObject.textOut
    monkeypatch.setattr(ut._TextObject, "textOut", lambda self, text: formatted.append(text) or real(self, text))
    texts = ("منظور شدہ", "نمبرات خسرہ 125/5")
    pieces = sum(len(ut.layout_line(t, size=9)[0]) for t in texts)

    def two_pages(path) -> list[str]:
        canv = Canvas(str(path))
        for page in range(2):
            if page:
                canv.showPage()
            for text in texts:
                ut.draw_line(canv, 300, 700, text, size=9)
        return list(canv._code)  # (the second page's operators)

    # GIVEN a state and a heading drawn on two pages of a document
    # WHEN the document is made
    second = two_pages(tmp_path / "a.pdf")
    # THEN each piece of text was formatted once (not again for the second page)
    assert len(formatted) == pieces
    # AND the second page carries the very operators it did when each piece was formatted anew
    monkeypatch.setattr(ut, "_text_out", lambda canv, t, glyphs, font, size: t.textOut(glyphs))
    formatted.clear()
    assert two_pages(tmp_path / "b.pdf") == second and len(formatted) == 2 * pieces
    # AND another document formats its own
    monkeypatch.undo()
    monkeypatch.setattr(ut._TextObject, "textOut", lambda self, text: formatted.append(text) or real(self, text))
    formatted.clear()
    two_pages(tmp_path / "c.pdf")
    assert len(formatted) == pieces


def test_a_nastaliq_word_drawn_again_puts_each_glyph_where_harfbuzz_placed_it(tmp_path):
    import re

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    ut.register_fonts()
    # GIVEN a Nastaliq word laid out
    segs, width = ut.layout_line("کیفیت", font=ut.NASTALIQ, size=12)
    seg = next(s for s in segs if s.glyphs)
    glyph_of = pdfmetrics.getFont(ut.NASTALIQ).face.charToGlyph
    # WHEN it is drawn twice on a page (the second time from the operators made the first)
    canv = Canvas(str(tmp_path / "n.pdf"))
    for y in (700, 600):
        ut.draw_line(canv, 300, y, "کیفیت", font=ut.NASTALIQ, size=12)
    # THEN each time every glyph with an outline is its form, placed (word origin + glyph
    # offset) where HarfBuzz put it, to a thousandth of a point
    code = "\n".join(canv._code)
    k, left = 12 / 1000, 300 - width + seg.x
    for y in (700, 600):
        expected, pen = [], 0.0
        for ch, d in zip(seg.glyphs, seg.glyphs.__shapeData__, strict=False):
            name = canv.__dict__["_daftar_glyph_forms"].get((ut.NASTALIQ, glyph_of.get(ord(ch))))
            if name:
                expected.append((name, left + (pen + d.x_offset) * k, y + d.y_offset * k))
            pen += d.x_advance
        at = re.search(rf"1 0 0 1 ([-\d.]+) {y} cm\n", code)
        assert at, y
        x0 = float(at.group(1))
        placed = re.findall(r"[\d.]+ 0 0 [\d.]+ ([-\d.]+) ([-\d.]+) cm\n/FormXob\.(\w+) Do", code[at.end():])
        assert len(placed) >= len(expected) > 3
        for (name, ex, ey), (dx, dy, form) in zip(expected, placed, strict=False):
            assert form == name and abs(x0 + float(dx) - ex) < 1e-3 and abs(y + float(dy) - ey) < 1e-3, name
