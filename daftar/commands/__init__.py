"""Subcommands of the `daftar` command line, one module each."""
