"""The package's type hints are checked: mypy (configured in setup.cfg's ``[mypy]``) finds no error.

The package ships ``py.typed``, so users' type checkers and IDEs trust its hints; this test
keeps them true. Marked slow (a cold mypy run takes about a minute of CPU); CI runs it with the
other slow tests (``.ci/run``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_mypy_finds_no_errors(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (it is in the test extras: pip install -e '.[test]')")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "setup.cfg"),
         "--cache-dir", str(tmp_path / "mypy_cache"), "discourse"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, f"mypy reports errors:\n{result.stdout}{result.stderr}"
    assert "Success: no issues found" in result.stdout
