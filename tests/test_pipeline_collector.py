"""The pipeline tunes the process's garbage collector only when its settings say so (``Settings.tune_collector``).

Each case runs in a fresh interpreter: the collector is process-wide, and other tests' pipelines have tuned it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import gc
from backchannel.pipeline import Pipeline, Settings
before = gc.get_threshold()
Pipeline(Settings(tune_collector={tune}))
print(before[0], gc.get_threshold()[0], gc.get_freeze_count())
"""


@pytest.mark.parametrize("tune", [True, False])
def test_the_collector_is_tuned_only_when_asked(tune: bool) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(tune=tune)], capture_output=True, text=True, check=True, timeout=600
    )
    before, after, frozen = (int(x) for x in done.stdout.split())
    if tune:
        assert after >= 50_000 > before and frozen > 0  # the loaded resources are out of the collector's scans
    else:
        assert after == before and frozen == 0
