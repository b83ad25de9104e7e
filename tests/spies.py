"""Spies for tests that check behaviour instead of elapsed time (speed targets live in tests/benchmarks/).

* :func:`record_threads`: which threads ran a function ("the work runs off the GUI thread");
* :func:`record_calls`: how often a method was called ("moving inside the window needs no new layout");
* :func:`sqlite_step_budget`: how much work SQLite did, in virtual-machine steps, on every connection opened
  while it is active ("refused before anything runs"): past the budget the statement is interrupted, so an
  endless query fails the test at once instead of hanging it.
"""
from __future__ import annotations

import sqlite3
import threading
from typing import Any


def record_threads(monkeypatch, owner: Any, name: str) -> list[int]:
    """Wrap ``owner.name`` so every call appends ``threading.get_ident()`` to the returned list."""
    threads: list[int] = []
    original = getattr(owner, name)

    def recorded(*args, **kwargs):
        threads.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return threads


def record_calls(monkeypatch, owner: Any, name: str) -> list[tuple]:
    """Wrap ``owner.name`` (a function or a bound method) so every call appends its arguments to the list."""
    calls: list[tuple] = []
    original = getattr(owner, name)

    def recorded(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return calls


class StepBudget:
    """SQLite virtual-machine steps counted on every connection opened through ``sqlite3.connect``."""

    EVERY = 100  # the progress handler is called once per this many steps of one statement

    def __init__(self, budget: int):
        self.budget = budget
        self.steps = 0

    def _handler(self) -> int:
        self.steps += self.EVERY
        return 1 if self.steps > self.budget else 0  # non-zero: SQLite interrupts the statement

    @property
    def exceeded(self) -> bool:
        return self.steps > self.budget


def sqlite_step_budget(monkeypatch, budget: int) -> StepBudget:
    """Count (and cap at ``budget``) the steps of every connection that ``sqlite3.connect`` opens from now on.

    A statement that would go past the budget fails with ``sqlite3.OperationalError: interrupted``. Code that
    installs its own progress handler on a connection replaces this one there."""
    counter = StepBudget(budget)
    connect = sqlite3.connect

    def counted(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.set_progress_handler(counter._handler, StepBudget.EVERY)
        return conn

    monkeypatch.setattr(sqlite3, "connect", counted)
    return counter
