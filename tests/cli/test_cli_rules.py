"""The CLI applies the store's rules (the same as the app's) and its commands are declared beside their bodies."""
from __future__ import annotations

import json

import pytest

from rednote_desk import cli


@pytest.fixture
def run(db_path, capsys):
    def _run(*args):
        code = cli.main(["--db", str(db_path), *[str(a) for a in args]])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def _paths(run) -> dict[str, dict]:
    return {t["path"]: t for t in json.loads(run("tags", "--json")[1])}


def test_annotate_creates_a_missing_parent_path_like_the_tag_popup(run, samples):
    run("import", samples / "003_6a3424b13f4923d6.txt")
    before = _paths(run)
    code, out, err = run("annotate", "--doc", "1", "--start", "0", "--end", "5", "--create-tags",
                         "--tag", "Sources/Officials/Ministers", "--tag", "claim types/statistic")
    assert code == 0, err
    after = _paths(run)
    assert set(after) - set(before) == {"Sources", "Sources/Officials", "Sources/Officials/Ministers"}
    [annotation] = json.loads(run("annotations", "--json")[1])
    assert sorted(annotation["tags"]) == ["Claim types/Statistic", "Sources/Officials/Ministers"]


@pytest.mark.parametrize("value", ["2025-W05-4", "20250130", "2025-02-30"])
def test_the_published_date_rule_is_the_stores(run, samples, value):
    run("import", samples / "003_6a3424b13f4923d6.txt")
    code, _, err = run("doc-edit", "1", "--published", value)
    assert code == 1 and f"date “{value}”" in err
    code, _, err = run("import", samples / "002_d37a2aa64cc3bd36.txt", "--published", value)
    assert code == 1 and f"date “{value}”" in err
    assert len(json.loads(run("docs", "--json")[1])) == 1  # nothing imported


def test_annotate_with_new_tags_is_one_undo_step(run, samples):
    run("import", samples / "003_6a3424b13f4923d6.txt")
    text_tags = set(_paths(run))
    code, out, err = run("annotate", "--doc", "1", "--start", "0", "--end", "5", "--create-tags",
                         "--tag", "Brand new/Child", "--claim", "first words")
    assert code == 0, err
    assert "Brand new/Child" in _paths(run)
    assert run("undo")[1].strip() == "undone: Add annotation"
    assert set(_paths(run)) == text_tags and json.loads(run("annotations", "--json")[1]) == []


def test_every_command_is_declared_with_its_body():
    parser = cli.build_parser()
    names = set(parser._subparsers._group_actions[0].choices)
    assert names == set(cli.COMMANDS)
    for command in cli.COMMANDS.values():
        assert command.run.__module__ == "rednote_desk.cli" and command.help
    with pytest.raises(ValueError, match="declared twice"):
        cli.command("docs", "again")(lambda project, args: 0)
