"""OCR for ruled register pages: load, preprocess, layout, recognise, measure. Qt-free."""
