"""records.suggest.ocr_vocabulary: the words OCR may trust are those a person typed or vouched for."""

from __future__ import annotations

from types import SimpleNamespace

from records import services as S
from records.suggest import OcrVocabularyCache, ocr_vocabulary
from records.templates import builtin
from tests.records.helpers import ROW, make_page, make_users


def _reading(text: str):
    return SimpleNamespace(text=text, raw_text=text, confidence=0.9, box=None, flags=())


OWNERS = tuple({**ROW, "owner": f"محمد اسلم ولد غلام رسول قوم اعوان {i}"} for i in range(30))


def test_typed_and_submitted_words_count_but_unchecked_ocr_does_not(workspace):
    users = make_users(workspace)
    clerk = users["clerk"]
    # GIVEN 30 typed entries (owner), and a page whose rows came from OCR and nobody checked
    _, _, typed_ids = make_page(workspace, clerk, rows=OWNERS)
    _, ocr_page, _ = make_page(workspace, clerk, rows=(), data=b"second page")
    with workspace.session() as s:
        S.save_ocr_rows(s, actor=clerk, page_id=ocr_page, rows=[
            {"owner": _reading("بارون ولد اسلم"), "cultivator": _reading("خودکاشت")}])
    # WHEN the OCR vocabulary is built for jamabandi
    with workspace.session() as s:
        vocab = ocr_vocabulary(s, builtin("jamabandi"))
    # THEN the typed owner's words are there, shared with cultivator (one group of names),
    # and the unchecked OCR reading's words are not
    assert {"محمد", "اسلم", "غلام", "رسول", "اعوان"} <= vocab["owner"]
    assert vocab["owner"] == vocab["cultivator"]
    assert "بارون" not in vocab["owner"]
    # WHEN the OCR rows are submitted (the clerk vouches for every value)
    with workspace.session() as s:
        from sqlalchemy import select

        from records.models import Entry
        ids = list(s.scalars(select(Entry.id).where(Entry.page_id == ocr_page, Entry.deleted.is_(False))))
        S.transition(s, actor=clerk, entry_ids=ids, action="submit")
    with workspace.session() as s:
        vocab = ocr_vocabulary(s, builtin("jamabandi"))
    # THEN their words count too
    assert "بارون" in vocab["owner"]
    assert typed_ids


def test_a_group_with_few_recorded_values_is_left_out(workspace):
    # GIVEN an office that has typed only 29 owners
    users = make_users(workspace)
    make_page(workspace, users["clerk"], rows=OWNERS[:29])
    with workspace.session() as s:
        # THEN OCR gets no vocabulary for names yet (it would flag nearly every word)
        assert "owner" not in ocr_vocabulary(s, builtin("jamabandi"))


def test_the_cache_serves_a_recent_vocabulary_and_rebuilds_an_old_one(workspace):
    users = make_users(workspace)
    make_page(workspace, users["clerk"], rows=OWNERS)
    cache = OcrVocabularyCache(max_age=0.0)
    tpl = builtin("jamabandi")
    with workspace.session() as s:
        first = cache.get(s, tpl)
    make_page(workspace, users["clerk"], rows=({"owner": "نیا نام"},), data=b"another")
    with workspace.session() as s:
        assert "نیا" in cache.get(s, tpl)["owner"]  # max_age 0: rebuilt
    cache.max_age = 3600
    with workspace.session() as s:
        kept = cache.get(s, tpl)
    make_page(workspace, users["clerk"], rows=({"owner": "تیسرا"},), data=b"third")
    with workspace.session() as s:
        assert cache.get(s, tpl) is kept  # recent: served as it was
    assert "محمد" in first["owner"]
