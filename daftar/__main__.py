"""`python -m daftar ...`: the `daftar` command (daftar.cli.main), as the console script runs it."""

import sys

if __name__ == "__main__":  # (not when multiprocessing's spawn imports this module in a job process)
    from daftar.cli import main

    sys.exit(main())
