"""Open exports of a workspace: CSV (UTF-8 with BOM) and JSON (documented schema, re-importable)."""
