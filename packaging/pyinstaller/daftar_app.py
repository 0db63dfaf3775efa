"""Entry of the windowed program `daftar-app`: `daftar app` with any further arguments."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from daftar.cli import main

    args = sys.argv[1:]
    sys.exit(main(args if args and args[0] in ("app", "self-test", "--version") else ["app", *args]))
