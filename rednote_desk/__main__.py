"""``python -m rednote_desk``: the command line (no command launches the app)."""
import sys

from rednote_desk.cli import main

sys.exit(main())
