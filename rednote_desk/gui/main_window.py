"""The main window: library, codebook, side-by-side reading area, inspector, menus and shortcuts.

The window holds no truth: every action calls a Project operation, which commits at once and returns what
changed; the window then refreshes only the affected views.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from rednote_desk.core.errors import UserError
from rednote_desk.core.tags import tag_paths
from rednote_desk.gui.annotate_actions import AnnotateActionsMixin
from rednote_desk.gui.annotated_view import Highlight
from rednote_desk.gui.code_legend import CodeLegend
from rednote_desk.gui.file_actions import FileActionsMixin
from rednote_desk.gui.plain import plain
from rednote_desk.gui.reading_area import ReadingArea
from rednote_desk.gui.scroll_memory import restore_scroll_positions, save_scroll_positions
from rednote_desk.gui.session import ProjectSession
from rednote_desk.paths import data_dir

if TYPE_CHECKING:
    from rednote_desk.store.project import Project
    from rednote_desk.store.undo import Changes

# What the first paint shows (the reading area, the panels' frames) is imported above; the panels' contents,
# the menus' actions and the rest are imported and built right after it (MainWindow._build_rest).


def settings_for_app() -> QSettings:
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


class MainWindow(AnnotateActionsMixin, FileActionsMixin, QMainWindow):
    def __init__(self, project: Project | None, *, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings if settings is not None else settings_for_app()
        self.project = project
        self.recent_tag_ids: list[int] = [int(x) for x in (self.settings.value("recent_tags") or [])
                                          if str(x).isdigit()]
        self._tag_paths: dict[int, str] = {}
        self._tag_colors: dict[int, str] = {}
        self.setAcceptDrops(True)
        self.resize(1400, 860)

        # first paint (stage 1): the reading area in its tab and the panels' frames; startup_preview() may open
        # the project's first texts in it. The rest (_build_rest) follows right after the first paint, or at
        # once when a project is given or a person's input arrives earlier (staged_start.BuildOnInput).
        self.reading = ReadingArea()
        reading_page = QWidget()
        self._reading_layout = QVBoxLayout(reading_page)
        self._reading_layout.setContentsMargins(0, 0, 0, 0)
        self._reading_layout.addWidget(self.reading, 1)
        self.legend = CodeLegend(self.reading, lambda: (self._tag_paths, self._tag_colors))
        self._reading_layout.addWidget(self.legend)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(reading_page, "Read && annotate")
        self.setCentralWidget(self.tabs)
        self.library_dock = self._dock("Library", QWidget(), Qt.DockWidgetArea.LeftDockWidgetArea)
        self.codebook_dock = self._dock("Codebook", QWidget(), Qt.DockWidgetArea.LeftDockWidgetArea)
        self.inspector_dock = self._dock("Annotation", QWidget(), Qt.DockWidgetArea.RightDockWidgetArea)
        self.search_dock = self._dock("Search project", QWidget(), Qt.DockWidgetArea.RightDockWidgetArea)
        self.search_dock.hide()
        self.orphans_dock = self._dock("Orphaned annotations", QWidget(), Qt.DockWidgetArea.RightDockWidgetArea)
        self.orphans_dock.hide()
        # the menu bar's titles and the status bar now, so the texts do not move down when the rest is built
        self._menus = {title: self.menuBar().addMenu(title) for title in ("&File", "&Edit", "&Annotate", "&View",
                                                                          "&Help")}
        self.statusBar()
        self._colors_cache: dict[tuple, tuple] = {}
        self._compare_view = None  # the comparison tabs are built on first use: they import numpy & co.
        self._diff_view = None
        self._compare_page: QWidget | None = None
        self._diff_page: QWidget | None = None
        self._preview_path = None  # the project file whose texts startup_preview showed
        self._built = False
        self._after_built: list = []
        self._when_open: list = []  # actions asked for while the project was still opening (once_open)
        self._closing = False  # closeEvent came: an opening still running stops (open_startup_project)
        self.checking = None  # the project_opening.WhileChecking while the project's file is checked
        self._build_trigger = None
        self._layout_restored = False
        if project is not None:
            self._build_rest()
            self.set_project(project)
        else:  # the app opens the project right after this window is first painted
            from rednote_desk.gui.staged_start import BuildOnInput

            self.menuBar().setEnabled(False)
            self.reading.placeholder.setText("<h3>Opening the project…</h3>")
            self._build_trigger = BuildOnInput(self)
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window_state")
        if state is not None:
            self._layout_restored = self.restoreState(state)

    def _build_rest(self) -> None:
        """Stage 2 of the window: the panels' contents, the find bar, menus, shortcuts and their connections."""
        if self._built:
            return
        self._built = True
        if self._build_trigger is not None:
            self._build_trigger.stop()
            self._build_trigger = None
        from rednote_desk.gui.alignment_marks import AlignmentMarker
        from rednote_desk.gui.inspector import InspectorPanel
        from rednote_desk.gui.library import LibraryPanel
        from rednote_desk.gui.orphans import OrphanReviewPanel
        from rednote_desk.gui.project_reads import LibraryLoader
        from rednote_desk.gui.search import FindBar, SearchPanel

        self.find_bar = FindBar(self._views_active_first)
        self.find_bar.hide()
        self._reading_layout.addWidget(self.find_bar)
        self.library = LibraryPanel()
        self.library_loader = LibraryLoader(self.library)
        self.inspector = InspectorPanel()
        self.search_panel = SearchPanel(lambda q: self.project.search(q),
                                        file_fn=lambda: self.project.path if self.project is not None else None)
        self.library_dock.setWidget(self.library)
        self.inspector_dock.setWidget(self.inspector)
        self.search_dock.setWidget(self.search_panel)
        self.orphans = OrphanReviewPanel()
        self.orphans_dock.setWidget(self.orphans)
        self.orphans.show_requested.connect(self.on_orphans_show_requested)
        self.orphans.reattach_requested.connect(self.on_orphans_reattach_requested)
        self.orphans.delete_requested.connect(lambda annotation_id: self.delete_annotations([annotation_id]))
        self.alignment = AlignmentMarker(self.reading, self)
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)

        self.library.open_requested.connect(self.on_library_open_requested)
        self.library.edit_requested.connect(self.edit_document_details)
        self.library.delete_requested.connect(self.delete_document)
        self.reading.annotation_clicked.connect(self.on_reading_annotation_clicked)
        self.reading.active_column_changed.connect(self.on_reading_active_column_changed)
        self.reading.columns_changed.connect(self.update_actions)
        self.reading.context_requested.connect(self.on_reading_context_requested)
        self.inspector.note_edited.connect(self.on_inspector_note_edited)
        self.inspector.edit_tags_requested.connect(lambda _id: self.tag_selection())
        self.inspector.delete_requested.connect(lambda annotation_id: self.delete_annotations([annotation_id]))
        self.inspector.unlink_requested.connect(lambda annotation_id: self._run(
            lambda: self.project.unlink_claim([annotation_id])))
        self.inspector.rename_claim_requested.connect(self.rename_claim)
        self.search_panel.hit_activated.connect(self.on_search_panel_hit_activated)

        self._build_actions()
        from rednote_desk.gui.coders import CodersController

        self.coders = CodersController(self)  # the Coding menu and the coder in the status bar
        if self.reading.active is not None:  # texts shown before this stage: the library follows the active one
            self.on_reading_active_column_changed(self.reading.active)
        waiting, self._after_built = self._after_built, []
        for callback in waiting:
            callback()

    def when_built(self, callback) -> None:
        """Call ``callback()`` once the whole window is built (at once if it is)."""
        if self._built:
            callback()
        else:
            self._after_built.append(callback)

    def when_painted(self, callback) -> None:
        """Call ``callback()`` once the window's first paint is done (soon after, if it is)."""
        if self._build_trigger is not None:
            self._build_trigger.painted.append(callback)
        else:
            QTimer.singleShot(0, callback)

    def startup_preview(self, db_path=None) -> bool:
        """Before the project is opened (checked, migrated, on a worker), show the texts it opens with, read
        through the store's light first look; the opened project takes them over (set_project). False when
        there was nothing to show (a new project, an unreadable file: the opening says why)."""
        from pathlib import Path

        from rednote_desk.paths import default_project_path
        from rednote_desk.store.first_look import first_documents

        path = Path(db_path).expanduser() if db_path is not None else default_project_path()
        try:
            key = _key(str(path.resolve()))
        except (OSError, RuntimeError):
            return False
        saved = self.settings.value(f"open_documents/{key}")
        ids = None if saved is None else [int(x) for x in str(saved).split(",") if x.strip().isdigit()]
        documents = first_documents(path, ids, first=2) if ids is None or ids else []
        for document in documents:
            self.reading.open_document(document, new_column=True)
        if documents:
            from rednote_desk.gui.scroll_memory import restore_scroll_positions

            self._preview_path = path.resolve()
            restore_scroll_positions(self.settings, key, self.reading)
        return bool(documents)

    def _take_over_preview(self, project: Project) -> None:
        """The texts startup_preview showed become the project's own columns (their texts and headers as the
        opened project has them), or close when the project opened is another file (a repaired copy)."""
        preview, self._preview_path = self._preview_path, None
        if preview is None:
            return
        same = project.path is not None and project.path.resolve() == preview
        for column in list(self.reading.columns):
            try:
                document = project.document(column.document.id) if same else None
            except UserError:
                document = None
            if document is None:
                self.reading.close_column(column)
                continue
            if document.text != column.document.text:
                column.view.set_text(document.text)
            column.update_header(document)

    def showEvent(self, event):  # noqa: N802 - Qt override
        super().showEvent(event)
        if not getattr(self, "_layout_checked", False):
            self._layout_checked = True
            if not self._built and not self._layout_restored:  # the panels' places before the first paint
                from rednote_desk.gui.window_layout import first_layout

                first_layout(self)  # (the panels are still empty frames: the texts would move when they fill)
            QTimer.singleShot(0, self._first_layout_once_built)

    def _first_layout_once_built(self) -> None:
        self.when_built(self._first_layout)  # the layout's checks need the panels' contents (stage 2)

    def _first_layout(self) -> None:
        from rednote_desk.gui.window_layout import first_layout, layout_is_sane

        # proportions fitted to the screen; a saved layout is kept only when no panel was squeezed
        restored = self._layout_restored and layout_is_sane(self)
        if not restored:
            first_layout(self)
        self.side_panels.text_room.layout_ready(restored)  # from now on panels fold when the texts need room

    # -- construction --------------------------------------------------------------------------
    def _dock(self, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title.replace(" ", "_").lower())
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, menu, text: str, slot, shortcut=None, *, checkable: bool = False, tip: str = "",
                early: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setCheckable(checkable)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        # before the project is open: a view setting or an ``early`` action (it reads or moves through what is on
        # screen) acts at once; anything else is queued until the project is open (once_open)
        action.triggered.connect(slot if checkable or early else self.once_open(slot, text))
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        from rednote_desk.gui.accessibility import AccessibleNames
        from rednote_desk.gui.coded_passages import install_coded_passages
        from rednote_desk.gui.keyboard import KeyboardPaths
        from rednote_desk.gui.window_layout import SidePanels

        bar = self.menuBar()
        file_menu = self._menus.get("&File") or bar.addMenu("&File")
        self._action(file_menu, "&New project…", self.new_project, QKeySequence.StandardKey.New)
        self._action(file_menu, "&Open project…", self.open_project_dialog, QKeySequence.StandardKey.Open)
        file_menu.addSeparator()
        self._action(file_menu, "&Import files…", self.import_files_dialog, "Ctrl+I",
                     tip="Import .txt, .html or .md articles (you can also drop files on the window)")
        self._action(file_menu, "&Paste article…", lambda: self.importer.import_pasted_text(), "Ctrl+Shift+V")
        self._action(file_menu, "&Re-import a new version of the document…", self.reimport_dialog, "Ctrl+R",
                     tip="Replace the active document's text by a changed version; annotations follow their text")
        file_menu.addSeparator()
        self._action(file_menu, "&Export annotations as CSV…", self.export_csv_dialog, "Ctrl+E")
        self._action(file_menu, "Export &report (HTML)…", self.export_report_dialog, "Ctrl+Shift+E",
                     tip="One self-contained HTML file: metadata, claims matrix, frame profile, copies, diffs")
        self._action(file_menu, "Save a &copy of the project…", self.save_copy_dialog, "Ctrl+Shift+S")
        self._action(file_menu, "Save a copy for s&haring…", self.save_sharing_copy_dialog)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit, early=True)

        edit_menu = self._menus.get("&Edit") or bar.addMenu("&Edit")
        self.undo_action = self._action(edit_menu, "&Undo", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(edit_menu, "&Redo", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        edit_menu.addSeparator()
        self._action(edit_menu, "&Find in open documents", self.find_bar.open, QKeySequence.StandardKey.Find,
                     early=True)
        self._action(edit_menu, "Find &next", lambda: self.find_bar.find(), "F3", early=True)
        self._action(edit_menu, "Find &previous", lambda: self.find_bar.find(backward=True), "Shift+F3", early=True)
        self._action(edit_menu, "&Search project…", self.open_search, "Ctrl+Shift+F")
        edit_menu.addSeparator()
        self._action(edit_menu, "Document &details…", lambda: self._with_active_doc(self.edit_document_details),
                     "Ctrl+D")

        annotate = self._menus.get("&Annotate") or bar.addMenu("&Annotate")
        self.tag_action = self._action(annotate, "&Tag selection…", self.tag_selection, ["Ctrl+T"],
                                       tip="Tag the selected text (or retag the selected annotation)")
        self._action(annotate, "Edit &note", self.focus_note, "Ctrl+N")
        self.link_action = self._action(annotate, "&Link as the same claim…", self.link_claim, "Ctrl+L",
                                        tip="Link the selected annotations of the open columns as one claim")
        self.unlink_action = self._action(annotate, "&Unlink from claim", self.unlink_claim, "Ctrl+Shift+L")
        self.delete_action = self._action(annotate, "&Delete annotation", self.delete_selected_annotation,
                                          "Ctrl+Backspace")
        annotate.addSeparator()
        self._action(annotate, "Next annotation", lambda: self.step_annotation(+1), "F8")
        self._action(annotate, "Previous annotation", lambda: self.step_annotation(-1), "Shift+F8")

        view = self._menus.get("&View") or bar.addMenu("&View")
        self.sync_action = self._action(view, "&Synchronised scrolling", self.on_sync_toggled, "Ctrl+Shift+Y",
                                        checkable=True)
        self.sync_action.setChecked(self.settings.value("sync_scrolling", "true") in ("true", True))
        self.reading.set_sync_scrolling(self.sync_action.isChecked())
        self.alignment.set_for_scrolling(self.sync_action.isChecked())  # content-aligned when texts share sentences
        self._action(view, "Open selected document in a &new column", self.open_selected_in_new_column,
                     "Ctrl+Shift+O")
        self._action(view, "&Close column", self.close_active_column, "Ctrl+W")
        for n in range(1, 5):
            self._action(view, f"Go to column {n}", lambda _c=False, n=n: self.focus_column(n - 1), f"Alt+{n}",
                         early=True)
        view.addSeparator()
        self.marks_action = self._action(view, "&Mark sentences only one outlet has", self.on_marks_toggled,
                                         "Ctrl+Shift+U", checkable=True,
                                         tip="Align the open articles' sentences; mark those with no counterpart")
        self._action(view, "&Follow this sentence in the other columns", self.follow_sentence, "Ctrl+J")
        self._action(view, "&Compare outlets", lambda: self.tabs.setCurrentIndex(1), "Ctrl+2")
        self._action(view, "Text &diff", lambda: self.tabs.setCurrentIndex(2), "Ctrl+3")
        self._action(view, "&Read && annotate", lambda: self.tabs.setCurrentIndex(0), "Ctrl+1", early=True)
        view.addSeparator()
        for dock in (self.library_dock, self.codebook_dock, self.inspector_dock, self.search_dock,
                     self.orphans_dock):
            view.addAction(dock.toggleViewAction())
        self.side_panels = SidePanels(self, view)
        self.keyboard = KeyboardPaths(self, view)  # Esc back to the text, panel shortcuts, apply a code
        self.passages = install_coded_passages(self, view)  # View > Coded passages (Ctrl+Shift+P)
        self.accessible_names = AccessibleNames(self)  # every control a screen reader can name

        help_menu = self._menus.get("&Help") or bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, "F1", early=True)

        # single-key shortcuts only inside the reading area, so they never fire while typing elsewhere
        for key, slot, name in (("T", self.tag_selection, "Tag selection"),
                                ("Delete", self.delete_selected_annotation, "Delete annotation"),
                                ("N", self.focus_note, "Edit note"), ("L", self.link_claim, "Link as the same claim")):
            shortcut = QShortcut(QKeySequence(key), self.reading)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.once_open(slot, name))

    def once_open(self, slot, name: str):
        """``slot`` as an action's handler, by the one rule for actions asked for before the project is open
        (right after startup, and while its file is checked): what needs the project (every change, and reads
        through it) is queued and runs once the project is open, in order, and the status bar says so; if the
        project cannot be opened, the status bar says what was not done. (What only reads or moves through the
        window is not wrapped: it acts at once; see _action's ``early``.)"""
        name = re.sub(r"&(.)", r"\1", name).rstrip("…")

        def run() -> None:
            if self.project is not None:
                slot()
                return
            self._when_open.append((slot, name))
            names = ", ".join(dict.fromkeys(n for _s, n in self._when_open))
            # (the check's own message is replaced: it begins the same, and is cleared with it when the check ends)
            self.statusBar().showMessage(self.checking.queued_note(names) if self.checking is not None
                                         else f"Opening the project… {names}: done as soon as it is open.")
        return run

    def _run_when_open(self) -> None:
        asked, self._when_open = self._when_open, []
        if asked and "as soon as it is open" in self.statusBar().currentMessage():
            self.statusBar().clearMessage()
        for slot, _name in asked:  # what was asked for while the project opened, in order
            slot()

    def _drop_when_open(self) -> None:
        asked, self._when_open = self._when_open, []
        if asked:
            names = ", ".join(dict.fromkeys(n for _s, n in asked))
            self.statusBar().showMessage(f"Not done, the project could not be opened: {names}.")

    # -- project -------------------------------------------------------------------------------
    def set_project(self, project: Project, *, in_turns: bool = False) -> None:
        """Show ``project`` in the window. ``in_turns``: what follows the panels' set-up (reopening each saved
        column, the scroll positions, the project's own reads of its list and orphans) runs in later turns of the
        event loop, one part a turn, so no turn holds the window for long (a large project at startup);
        finish_setting_up() runs what is left at once."""
        if getattr(self, "_project_ready", False):
            self.finish_setting_up()  # the columns it was still reopening are saved with the others
            self._save_open_documents()
            for column in list(self.reading.columns):
                self.reading.close_column(column)
            if self.project is not project:
                self.project.close()
        self.project = project
        self._project_ready = True
        self._lock_project(project)
        from rednote_desk.gui.codebook_panel import CodebookPanel

        previous_session = getattr(self, "session", None)
        if previous_session is not None:
            previous_session.changed.disconnect()
            previous_session.deleteLater()
        self.session = ProjectSession(project, self)
        self._subscribe(self.session)
        self.coders.attach(self.session)
        self.codebook = CodebookPanel(self.session)
        self.codebook_dock.setWidget(self.codebook)
        self.keyboard.tab_order.schedule()  # a new panel in the chain (the texts may be open already: no other cue)
        self.codebook.tag_activated.connect(self.keyboard.apply_code)
        from rednote_desk.gui.import_dialog import ImportController  # services, ingest: after the window is up

        self.importer = ImportController(project, self)
        self.importer.changed.connect(lambda changes: self.session.announce(changes, self.importer))
        self.importer.imported.connect(self.on_importer_imported)
        self._install_compare_view(project)
        self.recent_tag_ids = [t for t in self.recent_tag_ids if self._tag_exists(t)]
        self.setWindowTitle(f"RedNote Desk — {project.path.name if project.path else 'in memory'}")
        self._reload_tags()
        self._take_over_preview(project)
        self.inspector.show_annotation(None)
        self.update_actions()
        # then, a turn each: the saved columns (each about 10 ms of GUI work and its paint), their scroll places,
        # and the project's reads of its list and orphans (workers for a large project: started after the
        # columns, so their Python does not compete with the columns' turns for the GIL)
        self._setting_up = [*(lambda d=d: self.open_document(d, new_column=True) for d in self._documents_to_reopen()),
                            self._restore_scroll_places, self._start_project_reads]
        if in_turns:
            QTimer.singleShot(1, self, self._next_setup_step)  # (not 0 ms: input, paint and timers come between)
        else:
            self.finish_setting_up()

    def _next_setup_step(self) -> None:
        if self._setting_up:
            self._setting_up.pop(0)()
        if self._setting_up:
            QTimer.singleShot(1, self, self._next_setup_step)

    def finish_setting_up(self) -> None:
        """Run at once what set_project(in_turns=True) left for later turns."""
        while getattr(self, "_setting_up", None):
            self._setting_up.pop(0)()

    def is_setting_up(self) -> bool:
        return bool(getattr(self, "_setting_up", None))

    def _start_project_reads(self) -> None:
        self.library_loader.fill(self.project)  # a large project's list is read in the background
        self.refresh_orphans()
        self.update_actions()

    def open_startup_project(self, db_path=None) -> bool:
        """Open the project the app starts with (after the first paint: the store's imports take time). False when
        it could not be opened; True also when the window was closed meanwhile (the opening stopped, the file closed)."""
        import sqlite3

        from rednote_desk.gui.project_opening import (
            WhileChecking,
            back_up_in_background,
            ensure_opening,
            open_in_background,
        )

        # the file check and migrations run on a worker: the window stays live meanwhile (the store is
        # imported there first, then here); the daily backup follows once the project is on screen
        ensure_opening(db_path)  # (app.main started it before building the window)
        self._build_rest()  # the window's second stage, if no input or paint asked for it yet
        waiting = WhileChecking(self)  # the library is listed from a read-only look while the file is checked
        opened = failure = None
        try:
            opened = open_in_background(db_path, waiting)
        except Exception as exc:  # noqa: BLE001 - said just below, by project_safety
            failure = exc
        if self._closing:  # the window was closed during the check: nothing more is done
            if opened is not None:
                opened.close()  # (nothing was written: the clean-close record as for any close)
            return True
        from rednote_desk import services
        from rednote_desk.gui.project_safety import guard, open_project_safely

        if opened is not None:
            project = guard(opened)
        else:  # refused or failed there: that is said (and a repaired copy offered); never opened for writing
            waiting.end(opened=False)
            project = open_project_safely(self, services.open_project, db_path, services.default_project_path,
                                          failed=failure)
            if project is None:
                self._drop_when_open()
                return False
            try:
                services.ensure_recent_backup(project)
            except (OSError, sqlite3.Error) as exc:
                self.statusBar().showMessage(f"Could not write the daily backup: {exc}", 10000)
        self.reading.placeholder.setText(ReadingArea.PLACEHOLDER)
        self.menuBar().setEnabled(True)
        self.set_project(project, in_turns=True)
        from PySide6.QtCore import QCoreApplication, QEventLoop

        while self.is_setting_up():  # the columns come back a turn each; the window's events go on meanwhile
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if self._closing:  # closed between the turns (closeEvent saved the columns): no
            self.project.close()  # backup, no held document, nothing queued; the file closed cleanly
            return True
        if opened is not None:
            waiting.end(opened=True)  # a document asked for in the library meanwhile opens now
            back_up_in_background(self, project.path, lambda message: self.statusBar().showMessage(message, 10000))
        self._run_when_open()
        return True

    def _install_compare_view(self, project: Project) -> None:
        index = self.tabs.currentIndex()
        for page in (self._diff_page, self._compare_page):
            if page is not None:
                self.tabs.removeTab(self.tabs.indexOf(page))
                page.deleteLater()
        for view in (self._compare_view, self._diff_view):
            if view is not None:
                view.stop()
        self._compare_view = self._diff_view = None
        from rednote_desk.gui.window_layout import scrolling_page

        # wide views scroll inside their tab rather than squeezing the side panels
        (self._compare_page, self._compare_body), (self._diff_page, self._diff_body) = (
            scrolling_page(), scrolling_page())
        self.tabs.insertTab(1, self._compare_page, "Compare outlets")
        self.tabs.insertTab(2, self._diff_page, "Text diff")
        self.tabs.setCurrentIndex(index if 0 <= index < 3 else 0)

    @property
    def compare_view(self):
        """The claims × outlets view, built on first use."""
        if self._compare_view is None:
            from rednote_desk.gui.compare_view import CompareView

            view = CompareView(self.session)
            # first use: the open columns (or every document); afterwards the view keeps its own choice
            open_ids = self.reading.document_ids()
            view.set_documents(open_ids if len(open_ids) >= 2 else [])
            view.passage_requested.connect(self.show_passage)
            view.copies_panel.diff_requested.connect(self.show_diff)
            self._compare_body.layout().addWidget(view)
            self._compare_view = view
            self.accessible_names.schedule()  # its controls named next turn, shown or not
        return self._compare_view

    @property
    def diff_view(self):
        """The pairwise text diff, built on first use."""
        if self._diff_view is None:
            from rednote_desk.gui.diff_view import DiffView

            view = DiffView(self.session)
            view.passage_requested.connect(self.show_passage)
            self._diff_body.layout().addWidget(view)
            self._diff_view = view
            self.accessible_names.schedule()  # its controls named next turn, shown or not
        return self._diff_view

    def on_tabs_current_changed(self, index: int) -> None:
        # a view is built on first use, after its modules were imported off the GUI thread (numpy & co.);
        # it computes when shown and keeps itself current (session.changed)
        from rednote_desk.gui.preload import COMPARE_MODULES, DIFF_MODULES, when_imported

        if self.tabs.widget(index) is self._diff_page and self._diff_view is None:
            when_imported(self, DIFF_MODULES, lambda: self.diff_view)
        if self.tabs.widget(index) is self._compare_page and self._compare_view is None:
            # on a later turn of the event loop even when imported already: the click that switched the tab (and
            # opened columns, perhaps) is one turn, building the view (~20 ms) another (a timer, not a 0 ms one:
            # Qt runs those as posted calls in the same pass, before input and timers)
            QTimer.singleShot(1, self, lambda: when_imported(self, COMPARE_MODULES, lambda: self.compare_view))

    def show_diff(self, doc_a: int, doc_b: int) -> None:
        self.tabs.setCurrentWidget(self._diff_page)
        self.diff_view.set_pair(doc_a, doc_b)

    def on_marks_toggled(self, checked: bool) -> None:
        self.alignment.set_enabled(checked)

    def follow_sentence(self) -> None:
        column = self.reading.active
        if column is None:
            return
        if not self.alignment.enabled:
            self.marks_action.setChecked(True)
            self.alignment.set_enabled(True)
            self.statusBar().showMessage("Aligning the open articles… press Ctrl+J again in a moment.", 4000)
            return
        offset = column.view.offset_at(column.view.cursorRect().center())
        moved = self.alignment.follow(column.document.id, offset)
        self.statusBar().showMessage(
            f"Shown in {moved} other column(s)." if moved else "No other open article has this sentence.", 5000)

    def show_passage(self, document_id: int, start: int, end: int) -> None:
        """Show a passage (from the comparison views) in the reading area, selected."""
        self.tabs.setCurrentIndex(0)
        column = self.reading.column_for(document_id) or self.open_document(document_id, new_column=True)
        if column is None:
            return
        self.reading.set_active(column)
        column.view.select_span(start, end)
        column.view.centerCursor()
        column.view.setFocus()

    def _lock_project(self, project: Project) -> None:
        """Tell the user when the same project is open in another RedNote Desk window (both stay safe: every
        change is its own transaction, but this window does not see the other's changes until reopened)."""
        from PySide6.QtCore import QLockFile

        previous = getattr(self, "_project_lock", None)
        if previous is not None:
            previous.unlock()
        self._project_lock = None
        self.shared_elsewhere = False
        if project.path is None or project.read_only:
            return
        lock = QLockFile(str(project.path) + ".lock")
        lock.setStaleLockTime(0)
        if lock.tryLock(0):
            self._project_lock = lock
        else:
            self.shared_elsewhere = True
            self.statusBar().showMessage(
                "This project is also open in another RedNote Desk window. Both can work safely, but changes made "
                "there appear here only after reopening the project.", 0)

    def _tag_exists(self, tag_id: int) -> bool:
        try:
            self.project.tag(tag_id)
            return True
        except UserError:
            return False

    def _project_key(self) -> str:
        return str(self.project.path.resolve()) if self.project.path else "memory"

    def _save_open_documents(self) -> None:
        self.settings.setValue(f"open_documents/{_key(self._project_key())}",
                               ",".join(str(i) for i in self.reading.document_ids()))
        save_scroll_positions(self.settings, _key(self._project_key()), self.reading)

    def _documents_to_reopen(self) -> list[int]:
        saved = self.settings.value(f"open_documents/{_key(self._project_key())}")
        if saved is None:
            return self.project.existing_document_ids(first=2)  # first launch: two articles side by side
        return self.project.existing_document_ids(int(x) for x in str(saved).split(",") if x.strip().isdigit())

    def _restore_scroll_places(self) -> None:
        restore_scroll_positions(self.settings, _key(self._project_key()), self.reading)

    def closeEvent(self, event):  # noqa: N802 - Qt override
        self._closing = True  # open_startup_project, if it still runs, stops after its loop (nothing more runs)
        self._when_open = []  # what was asked for while the project opened never runs after the close
        if self.project is None:  # closed before a project could be opened (its file may be checked right now)
            from rednote_desk.gui.project_opening import cancel_opening

            cancel_opening()
            super().closeEvent(event)
            return
        self.inspector.flush_note()
        self.finish_setting_up()  # closed while the columns were reopened: all are saved for the next time
        self._stop_background_work()
        self._save_open_documents()
        self.settings.setValue("geometry", self.saveGeometry())
        from rednote_desk.gui.window_layout import layout_is_sane

        if layout_is_sane(self):  # never save a squeezed layout to come back to
            self.settings.setValue("window_state", self.saveState())
        else:
            self.settings.remove("window_state")
        self.settings.setValue("recent_tags", [str(t) for t in self.recent_tag_ids])
        self.settings.setValue("sync_scrolling", "true" if self.sync_action.isChecked() else "false")
        if self.project.path is not None:
            self.settings.setValue("last_project", str(self.project.path))
        self.settings.sync()
        if getattr(self, "_project_lock", None) is not None:
            self._project_lock.unlock()
        super().closeEvent(event)

    def _stop_background_work(self) -> None:
        """Cancel and disconnect the comparison, diff and alignment tasks, and let their threads finish, so
        nothing is left running (and emitting) while the window and Python shut down."""
        from rednote_desk.gui import workers

        for view in (self._compare_view, self._diff_view):
            if view is not None:
                view.stop()
        workers.stop_all()

    # -- documents -----------------------------------------------------------------------------
    def on_library_open_requested(self, document_id: int, new_column: bool) -> None:
        self.open_document(document_id, new_column=new_column)

    def open_selected_in_new_column(self) -> None:
        document_id = self.library.selected_document_id()
        if document_id is not None:
            self.open_document(document_id, new_column=True)

    def open_document(self, document_id: int, *, new_column: bool = False):
        try:
            document = self.project.document(document_id)
        except UserError as exc:
            QMessageBox.warning(self, "Open document", plain(str(exc)))
            return None
        column = self.reading.open_document(document, new_column=new_column or not self.reading.columns)
        if column is None:  # four columns open and the user kept them all
            return None
        column.view.tooltip_provider = lambda annotation_id, d=document_id: self.annotation_tooltip(d, annotation_id)
        self.refresh_annotations(document_id)
        return column

    def close_active_column(self) -> None:
        if self.reading.active is not None:
            self.reading.close_column(self.reading.active)

    def focus_column(self, index: int) -> None:
        if 0 <= index < len(self.reading.columns):
            column = self.reading.columns[index]
            self.reading.set_active(column)
            column.view.setFocus()

    def _with_active_doc(self, fn) -> None:
        if self.reading.active is not None:
            fn(self.reading.active.document.id)
        elif self.library.selected_document_id() is not None:
            fn(self.library.selected_document_id())

    def edit_document_details(self, document_id: int) -> None:
        from rednote_desk.gui.dialogs import DocumentDetailsDialog

        dialog = DocumentDetailsDialog(self.project.document(document_id), self)
        if dialog.exec() and dialog.values():
            self._run(lambda: self.project.update_document(document_id, **dialog.values()))

    def delete_document(self, document_id: int) -> None:
        document = self.project.document(document_id)
        count = len(self.project.annotations(document_id))
        answer = QMessageBox.question(
            self, "Delete document",
            plain(f"Delete “{document.title}” and its {count} annotations?\nYou can undo this with Ctrl+Z."))
        if answer == QMessageBox.StandardButton.Yes:
            column = self.reading.column_for(document_id)
            if column is not None:
                self.reading.close_column(column)
            self._run(lambda: self.project.delete_document(document_id))

    # -- import / export -----------------------------------------------------------------------

    # -- annotating ----------------------------------------------------------------------------

    # -- selection & refresh -------------------------------------------------------------------
    def on_reading_annotation_clicked(self, document_id: int, annotation_id: int) -> None:
        self.select_annotation(document_id, annotation_id, scroll=False)

    def on_reading_active_column_changed(self, column) -> None:
        if column is not None:
            self.library.select_document(column.document.id)
            annotation_id = column.view.selected_annotation()
            self._show_in_inspector(annotation_id)
        self.update_actions()

    def on_reading_context_requested(self, column, global_pos) -> None:
        from PySide6.QtWidgets import QMenu

        self.reading.set_active(column)
        menu = QMenu(self)
        for action in (self.tag_action, self.link_action, self.unlink_action, self.delete_action):
            menu.addAction(action)
        menu.exec(global_pos)

    def on_search_panel_hit_activated(self, document_id: int, annotation_id, query: str) -> None:
        column = self.open_document(document_id)
        if column is None:
            return
        if annotation_id:
            self.select_annotation(document_id, annotation_id)
        else:
            position = column.view.text().casefold().find(query.split()[0].casefold()) if query else -1
            if position >= 0:
                column.view.select_span(position, position + len(query.split()[0]))
                column.view.centerCursor()

    def on_sync_toggled(self, checked: bool) -> None:
        self.reading.set_sync_scrolling(checked)
        self.alignment.set_for_scrolling(checked)

    def open_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.edit.setFocus()

    def select_annotation(self, document_id: int, annotation_id: int | None, *, scroll: bool = True) -> None:
        column = self.reading.column_for(document_id)
        if column is None and annotation_id is not None:
            column = self.open_document(document_id)
        if column is not None:
            self.reading.set_active(column)
            column.view.set_selected_annotation(annotation_id)
            if scroll and annotation_id is not None:
                self.reading.select_annotation(document_id, annotation_id)
            if annotation_id is not None:
                # follow the claim across outlets: its other statements line up beside this one
                self.reading.align_claim(document_id, annotation_id)
        self._show_in_inspector(annotation_id)
        self.update_actions()

    def _show_in_inspector(self, annotation_id: int | None) -> None:
        if annotation_id is None:
            self.inspector.show_annotation(None)
            return
        try:
            annotation = self.project.annotation(annotation_id)
        except UserError:
            self.inspector.show_annotation(None)
            return
        claim = self.project.claim(annotation.claim_id) if annotation.claim_id else None
        outlets = []
        if claim is not None:  # the labels of just the documents stating it, never the whole library
            from rednote_desk.core.labels import document_label

            stating = {a.document_id for a in self.project.annotations_for_claim(claim.id)}
            outlets = [document_label(d) for d in self.project.document_headers(stating)]
        labels = [(self._tag_paths.get(t, "?"), self._tag_colors.get(t, "#999999")) for t in annotation.tag_ids]
        self.inspector.show_annotation(annotation, tag_labels=labels, claim=claim,
                                       claim_outlets=sorted(set(outlets)))

    def _reload_tags(self) -> None:
        self._colors_cache = {}
        tags = self.project.tags()
        self._tag_colors = {t.id: t.color for t in tags}
        self._tag_paths = tag_paths(tags)

    def _highlight_for(self, a) -> Highlight:
        colors = self._colors_cache.get(a.tag_ids)
        if colors is None:
            colors = tuple(self._tag_colors.get(t, "#999999") for t in a.tag_ids)
            self._colors_cache[a.tag_ids] = colors
        return Highlight(a.id, a.start_offset, a.end_offset, colors, "", a.claim_id)

    def annotation_tooltip(self, document_id: int, annotation_id: int) -> str:
        """Hover text of a highlight: tags, claim, note (built when asked, not for every annotation)."""
        if self.reading.annotation(document_id, annotation_id) is None:
            return ""
        try:
            a = self.project.annotation(annotation_id)
        except UserError:
            return ""
        claim = self.project.claim(a.claim_id).label if a.claim_id else ""
        return "\n".join(filter(None, [
            ", ".join(self._tag_paths.get(t, "?") for t in a.tag_ids) or "no tags",
            f"Claim: {claim}" if claim else "",
            f"Note: {a.note[:200]}" if a.note else "",
        ]))

    def refresh_annotations(self, document_id: int) -> None:
        """Reload every annotation of an open document (on opening it, or after a broad change)."""
        # orphans are listed for review, not painted
        annotations = [a for a in self.project.annotation_spans(document_id) if a.status != "orphaned"]
        self.reading.set_annotations(document_id, [self._highlight_for(a) for a in annotations],
                                     annotations)

    def patch_annotations(self, annotation_ids) -> None:
        """Reload only these annotations in the open documents: adding one must not repaint ten thousand."""
        fresh = {a.id: a for a in self.project.annotations_by_ids(annotation_ids)}
        for document_id in self.reading.document_ids():
            upserts, upserted, removed = [], [], []
            for annotation_id in annotation_ids:
                a = fresh.get(annotation_id)
                if a is not None and a.document_id == document_id and a.status != "orphaned":
                    upserts.append(self._highlight_for(a))
                    upserted.append(a)
                elif self.reading.annotation(document_id, annotation_id) is not None:
                    removed.append(annotation_id)
            if upserts or removed:
                self.reading.patch_annotations(document_id, upserts, removed, upserted)

    # -- the session: every change reaches each view through session.changed --------------------
    def _subscribe(self, session: ProjectSession) -> None:
        """Each part of the window listens to the session and refreshes only what concerns it (in this order:
        tag colours first, they paint the highlights)."""
        session.changed.connect(self.on_tags_changed)
        session.changed.connect(self.on_library_changed)
        session.changed.connect(self.on_reading_changed)
        session.changed.connect(self.on_orphans_changed)
        session.changed.connect(self.on_inspector_changed)
        session.changed.connect(lambda *_: self.update_actions())
        session.message.connect(lambda text: self.statusBar().showMessage(text, 5000))

    def on_tags_changed(self, changes: Changes, _initiator) -> None:
        if "tags" in changes.tables:
            self._reload_tags()

    def on_library_changed(self, changes: Changes, _initiator) -> None:
        if "documents" in changes.tables:
            self.library_loader.fill(self.project)
        elif "annotations" in changes.tables:
            self.library.update_counts(self.project.annotation_counts(changes.document_ids))

    def on_reading_changed(self, changes: Changes, _initiator) -> None:
        """The open columns: texts and headers of changed documents, then their highlights."""
        tables = changes.tables
        changed_texts: set[int] = set()
        if "documents" in tables:
            for column in list(self.reading.columns):
                try:
                    document = self.project.document(column.document.id)
                except UserError:
                    self.reading.close_column(column)
                    continue
                if document.text != column.document.text:  # re-imported, or such a change undone
                    column.view.set_text(document.text)
                    changed_texts.add(document.id)
                column.update_header(document)
            self.alignment.documents_changed()
        broad = bool(tables & {"tags", "documents"}) or ("claims" in tables and not changes.annotation_ids)
        if broad or len(changes.annotation_ids) > 500:
            affected = (set(self.reading.document_ids()) if tables & {"tags", "claims"}
                        else changes.document_ids | changed_texts)
            for document_id in affected:
                if self.reading.column_for(document_id) is not None:
                    self.refresh_annotations(document_id)
        elif changes.annotation_ids:
            self.patch_annotations(changes.annotation_ids)

    def on_orphans_changed(self, changes: Changes, _initiator) -> None:
        if "documents" in changes.tables or changes.annotation_ids & getattr(self, "_orphan_ids", set()):
            self.refresh_orphans()  # orphans come from re-imports; a re-attach or delete changes the list

    def on_inspector_changed(self, changes: Changes, initiator) -> None:
        if initiator is self.inspector or self.inspector.annotation is None:
            return  # a note typed in the inspector: keep the editor the user types in
        current = self.inspector.annotation.id
        if current not in changes.annotation_ids and not changes.tables & {"tags", "claims", "documents"}:
            return
        self._show_in_inspector(current)
        if self.inspector.annotation is None:
            for column in self.reading.columns:
                if column.view.selected_annotation() == current:
                    column.view.set_selected_annotation(None)

    def _run(self, operation, *, initiator=None):
        """Run a store operation through the session (errors become messages; every view hears the change)."""
        return self.session.run(operation, initiator=initiator)

    def undo(self) -> None:
        self.inspector.flush_note()
        self.session.undo()

    def redo(self) -> None:
        self.session.redo()

    def update_actions(self) -> None:
        if self.project is None:
            return
        undo_label, redo_label = self.session.undo_label(), self.session.redo_label()  # none if read-only
        self.undo_action.setEnabled(undo_label is not None)
        self.undo_action.setText(f"&Undo {undo_label}" if undo_label else "&Undo")
        self.redo_action.setEnabled(redo_label is not None)
        self.redo_action.setText(f"&Redo {redo_label}" if redo_label else "&Redo")
        has_selected = bool(self.selected_annotation_ids())
        self.link_action.setEnabled(has_selected)
        self.unlink_action.setEnabled(has_selected)
        self.delete_action.setEnabled(has_selected)

    def _views_active_first(self):
        views = [c.view for c in self.reading.columns]
        if self.reading.active is not None:
            views.remove(self.reading.active.view)
            views.insert(0, self.reading.active.view)
        return views

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, "Keyboard shortcuts", SHORTCUTS_HELP)


SHORTCUTS_HELP = """Reading
  Double-click / Enter in the Library: open in the active column; Ctrl+double-click: new column
  Alt+1…4: go to column · Ctrl+W: close column · Ctrl+Shift+Y: synchronised scrolling
  Shift+arrows in a column: select text with the keyboard
Annotating
  T or Ctrl+T: tag the selection (or retag the selected highlight)
     in the popup: type to search, 1–9 recent tags, Space to tick several, Enter to apply
  N or Ctrl+N: edit the note · Delete: delete the selected highlight
  Click a highlight in each column, then L or Ctrl+L: link them as the same claim
  F8 / Shift+F8: next / previous annotation
Everything
  Ctrl+Z / Ctrl+Shift+Z: undo / redo (many levels, kept in the project)
  Ctrl+F: find in open documents · Ctrl+Shift+F: search the whole project
  Ctrl+I: import files (or drop them on the window) · Ctrl+E: export CSV · Ctrl+D: document details"""


def _key(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
