"""The ``rednote-desk`` command and ``python main.py``: with no arguments the app's window at once, else the
command line (which launches the window too when no command is given, e.g. ``--db PROJECT``).

The plain launch skips the command line's module and parser (about 50 ms of imports and argparse setup for
every command) because a person waits for the window; see gui/app.py.
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        from rednote_desk.gui.app import main as app_main

        return app_main()
    from rednote_desk.cli import main as cli_main

    return cli_main(argv)
