"""Messages quoting Urdu keep their reading order."""

from __future__ import annotations

from desktop.bidi import isolate_urdu


def test_urdu_runs_in_an_english_message_are_isolated():
    # GIVEN an English flag message quoting an Urdu value followed by a number
    msg = "row 1, Land class: OCR is unsure of 'نہری' (23%); check it"
    # WHEN it is prepared for display
    shown = isolate_urdu(msg)
    # THEN the Urdu run sits in a first-strong isolate and nothing else changed
    assert shown == "row 1, Land class: OCR is unsure of '\u2068نہری\u2069' (23%); check it"
    assert isolate_urdu("no urdu here") == "no urdu here"
    assert isolate_urdu("owner 'محمد اسلم ولد' x").count("\u2068") == 1


def test_column_widths_fit_the_table_and_keep_a_minimum():
    # GIVEN the jamabandi column shares and a 680 px wide table
    from desktop.correction.view import fit_widths
    from records.templates import get_template

    shares = [c.width for c in get_template("jamabandi").columns]
    # WHEN fitting
    widths = fit_widths(shares, 680)
    # THEN every column is readable and together they fill the table without overflow
    assert min(widths) >= 48
    assert 680 - len(widths) <= sum(widths) <= 680
    assert widths[3] == max(widths)  # the owner column stays the widest
