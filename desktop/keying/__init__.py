"""Keying aids for handwritten pages: type-ahead, ditto and fills, copy forward, Urdu keyboard.

- `aids.KeyingAids(view)`: hooks the aids into a CorrectionView's cell editor.
- `completer`: the suggestion popup of a cell editor (records.suggest underneath).
- `fill`: ditto, same owner, derived values (records.keying underneath).
- `copy_forward_dialog.CopyForwardDialog`: a new register edition from the previous one.
- `urdu_keyboard`: on-screen Urdu phonetic keyboard and phonetic typing for Latin keyboards.
"""
