"""One-to-one assignment: scipy's ``linear_sum_assignment``, without importing all of ``scipy.optimize``.

Statements are paired across documents by the Hungarian algorithm (``scipy.optimize.linear_sum_assignment``,
a C function in scipy's extension module ``scipy.optimize._lsap``). Importing ``scipy.optimize`` for it costs
0.15-0.25 s here: the package's ``__init__`` imports the whole of optimize (linear programming, linalg, fft,
spatial) and rewrites hundreds of docstrings. That is a quarter of a ``compare`` command's time.

:func:`linear_sum_assignment` loads only that extension module from scipy's installed ``optimize`` folder (it
depends on numpy alone), so it is the very same function object ``scipy.optimize`` exports — not a copy, not
another algorithm: the same pairs, ties broken the same way (``tests/core/test_assignment.py``). The module is
not left in ``sys.modules``, so a later ``import scipy.optimize`` imports it as usual. When scipy is laid out
differently (the module is private), the public ``scipy.optimize`` import is used instead.
"""
from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

_MODULE = "scipy.optimize._lsap"
_lock = threading.Lock()
_found: list[Callable] = []


def linear_sum_assignment(matrix: np.ndarray, *, maximize: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(row indexes, column indexes) of an optimal one-to-one assignment, as ``scipy.optimize`` returns it."""
    return solver()(matrix, maximize=maximize)


def solver() -> Callable:
    """scipy's ``linear_sum_assignment`` function (loaded once, thread-safe)."""
    with _lock:
        if not _found:
            _found.append(_extension_function() or _public_function())
        return _found[0]


def _public_function() -> Callable:
    from scipy.optimize import linear_sum_assignment as public

    return public


def _extension_function() -> Callable | None:
    """The function from scipy's extension module, loaded without its package; None if that cannot be done."""
    if "scipy.optimize" in sys.modules:
        return None  # already paid for: take the public name
    try:
        import importlib.machinery
        import importlib.util

        import scipy

        folder = Path(next(iter(scipy.__path__))) / "optimize"
        path = next((folder / f"_lsap{suffix}" for suffix in importlib.machinery.EXTENSION_SUFFIXES
                     if (folder / f"_lsap{suffix}").is_file()), None)
        if path is None:
            return None
        spec = importlib.util.spec_from_file_location(_MODULE, path)
        if spec is None or spec.loader is None:
            return None
        was_there = _MODULE in sys.modules
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        finally:
            if not was_there:
                sys.modules.pop(_MODULE, None)  # its package was not imported: leave no half-imported child behind
        function = getattr(module, "linear_sum_assignment", None)
        return function if callable(function) else None
    except Exception:  # noqa: BLE001 - any surprise in a private layout: the public import is the answer
        return None


__all__ = ["linear_sum_assignment", "solver"]
