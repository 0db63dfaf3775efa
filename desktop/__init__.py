"""PySide6 user interface; calls records/, ocr/ and sync/."""
