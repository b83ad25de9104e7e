"""``rednote-desk`` with no arguments opens the window without the command line's module; with any, it is the
command line."""
from __future__ import annotations

import subprocess
import sys

from rednote_desk import launch


def test_the_plain_launch_goes_straight_to_the_window():
    code = ("import sys; import rednote_desk.gui.app as app; "
            "app.main = lambda **kw: print('window', kw, 'rednote_desk.cli' in sys.modules) or 0; "
            "from rednote_desk.launch import main; sys.exit(main([]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["window", "{}", "False"]


def test_arguments_go_to_the_command_line(tmp_path, capsys):
    from rednote_desk import services

    db = tmp_path / "p.rednote.sqlite"
    services.open_project(db).close()  # a new project starts with the default codebook
    assert launch.main(["--db", str(db), "tags"]) == 0
    assert "Claim types" in capsys.readouterr().out
    assert launch.main(["--db", str(tmp_path / "missing.sqlite"), "tags"]) == 1  # the command line's own answer
