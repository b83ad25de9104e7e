"""The README documents every command, every option and every CSV / JSON column (sqlite-utils' test_docs idea).

A command, an option or an export column added without its line in the README fails here, with the name.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from rednote_desk.cli import build_parser
from rednote_desk.core.compare.matrix import MATRIX_CSV_COLUMNS
from rednote_desk.core.export import CSV_COLUMNS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
GLOBAL_OPTIONS = {"-h", "--help", "--db", "--debug"}  # documented once, above the command table


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def _command_rows() -> dict[str, list[str]]:
    """README table rows that show a command, e.g. | `rednote-desk tag-add NAME [--parent NAME]` | ... |."""
    rows: dict[str, list[str]] = {}
    for line in README.splitlines():
        if line.startswith("|"):
            for name in re.findall(r"`rednote-desk ([a-z][a-z-]*)", line):
                rows.setdefault(name, []).append(line)
    return rows


COMMANDS = _commands()
ROWS = _command_rows()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_a_row_in_the_readme(command):
    assert command in ROWS, f"README.md: no table row shows `rednote-desk {command} …`"


@pytest.mark.parametrize("command, option", sorted(
    (name, option) for name, sub in COMMANDS.items() for action in sub._actions
    for option in action.option_strings if option not in GLOBAL_OPTIONS))
def test_every_option_is_in_its_command_row(command, option):
    rows = ROWS.get(command, [])
    assert any(re.search(re.escape(option) + r"(?![\w-])", row) for row in rows), (
        f"README.md: the row of `rednote-desk {command}` does not mention {option}")


def _column_table_names() -> set[str]:
    """Every name in the first cell of a README table: | `name` | meaning |."""
    return set(re.findall(r"(?m)^\| `([^`]+)` \|", README))


@pytest.mark.parametrize("column", [*CSV_COLUMNS, *MATRIX_CSV_COLUMNS])
def test_every_csv_column_is_in_a_readme_table(column):
    assert column in _column_table_names(), f"README.md: CSV column `{column}` has no row in a column table"


def _keys(value, out: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            out.add(key)
            _keys(item, out)
    elif isinstance(value, list):
        for item in value:
            _keys(item, out)
    return out


def _documented(key: str) -> bool:
    return f'"{key}"' in README or f"`{key}`" in README


@pytest.fixture(scope="module")
def json_outputs(tmp_path_factory):
    """The JSON the CLI writes, on the sample articles with one tagged, linked annotation."""
    import contextlib  # capsys is per test; this fixture runs the CLI once for the module
    import io

    from rednote_desk.cli import main

    db = str(tmp_path_factory.mktemp("readme") / "p.sqlite")
    samples = Path(__file__).resolve().parents[2] / "resources" / "samples"

    def run(*args: str) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            assert main(["--db", db, *args]) == 0, args
        return out.getvalue()

    run("import", *sorted(str(p) for p in samples.glob("*.txt")))
    run("annotate", "--doc", "1", "--quote", "TikTok", "--occurrence", "1", "--tag", "Claim types/Statistic",
        "--claim", "the app", "--note", "n")
    return {command: json.loads(run(*args)) for command, args in {
        "docs": ("docs", "--json"), "tags": ("tags", "--json"), "annotations": ("annotations", "--json"),
        "search": ("search", "TikTok", "--json"), "suggestions": ("suggestions", "--json"),
        "compare": ("compare", "--json", "-"),
    }.items()}


def test_every_json_key_the_cli_writes_is_in_the_readme(json_outputs):
    missing = {command: sorted(k for k in _keys(data, set()) if not _documented(k))
               for command, data in json_outputs.items()}
    missing = {command: keys for command, keys in missing.items() if keys}
    assert not missing, f"README.md does not mention these JSON keys: {missing}"


def test_the_checks_can_fail():
    assert not _documented("no_such_json_key_anywhere") and _documented("claim_label")
    assert "no-such-command" not in ROWS and "tag-add" in ROWS
    assert "not_a_column" not in _column_table_names() and "quote" in _column_table_names()
