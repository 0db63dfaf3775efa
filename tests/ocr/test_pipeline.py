"""ocr.pipeline: read_image and read_files on generated pages, bad pages, progress, cancel."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr.pipeline import FieldReading, PageReading, read_files, read_image
from records.text import normalise


def test_read_image_gives_every_row_and_header_field(small_page, small_page_reading, jamabandi):
    # GIVEN a clean generated page with 4 rows, read once
    page, header, rows = small_page
    reading = small_page_reading
    # THEN there is no error, 4 rows, and every field of the template is present
    assert reading.error is None
    assert len(reading.rows) == len(rows)
    assert set(reading.header) == {f.name for f in jamabandi.header}
    for row in reading.rows:
        assert set(row) == set(jamabandi.column_names)
        assert all(isinstance(f, FieldReading) for f in row.values())
    assert reading.width == page.image.shape[1] and reading.height == page.image.shape[0]


def test_numbers_on_a_clean_naskh_page_are_read_exactly(small_page, small_page_reading, jamabandi):
    # GIVEN the clean page and its truth
    _, header, rows = small_page
    # WHEN comparing every numeric cell after normalisation
    wrong = []
    for i, truth in enumerate(rows):
        for spec in jamabandi.columns:
            if spec.numeric and truth.get(spec.name):
                got = small_page_reading.rows[i][spec.name]
                if normalise(got.text).replace(" ", "") != normalise(truth[spec.name]).replace(" ", ""):
                    wrong.append((spec.name, truth[spec.name], got.text))
    # THEN they are all right (slashes and hyphens kept)
    assert wrong == []


def test_boxes_point_at_the_cells_of_the_page(small_page, small_page_reading):
    # GIVEN the generator's box of each value
    page, _, rows = small_page
    # THEN each reading's box overlaps the generator's box of the same cell
    for (r, name), (x, y, w, h) in page.boxes.items():
        got = small_page_reading.header.get(name) if r is None else small_page_reading.rows[r][name]
        bx, by, bw, bh = got.box
        cx, cy = x + w / 2, y + h / 2
        assert bx <= cx <= bx + bw and by <= cy <= by + bh, (r, name)


def test_urdu_names_are_mostly_read_on_clean_naskh(small_page, small_page_reading):
    # GIVEN the owner column of the clean page
    _, _, rows = small_page
    exact = sum(
        normalise(small_page_reading.rows[i]["owner"].text) == normalise(t["owner"])
        for i, t in enumerate(rows)
    )
    # THEN most owners are read exactly
    assert exact >= len(rows) - 1


def test_a_blank_image_gives_an_error_not_an_exception(jamabandi):
    # GIVEN an image that is too small to be a page
    tiny = np.full((10, 10), 255, np.uint8)
    # WHEN it is read
    reading = read_image(tiny, jamabandi, source="tiny.png")
    # THEN the reading carries an error naming the source, and no fields
    assert isinstance(reading, PageReading)
    assert reading.error and "tiny.png" in reading.error
    assert reading.rows == []


def test_an_image_with_no_register_table_is_refused_not_read_as_rows(jamabandi):
    # GIVEN images that are no register page: noise, a smooth photo, a near-blank scan
    rng = np.random.default_rng(1)
    images = {
        "noise": (rng.random((1600, 1200)) * 255).astype(np.uint8),
        "photo": (np.linspace(0.5, 1, 1600)[:, None] * np.linspace(0, 1, 1200)[None, :] * 200 + 30).astype(np.uint8),
        "blank": np.full((1600, 1200), 245, np.uint8),
    }
    for name, img in images.items():
        # WHEN read as a jamabandi page
        reading = read_image(img, jamabandi, source=f"{name}.png")
        # THEN no rows are made up from the template's zones: the page fails, saying why
        assert reading.rows == [], name
        assert reading.error and "no register table was found" in reading.error, name


def test_read_files_goes_on_after_a_bad_file_and_reports_progress(tmp_path, small_page, jamabandi):
    # GIVEN one good page, one corrupt file and one missing file
    good = tmp_path / "good.png"
    cv2.imwrite(str(good), small_page[0].image)
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\nnot really a png")
    missing = tmp_path / "missing.png"
    calls = []
    # WHEN the three are read in one process
    pages = list(
        read_files([bad, good, missing], jamabandi, workers=1,
                   progress=lambda d, t, m: calls.append((d, t)), layout="zones")
    )
    # THEN the bad ones carry errors naming their files and the good page is read
    by_source = {p.source: p for p in pages}
    assert by_source[str(bad)].error and "bad.png" in by_source[str(bad)].error
    assert by_source[str(missing)].error and "missing.png" in by_source[str(missing)].error
    assert by_source[str(good)].error is None and len(by_source[str(good)].rows) == 4
    assert calls[-1] == (3, 3)


def test_cancel_stops_the_batch_before_the_next_page(tmp_path, small_page, jamabandi):
    # GIVEN three copies of a page and a cancel that answers yes after the first page
    paths = []
    for i in range(3):
        p = tmp_path / f"p{i}.png"
        cv2.imwrite(str(p), small_page[0].image)
        paths.append(p)
    seen = []
    # WHEN reading with cancel polled between pages
    for page in read_files(paths, jamabandi, workers=1, cancel=lambda: bool(seen), layout="zones"):
        seen.append(page)
    # THEN only the first page was read
    assert len(seen) == 1


@pytest.mark.slow
def test_read_files_in_a_process_pool_keeps_input_order(tmp_path, small_page, jamabandi):
    # GIVEN two pages
    paths = []
    for i in range(2):
        p = tmp_path / f"p{i}.png"
        cv2.imwrite(str(p), small_page[0].image)
        paths.append(p)
    # WHEN read by two worker processes
    pages = list(read_files(paths, jamabandi, workers=2, layout="zones"))
    # THEN both come back in input order, read
    assert [p.source for p in pages] == [str(p) for p in paths]
    assert all(p.error is None and len(p.rows) == 4 for p in pages)


def test_a_broken_process_pool_falls_back_to_reading_here(tmp_path, small_page, jamabandi, monkeypatch):
    # GIVEN a process pool that dies on first use (as when workers cannot start)
    from concurrent.futures.process import BrokenProcessPool

    import ocr.pipeline as pipeline

    class DeadPool:
        def __init__(self, *a, **k):
            pass

        def submit(self, *a, **k):
            raise BrokenProcessPool("worker could not start")

        def shutdown(self, *a, **k):
            pass

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", DeadPool)
    paths = []
    for i in range(2):
        p = tmp_path / f"p{i}.png"
        cv2.imwrite(str(p), small_page[0].image)
        paths.append(p)
    # WHEN two pages are read "in parallel"
    pages = list(read_files(paths, jamabandi, workers=2, layout="zones", numbers="tesseract"))
    # THEN both are still read, in order
    assert [p.source for p in pages] == [str(p) for p in paths]
    assert all(p.error is None and len(p.rows) == 4 for p in pages)


def test_unused_lines_of_the_table_are_not_read_as_rows(small_page, jamabandi):
    # GIVEN a page of 4 rows whose 12th, unused, line carries a mark (a stamp's edge, a
    # tick), the 7 lines between them blank
    import cv2

    page, _header, rows = small_page
    image = page.image.copy()
    x, y, w, h = page.boxes[(0, "area")]
    step = page.boxes[(1, "area")][1] - y
    cv2.putText(image, "7", (int(x + w * 0.4), int(y + 11 * step + h * 0.8)), cv2.FONT_HERSHEY_SIMPLEX,
                h / 35, 0, 3)
    # WHEN it is read
    reading = read_image(image, jamabandi, source="marked.png", layout="zones", number_reader="tesseract")
    # THEN the 4 rows and the marked line are rows, the blank lines between them are not
    # (each was a row with every required field flagged empty)
    assert len(reading.rows) == len(rows) + 1, [sum(1 for f in r.values() if f.text) for r in reading.rows]
    assert all(any(f.text for f in r.values()) for r in reading.rows)
    # ... and the marked line's box is where the mark is, not on a blank line
    assert reading.rows[-1]["area"].box[1] > y + 10 * step
