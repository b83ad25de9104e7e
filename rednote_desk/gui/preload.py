"""Importing the heavy parts of the app off the GUI thread.

The comparison views pull in numpy, scipy, rapidfuzz and the meaning model's code (about half a second); the
import dialog pulls in the article readers. Imported on the GUI thread when first needed, they freeze the
window for that long. These helpers import them on a worker thread and build what needs them afterwards.
"""
from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject

from rednote_desk.gui.workers import Task, bind

WINDOW_MODULES = ("rednote_desk.gui.codebook_panel", "rednote_desk.gui.import_dialog")
COMPARE_MODULES = ("rednote_desk.gui.compare_view",)
DIFF_MODULES = ("rednote_desk.gui.diff_view",)


def import_all(names) -> None:
    for name in names:
        importlib.import_module(name)
    # what is loaded now lives as long as the app (modules, the project's rows): the cyclic garbage collector
    # need not walk it again. Its next full collection would, on whichever thread allocates then: 80-100 ms
    # on the GUI thread while the comparison was shown, in a project of 10,000 documents with numpy & co.
    gc.freeze()


def missing(names) -> list[str]:
    return [name for name in names if name not in sys.modules]


def when_imported(owner: QObject, names, then: Callable[[], object]) -> Task | None:
    """Call ``then()`` once these modules are imported: at once when they are, else after a worker imported
    them (returns that Task; nothing is called if ``owner`` was deleted meanwhile)."""
    wanted = missing(names)
    if not wanted:
        then()
        return None
    task = Task(lambda _report, _cancelled: import_all(wanted))
    bind(task, owner, finished=lambda _result: then(), failed=lambda _message: then())  # a failure shows there
    task.start()
    return task
