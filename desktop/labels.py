"""Word-wrapped labels that show the whole of each line in Urdu too."""

from __future__ import annotations

# px kept free at each side of a wrapped label's text. A right-to-left line that fills the
# label ends (on its left) with a glyph whose ink reaches past its advance (the final ہ of
# دوبارہ): the label's edge cut it off ("…اس میں دوبار").
WRAP_MARGIN = 3


def wrapping(label):
    """Turn on word wrap for a QLabel, with room for glyphs that reach past a line's end."""
    label.setWordWrap(True)
    m = label.contentsMargins()
    label.setContentsMargins(max(m.left(), WRAP_MARGIN), m.top(), max(m.right(), WRAP_MARGIN), m.bottom())
    return label


def field_header(header):
    """A header of register fields in Urdu (a QHeaderView): a name wider than its column ends
    in '…' (Qt's headers cut it off at both sides: 'ب مع ولدیت، قوم و'), the whole of it in
    the section's tooltip."""
    from desktop.fonts import urdu_font
    from desktop.qt import Qt

    header.setFont(urdu_font(10))
    header.setTextElideMode(Qt.TextElideMode.ElideRight)  # (right: the text's end, in Urdu its left)
    return header
