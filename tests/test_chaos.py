"""A slice of the chaos campaign (scripts/chaos.py) in every test run: one trial of each
of its campaigns (a killed run, a damaged cache, two runs at once, a full disk) on a
project large enough that pages are rendered by forked workers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_no_promise_breaks_in_a_slice_of_the_chaos_campaign() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "chaos.py"), "--trials", "8",
                           "--briefs", "450", "--seed", "7"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "0 broken promise(s)" in done.stdout
