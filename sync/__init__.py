"""Sync: client engine (outbox -> server) and the central server. Qt-free."""
