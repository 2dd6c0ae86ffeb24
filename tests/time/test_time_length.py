"""The time tagger's work grows with the length of the text, not with its square."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

UNIT = (
    "Negotiators met in Cairo on 3 March 2024 and again last week, officials said on Friday, and the talks "
    "will resume next month after the ceasefire that began on January 19 expired two days ago "
)


_CHILD = """
import sys
from backchannel.time import TimeTagger

sys.path.insert(0, {tests!r})
from conftest import _python_steps

unit = {unit!r}
once = unit * 20
four = once * 4
tagger = TimeTagger()
assert len(tagger.tag(four, "2024-03-08")) == 4 * len(tagger.tag(once, "2024-03-08")) > 100
print(_python_steps(lambda: tagger.tag(four, "2024-03-08")) / _python_steps(lambda: tagger.tag(once, "2024-03-08")))
"""


@pytest.mark.parametrize("stop", [". ", " "], ids=["sentences", "run-on"])
def test_tagging_does_work_linear_in_the_length_of_the_text(stop: str) -> None:
    """Regression: each candidate was checked against every mention taken before it (quadratic in the
    number of time expressions).  Counted in a fresh interpreter: late in a long test session (after the
    process-pool and timeout tests) line tracing of this call was seen to stall."""
    script = _CHILD.format(tests=str(Path(__file__).resolve().parents[1]), unit=UNIT.rstrip() + stop)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    ratio = float(done.stdout.strip().splitlines()[-1])
    assert ratio < 4.4, f"four times the text took {ratio:.2f} times the work"
