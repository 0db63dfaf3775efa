"""Entry of the console program `daftar` in the one-folder build (see build.spec)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # OCR worker processes start from this program
    from daftar.cli import main

    sys.exit(main())
