"""The opened project's set-up in turns of the event loop (issue 10: no long stall while a large project opens):
the panels first, then each saved column in a turn of its own, then their scroll places and the project's reads.
Nothing a person had open is lost, whatever comes between the turns."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from rednote_desk.gui.main_window import MainWindow, _key
from rednote_desk.store.project import Project

LINES = "\n".join(f"Line {i} of the report on the harbour strike and what the workers said." for i in range(400))


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.rednote.sqlite"
    with Project.open(path) as project:
        for i in range(4):
            project.add_document(title=f"Report {i}", text=f"Report {i}.\n{LINES}", text_sha256=f"sha-{i}")
    return path


def _settings(tmp_path, path, open_ids, places=None):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    key = _key(str(path.resolve()))
    settings.setValue(f"open_documents/{key}", ",".join(map(str, open_ids)))
    if places:
        settings.setValue(f"scroll_positions/{key}", ",".join(f"{d}:{o}" for d, o in places.items()))
    return settings


def _window(qtbot, settings):
    w = MainWindow(None, settings=settings)
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    w._build_rest()
    return w


def test_the_saved_columns_come_back_one_a_turn_with_their_scroll_places(qtbot, tmp_path, path):
    offset = LINES.index("Line 200 ")
    settings = _settings(tmp_path, path, [3, 1, 4], {1: offset})
    w = _window(qtbot, settings)
    w.set_project(Project.open(path), in_turns=True)
    assert w.project is not None and w.codebook_dock.widget() is w.codebook  # the panels in the first turn
    assert w.reading.document_ids() == [] and w.is_setting_up()  # no column in the same turn
    w._next_setup_step()
    assert w.reading.document_ids() == [3]  # one column a turn
    w._next_setup_step()
    assert w.reading.document_ids() == [3, 1]
    qtbot.waitUntil(lambda: not w.is_setting_up(), timeout=3000)  # the rest follows by itself
    assert w.reading.document_ids() == [3, 1, 4]
    qtbot.wait(30)
    view = w.reading.column_for(1).view
    assert abs(view.offset_y(offset + 4)) <= 2 * view.fontMetrics().lineSpacing()  # scrolled back to its place
    assert w.library.model.rowCount() == 4
    w.close()


def test_closing_the_window_between_the_turns_keeps_every_saved_column(qtbot, tmp_path, path):
    settings = _settings(tmp_path, path, [2, 4, 1])
    w = _window(qtbot, settings)
    w.set_project(Project.open(path), in_turns=True)
    w._next_setup_step()  # one column back, two still to come
    w.close()
    assert not w.is_setting_up()
    assert settings.value(f"open_documents/{_key(str(path.resolve()))}") == "2,4,1"


def test_another_project_shown_between_the_turns_saves_the_first_ones_columns(qtbot, tmp_path, path):
    other = tmp_path / "other.rednote.sqlite"
    with Project.open(other) as project:
        project.add_document(title="Elsewhere", text="Another project.", text_sha256="sha-x")
    settings = _settings(tmp_path, path, [4, 3])
    w = _window(qtbot, settings)
    w.set_project(Project.open(path), in_turns=True)
    w.set_project(Project.open(other))  # e.g. File → Open at once: no column of the first project is lost
    assert settings.value(f"open_documents/{_key(str(path.resolve()))}") == "4,3"
    assert [c.document.title for c in w.reading.columns] == ["Elsewhere"]
    w.close()


def test_a_window_given_its_project_is_set_up_at_once(qtbot, tmp_path, path):
    settings = _settings(tmp_path, path, [2, 3])
    w = MainWindow(Project.open(path), settings=settings)
    qtbot.addWidget(w)
    assert w.reading.document_ids() == [2, 3] and not w.is_setting_up()
    w.close()
