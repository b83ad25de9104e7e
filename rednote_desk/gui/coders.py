"""Coders in the app: who is coding (set once, kept in the settings, shown in the status bar and stamped on each
new annotation), which coders' annotations the reading view shows, and the Coding menu (compare two coders,
agreement), with File → Merge a colleague's project….

The controller owns no data: the coder name lives in the settings and on the project (``Project.coder``, used by
the store when it stamps new annotations); the hidden coders and the compared pair (compare-coders mode: coder A
in the upper half of each line, coder B in the lower, see ``AnnotatedTextView.set_coder_lanes``) are view
settings applied to each open column.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.gui.colors import alert_text_color
from rednote_desk.store.operations import default_coder
from rednote_desk.store.undo import Changes

if TYPE_CHECKING:
    from rednote_desk.gui.session import ProjectSession

SETTING = "coder/name"
MAX_CODER = 100


def known_coders(project) -> list[str]:
    from rednote_desk.services.agreement import project_coders

    return project_coders(project)


def _add_error_and_buttons(dialog: QDialog, layout: QVBoxLayout) -> QLabel:
    """An error line and OK/Cancel at the foot of a small dialog (OK runs ``dialog._accept``); the error line."""
    error = QLabel("")
    error.setStyleSheet(f"color: {alert_text_color(dialog.palette())}")  # AA, light or dark palette
    layout.addWidget(error)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog._accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return error


class CoderDialog(QDialog):
    """Ask who is coding: a name typed or picked from the project's coders."""

    def __init__(self, current: str, coders: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Who is coding?")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Your name as a coder. It is stored on each annotation you make, so that "
                                "coders can be compared (Coding → Agreement)."))
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.addItems(coders)
        self.name.setCurrentText(current)
        layout.addWidget(self.name)
        self.error = _add_error_and_buttons(self, layout)

    def value(self) -> str:
        return " ".join(self.name.currentText().split())

    def _accept(self) -> None:
        name = self.value()
        if not name:
            self.error.setText("Type a name.")
            return
        if len(name) > MAX_CODER:
            self.error.setText(f"A coder name can have at most {MAX_CODER} characters.")
            return
        self.accept()


class CompareCodersChoice(QDialog):
    """Choose the two coders to compare: the upper lane and the lower lane."""

    def __init__(self, coders: list[str], current: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Compare two coders")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Show two coders' highlights on the open texts: the first in the upper half of "
                                "each line, the second in the lower half. Other coders are hidden meanwhile."))
        form = QFormLayout()
        self.upper, self.lower = QComboBox(), QComboBox()
        for combo in (self.upper, self.lower):
            for coder in coders:
                combo.addItem(coder or "(no name)", coder)
        first = max(0, self.upper.findData(current))
        self.upper.setCurrentIndex(first)
        self.lower.setCurrentIndex(next((i for i in range(len(coders)) if i != first), 0))
        form.addRow("Upper half:", self.upper)
        form.addRow("Lower half:", self.lower)
        layout.addLayout(form)
        self.error = _add_error_and_buttons(self, layout)

    def value(self) -> tuple[str, str]:
        return self.upper.currentData(), self.lower.currentData()

    def _accept(self) -> None:
        upper, lower = self.value()
        if upper == lower:
            self.error.setText("Choose two different coders.")
            return
        self.accept()


class CodersController(QObject):
    """The Coding menu, the coder in the status bar, and which coders' highlights the reading view shows."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.session: ProjectSession | None = None
        self.hidden_coders: set[str] = set()
        self.compared: tuple[str, str] | None = None  # (upper lane, lower lane) in compare-coders mode
        self.agreement_dock = None  # QDockWidget of the agreement panel, made on first use
        self.coder = str(self.settings.value(SETTING, "") or "") or default_coder()
        self.status_button = QToolButton()
        self.status_button.setAutoRaise(True)
        self.status_button.setToolTip("The coder stamped on new annotations (click to change)")
        self.status_button.clicked.connect(self.ask_coder)
        window.statusBar().addPermanentWidget(self.status_button)
        self._show_coder()
        self._build_menu()
        window.reading.columns_changed.connect(self.apply_visibility)

    # -- menu ----------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        bar = self.window.menuBar()
        help_action = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
        menu = bar.addMenu("&Coding")
        if help_action is not None:
            bar.insertMenu(help_action, menu)
        self.menu = menu
        self._action(menu, "Set &coder…", self.ask_coder)
        self.show_menu = menu.addMenu("&Show coders")
        self.show_menu.aboutToShow.connect(self._fill_show_menu)
        menu.addSeparator()
        self.compare_action = self._action(menu, "Co&mpare two coders in the text…", self.on_compare_toggled)
        self.compare_action.setCheckable(True)
        self.compare_action.setStatusTip("Show two coders' highlights on the open texts, one in the upper and one "
                                         "in the lower half of each line")
        self._action(menu, "&Agreement between coders…", self.open_agreement)
        file_menu = next((a.menu() for a in bar.actions() if a.text().replace("&", "") == "File"), None)
        if file_menu is not None:
            quit_action = next((a for a in file_menu.actions() if a.text().replace("&", "") == "Quit"), None)
            action = QAction("&Merge a colleague's project…", self.window)
            action.setStatusTip("Add another project's documents, codes, annotations and claims (one undo step)")
            action.triggered.connect(self.merge_project)
            file_menu.insertAction(quit_action, action)
            file_menu.insertSeparator(quit_action)
            self.merge_action = action
        from rednote_desk.gui.refi_actions import RefiActions

        self.refi = RefiActions(self.window, self)

    def _action(self, menu, text: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _fill_show_menu(self) -> None:
        self.show_menu.clear()
        coders = known_coders(self.window.project) if self.session is not None else []
        if not coders:
            self.show_menu.addAction("(no annotations yet)").setEnabled(False)
            return
        for coder in coders:
            action = self.show_menu.addAction(coder or "(no name)")
            action.setCheckable(True)
            action.setChecked(coder not in self.hidden_coders)
            action.toggled.connect(lambda on, c=coder: self.set_coder_visible(c, on))
        self.show_menu.addSeparator()
        self.show_menu.addAction("Show &all", lambda: self.set_hidden_coders(set()))

    # -- the current coder ---------------------------------------------------------------------
    def attach(self, session: ProjectSession) -> None:
        """A project was opened: stamp its new annotations with our coder, hear its changes."""
        self.session = session
        session.project.coder = self.coder
        session.changed.connect(self.on_session_changed)
        # the compared coders and the agreement figures belonged to the project before: start afresh
        self.compared = None
        self.compare_action.setChecked(False)
        if self.agreement_dock is not None and self.agreement_dock.widget() is not None:
            self.agreement_dock.widget().deleteLater()
            self.agreement_dock.setWidget(None)
            self.agreement_dock.close()
        self.apply_visibility()

    def set_coder(self, name: str) -> None:
        self.coder = name
        self.settings.setValue(SETTING, name)
        if self.session is not None:
            self.session.project.coder = name
        self._show_coder()

    def ask_coder(self) -> None:
        coders = known_coders(self.window.project) if self.session is not None else []
        dialog = CoderDialog(self.coder, coders, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_coder(dialog.value())

    def _show_coder(self) -> None:
        self.status_button.setText(f"Coder: {self.coder or '(no name)'}")

    # -- which coders are shown ----------------------------------------------------------------
    def set_coder_visible(self, coder: str, visible: bool) -> None:
        hidden = set(self.hidden_coders)
        (hidden.discard if visible else hidden.add)(coder)
        self.set_hidden_coders(hidden)

    def set_hidden_coders(self, hidden: set[str]) -> None:
        self.hidden_coders = set(hidden)
        self.apply_visibility()
        if hidden:
            self.window.statusBar().showMessage(f"Hidden coders: {', '.join(sorted(hidden))}", 5000)

    def apply_visibility(self, document_ids=None) -> None:
        if self.session is None:
            return
        project = self.session.project
        for column in self.window.reading.columns:
            if document_ids is not None and column.document.id not in document_ids:
                continue
            if not self.hidden_coders and self.compared is None:
                column.view.set_hidden(())
                column.view.set_coder_lanes(None)
                continue
            annotations = project.annotations(column.document.id)
            if self.compared is None:
                column.view.set_coder_lanes(None)
                column.view.set_hidden(a.id for a in annotations if a.coder in self.hidden_coders)
                continue
            upper, lower = self.compared
            lanes = {a.id: 0 if a.coder == upper else 1 for a in annotations if a.coder in self.compared}
            column.view.set_hidden(a.id for a in annotations if a.id not in lanes)
            column.view.set_coder_lanes(lanes, (upper, lower))

    def on_session_changed(self, changes: Changes, _initiator) -> None:
        if (self.hidden_coders or self.compared) and changes.tables & {"annotations", "documents", "tags", "claims"}:
            self.apply_visibility(changes.document_ids or None)

    # -- compare two coders in the reading view --------------------------------------------------
    def set_compared(self, coders: tuple[str, str] | None) -> None:
        """Turn compare-coders mode on for two coders (upper lane, lower lane), or off with None."""
        self.compared = tuple(coders) if coders is not None else None
        self.compare_action.setChecked(self.compared is not None)
        self.apply_visibility()
        if self.compared is not None:
            names = [c or "(no name)" for c in self.compared]
            self.window.statusBar().showMessage(
                f"Comparing coders: {names[0]} (upper half of each line) and {names[1]} (lower half)", 8000)

    def on_compare_toggled(self, checked: bool = False) -> None:
        if not checked or self.session is None:
            self.set_compared(None)
            return
        coders = known_coders(self.session.project)
        if len(coders) < 2:
            QMessageBox.information(self.window, "Compare two coders",
                                    "This project has annotations of fewer than two coders, so there is nothing "
                                    "to compare yet. Merge a colleague's project (File menu) or code as a second "
                                    "coder (Coding → Set coder).")
            self.set_compared(None)
            return
        dialog = CompareCodersChoice(coders, self.coder, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_compared(dialog.value())
        else:
            self.set_compared(self.compared)  # keeps the action's check mark in step with the mode

    # -- dialogs -------------------------------------------------------------------------------
    def open_agreement(self):
        """The agreement panel, docked below the texts (a disagreement's spans show in the reading view above
        it); opened again, it recomputes."""
        if self.session is None:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QDockWidget

        from rednote_desk.gui.agreement_view import AgreementPanel

        if self.agreement_dock is None:
            dock = QDockWidget("Agreement between coders", self.window)
            dock.setObjectName("agreement")
            self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            self.agreement_dock = dock
        panel = AgreementPanel(self.session.project, self.agreement_dock)  # owned by the dock from the start
        panel.splitter.setOrientation(Qt.Orientation.Horizontal)  # table beside the list: the dock is low
        panel.disagreement_activated.connect(self.open_compare_at)
        old = self.agreement_dock.widget()
        self.agreement_dock.setWidget(panel)
        if old is not None:
            old.deleteLater()
        panel.close_requested.connect(self.agreement_dock.close)
        self.agreement_dock.show()
        self.agreement_dock.raise_()
        self.window.resizeDocks([self.agreement_dock], [max(180, self.window.height() // 3)],
                                Qt.Orientation.Vertical)
        return panel

    def open_compare_at(self, document_id: int, coders: tuple, start: int, end: int) -> None:
        """A disagreement to review: both coders' spans in two lanes on the text, the stretch selected."""
        if self.session is None or len(coders) < 2:
            return
        pair = (coders[0], coders[1])
        if self.compared is None or set(self.compared) != set(pair):  # the same two: keep their lanes
            self.set_compared(pair)
        self.window.show_passage(document_id, start, end)
        column = self.window.reading.column_for(document_id)
        if column is not None:  # outlined, not selected: a selection would paint over both lanes
            column.view.set_focus_span((start, end))
            column.view.select_span(start, start)

    def merge_project(self) -> None:
        if self.session is None:
            return
        from rednote_desk.gui.merge_project import merge_project_dialog

        merge_project_dialog(self.window, self.session)
