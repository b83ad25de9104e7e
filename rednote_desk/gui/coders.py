"""Coders in the app: who is coding (set once, kept in the settings, shown in the status bar and stamped on each
new annotation), which coders' annotations the reading view shows, and the Coding menu (compare two coders,
agreement), with File → Merge a colleague's project….

The controller owns no data: the coder name lives in the settings and on the project (``Project.coder``, used by
the store when it stamps new annotations); the hidden coders are a view setting applied to each open column.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rednote_desk.store.operations import default_coder
from rednote_desk.store.undo import Changes

if TYPE_CHECKING:
    from rednote_desk.gui.session import ProjectSession

SETTING = "coder/name"
MAX_CODER = 100


def known_coders(project) -> list[str]:
    from rednote_desk.services.agreement import project_coders

    return project_coders(project)


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
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

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


class CodersController(QObject):
    """The Coding menu, the coder in the status bar, and which coders' highlights the reading view shows."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.session: ProjectSession | None = None
        self.hidden_coders: set[str] = set()
        self._dialogs: list[QDialog] = []
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
        self._action(menu, "Co&mpare two coders…", self.open_compare)
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
            if not self.hidden_coders:
                column.view.set_hidden(())
                continue
            column.view.set_hidden(a.id for a in project.annotations(column.document.id)
                                   if a.coder in self.hidden_coders)

    def on_session_changed(self, changes: Changes, _initiator) -> None:
        if self.hidden_coders and changes.tables & {"annotations", "documents", "tags", "claims"}:
            self.apply_visibility(changes.document_ids or None)

    # -- dialogs -------------------------------------------------------------------------------
    def _keep(self, dialog: QDialog) -> QDialog:
        self._dialogs = [d for d in self._dialogs if d.isVisible()] + [dialog]
        dialog.show()
        dialog.raise_()
        return dialog

    def open_agreement(self) -> None:
        if self.session is None:
            return
        from rednote_desk.gui.agreement_view import AgreementDialog

        dialog = AgreementDialog(self.session.project, self.window)
        dialog.disagreement_activated.connect(self.open_compare_at)
        self._keep(dialog)

    def open_compare(self) -> None:
        if self.session is None:
            return
        from rednote_desk.gui.agreement_view import CompareCodersDialog

        column = self.window.reading.active
        document_id = column.document.id if column is not None else None
        self._keep(CompareCodersDialog(self.session.project, document_id=document_id, parent=self.window))

    def open_compare_at(self, document_id: int, coders: tuple, start: int, end: int) -> None:
        from rednote_desk.gui.agreement_view import CompareCodersDialog

        a, b = (list(coders) + [None, None])[:2]
        dialog = CompareCodersDialog(self.session.project, document_id=document_id, coder_a=a, coder_b=b,
                                     parent=self.window)
        self._keep(dialog)
        dialog.show_span(start, end)

    def merge_project(self) -> None:
        if self.session is None:
            return
        from rednote_desk.gui.merge_project import merge_project_dialog

        merge_project_dialog(self.window, self.session)
