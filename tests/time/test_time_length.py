"""The time tagger's work grows with the length of the text, not with its square."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from backchannel.time import TimeTagger

UNIT = (
    "Negotiators met in Cairo on 3 March 2024 and again last week, officials said on Friday, and the talks "
    "will resume next month after the ceasefire that began on January 19 expired two days ago "
)


@pytest.mark.parametrize("stop", [". ", " "], ids=["sentences", "run-on"])
def test_tagging_does_work_linear_in_the_length_of_the_text(
    python_steps: Callable[[Callable[[], object]], int], stop: str
) -> None:
    """Regression: each candidate was checked against every mention taken before it (quadratic in the
    number of time expressions)."""
    tagger = TimeTagger()
    once = (UNIT.rstrip() + stop) * 20
    four = once * 4
    assert len(tagger.tag(four, "2024-03-08")) == 4 * len(tagger.tag(once, "2024-03-08")) > 100
    ratio = python_steps(lambda: tagger.tag(four, "2024-03-08")) / python_steps(lambda: tagger.tag(once, "2024-03-08"))
    assert ratio < 4.4, f"four times the text took {ratio:.2f} times the work"
