"""The assignment the comparison uses is scipy's own linear_sum_assignment, loaded without scipy.optimize."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from rednote_desk.core.compare import assignment

_IN_A_FRESH_PROCESS = """
import sys
import numpy as np
from rednote_desk.core.compare.assignment import linear_sum_assignment, solver
rows, cols = linear_sum_assignment(np.array([[0.0, 0.9], [0.8, 0.1]]), maximize=True)
assert rows.tolist() == [0, 1] and cols.tolist() == [1, 0], (rows, cols)
print("optimize" if "scipy.optimize" in sys.modules else "-", "lsap" if "scipy.optimize._lsap" in sys.modules else "-")
fast = solver()
import scipy.optimize
print("same function" if scipy.optimize.linear_sum_assignment is fast else "another function")
"""


def test_loaded_without_scipy_optimize_and_the_same_function_it_exports():
    done = subprocess.run([sys.executable, "-c", _IN_A_FRESH_PROCESS], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["- -", "same function"]


def test_same_pairs_as_scipy_optimize_also_with_ties():
    from scipy.optimize import linear_sum_assignment as public

    rng = np.random.default_rng(7)
    for n in range(200):
        matrix = rng.random((int(rng.integers(1, 30)), int(rng.integers(1, 30)))).astype(np.float32)
        matrix[matrix < 0.6] = 0.0
        if n % 2:
            matrix = np.round(matrix, 1)  # many equal scores: ties must be broken the same way
        for maximize in (True, False):
            ours = assignment.linear_sum_assignment(matrix, maximize=maximize)
            theirs = public(matrix, maximize=maximize)
            assert all(np.array_equal(a, b) for a, b in zip(ours, theirs, strict=True))


def test_a_different_scipy_layout_falls_back_to_the_public_import(monkeypatch, tmp_path):
    import scipy
    from scipy.optimize import linear_sum_assignment as public

    assert assignment._extension_function() is None  # scipy.optimize is imported already: its public name is used
    monkeypatch.delitem(sys.modules, "scipy.optimize")
    monkeypatch.setattr(scipy, "__path__", [str(tmp_path)])  # no optimize/_lsap*.so there
    assert assignment._extension_function() is None
    monkeypatch.undo()
    assert assignment._public_function() is public


@pytest.mark.parametrize("shape", [(0, 0), (0, 3), (3, 0)])
def test_empty_matrices(shape):
    rows, cols = assignment.linear_sum_assignment(np.zeros(shape), maximize=True)
    assert rows.size == 0 and cols.size == 0
