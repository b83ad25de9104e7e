"""Launch the RedNote Desk desktop app: ``python main.py [--db PROJECT]``."""
import sys

from rednote_desk.launch import main

if __name__ == "__main__":
    sys.exit(main(["gui", *sys.argv[1:]] if len(sys.argv) > 1 else []))
