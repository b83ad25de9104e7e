"""The window built in stages at startup: the articles first, the panels, menus and the project right after."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from rednote_desk.gui.main_window import MainWindow
from rednote_desk.store import clean_close
from rednote_desk.store.project import Project


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.rednote.sqlite"
    with Project.open(path) as project:
        for i in range(3):
            project.add_document(title=f"Report {i}", text=f"Report {i}: the port strike left workers idle.",
                                 text_sha256=f"sha-{i}", outlet=f"Outlet {i}")
    return path


def test_the_articles_are_shown_before_the_panels_are_built_then_taken_over(qtbot, settings, path):
    w = MainWindow(None, settings=settings)
    qtbot.addWidget(w)
    assert w.startup_preview(path)
    columns = list(w.reading.columns)
    assert [c.document.title for c in columns] == ["Report 0", "Report 1"]
    assert not hasattr(w, "library") and not w.actions()  # stage 2 is not built yet
    assert clean_close.left_as_recorded(path)  # the first look changed nothing the opening's check looks at
    w.show()
    qtbot.waitUntil(lambda: hasattr(w, "library"), timeout=3000)  # right after the first paint
    assert w.library_dock.widget() is w.library and w.actions()
    assert w.open_startup_project(str(path))
    assert w.reading.columns == columns  # the same columns, now the project's (no second paint of new ones)
    assert w.library.model.rowCount() == 3 and w.menuBar().isEnabled()
    assert columns[0].view.tooltip_provider is not None  # the project's hover text for highlights
    w.close()


def test_a_text_changed_since_the_first_look_is_shown_as_the_project_has_it(qtbot, settings, path):
    w = MainWindow(None, settings=settings)
    qtbot.addWidget(w)
    assert w.startup_preview(path)
    with Project.open(path) as project:  # another program changes it between the look and the opening
        project.update_document(1, title="Renamed")
    assert w.open_startup_project(str(path))
    assert [c.document.title for c in w.reading.columns] == ["Renamed", "Report 1"]
    assert w.reading.columns[0].title_label.text() == "Renamed"
    w.close()


def test_another_file_opened_instead_closes_the_first_look(qtbot, settings, path, tmp_path):
    other = tmp_path / "other.rednote.sqlite"
    with Project.open(other) as project:
        project.add_document(title="Elsewhere", text="Another project.", text_sha256="sha-x")
    w = MainWindow(None, settings=settings)
    qtbot.addWidget(w)
    assert w.startup_preview(path)
    w._build_rest()
    w.set_project(Project.open(other))  # e.g. a repaired copy of the file
    assert [c.document.title for c in w.reading.columns] == ["Elsewhere"]
    w.close()


def test_a_shortcut_pressed_before_the_rest_is_built_is_not_lost(qtbot, settings, path):
    w = MainWindow(None, settings=settings)
    qtbot.addWidget(w)
    assert w.startup_preview(path)
    w._build_trigger._scheduled = True  # as if the key came between the first paint and the build it asked for
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)  # shortcuts work in the active window
    assert not w.actions()
    view = w.reading.columns[0].view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.actions()  # built for the key press, before the shortcut was looked up
    assert not w.search_dock.isVisible()  # the project is still opening: the search waits for it
    assert w.open_startup_project(str(path))
    assert not w.search_dock.isHidden()  # then it opens
    w.close()


def test_nothing_to_show_first_leaves_the_opening_to_say_why(qtbot, settings, tmp_path):
    w = MainWindow(None, settings=settings)
    qtbot.addWidget(w)
    assert not w.startup_preview(tmp_path / "new.rednote.sqlite")  # not made yet: the opening creates it
    assert not (tmp_path / "new.rednote.sqlite").exists()
    assert not w.reading.columns and "Opening" in w.reading.placeholder.text()
    assert w.open_startup_project(str(tmp_path / "new.rednote.sqlite"))
    w.close()


def test_the_texts_do_not_move_when_the_rest_is_built(qtbot, settings, path):
    """The menu bar's titles and the status bar are there at the first paint: building the rest moves no text."""
    w = MainWindow(None, settings=settings)
    qtbot.addWidget(w)
    assert w.startup_preview(path)
    w._build_trigger._scheduled = True  # hold stage 2 back until asked below
    w.resize(1200, 800)
    w.show()
    qtbot.wait(20)  # painted
    view = w.reading.columns[0].view
    before = view.mapTo(w, QPoint(0, 0))
    assert not w.actions() and w.menuBar().actions()
    w._build_rest()
    qtbot.wait(10)
    assert view.mapTo(w, QPoint(0, 0)) == before
    assert [a.text() for a in w.menuBar().actions()] == ["&File", "&Edit", "&Annotate", "&View", "&Coding", "&Help"]
    assert all(a.menu().actions() for a in w.menuBar().actions())  # each filled, none left empty or doubled
    w.close()


def test_what_waits_for_the_first_paint_runs_after_it_and_before_the_rest(qtbot, settings, path):
    """The app starts opening the project there: after the texts are on screen, not while they are painted."""
    w = MainWindow(None, settings=settings)
    qtbot.addWidget(w)
    assert w.startup_preview(path)
    seen = []
    w.when_painted(lambda: seen.append((hasattr(w, "library"), w.reading.columns[0].view.viewport().isVisible())))
    assert not seen
    w.show()
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen == [(False, True)]  # painted, and the rest not built yet
    qtbot.waitUntil(lambda: hasattr(w, "library"), timeout=3000)
    later = []
    w.when_painted(lambda: later.append(1))  # once painted and built: soon after
    qtbot.waitUntil(lambda: later == [1], timeout=3000)
    w.close()


def test_once_built_the_keyboard_paths_and_names_are_as_in_a_window_built_at_once(qtbot, settings):
    """The app's way in (texts first, the rest after the paint, then the project): Tab still goes through the
    panels in reading order and no control is nameless."""
    from test_accessibility_names import _nameless
    from test_tab_order import _select_in_last_column, _tab_through

    from rednote_desk import services

    services.open_project(None).close()  # the seeded default project, as after a first launch
    w = MainWindow(None, settings=settings)
    qtbot.addWidget(w)
    assert w.startup_preview(None)
    w.resize(1600, 1000)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: hasattr(w, "library"), timeout=3000)
    assert w.open_startup_project(None)
    _select_in_last_column(w)
    qtbot.wait(50)
    assert _tab_through(qtbot, w) == ["Library", "Codebook", "tabs", "column 1", "column 2", "Annotation",
                                      "status bar"]
    assert _nameless(w) == []
    w.close()
