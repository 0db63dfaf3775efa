"""Daftar: offline-first digitisation of land revenue registers."""

__version__ = "0.1.0"
