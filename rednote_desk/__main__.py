"""``python -m rednote_desk``: the command line (no command launches the app)."""
import sys

from .cli import main

sys.exit(main())
