"""Shared fixtures: the seed thread, and the evaluation data folder (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[1]


def _eval_dir() -> Path:
    configured = os.environ.get("DISCOURSE_EVAL_DIR")
    return Path(configured) if configured else REPO.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """The human-labelled evaluation data (never part of the repository).

    Set ``DISCOURSE_EVAL_DIR`` to point elsewhere; tests that need it skip when it is absent.
    """
    path = _eval_dir()
    if not path.is_dir():
        pytest.skip(f"evaluation data not found at {path} (set DISCOURSE_EVAL_DIR to run this)")
    return path


@pytest.fixture(scope="session")
def seed_thread():
    """The bundled seed thread."""
    from discourse.datasets import load_seed

    return load_seed()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture
def assert_same_bytes():
    """Check that a refitted weight file equals the shipped one; on a difference, name the first
    differing line (a plain ``==`` on megabytes makes pytest diff them for hours)."""

    def check(refit: Path, shipped: Path) -> None:
        new, old = refit.read_bytes(), shipped.read_bytes()
        if new == old:
            return
        pairs = zip(new.splitlines(), old.splitlines())
        line = next((i for i, (a, b) in enumerate(pairs, 1) if a != b), None)
        where = f"from line {line} on" if line else "in length only"
        pytest.fail(f"the refit differs from the shipped {shipped.name} {where} "
                    f"({len(new):,} vs {len(old):,} bytes): refit with the current code and ship it")

    return check


@pytest.fixture(scope="session")
def reg():
    """The default actor registry (built once; the actor precision tests share it)."""
    from discourse.actors import ActorRegistry

    return ActorRegistry.default()
