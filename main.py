"""Launch the RedNote Desk desktop app: ``python main.py [--db PROJECT]``."""
import sys

from rednote_desk.cli import main

if __name__ == "__main__":
    sys.exit(main(["gui", *sys.argv[1:]]))
