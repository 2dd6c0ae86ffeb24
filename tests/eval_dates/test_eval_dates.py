"""Accuracy gate for the time stage: TIMEX3 DATE recall and value accuracy on TimeBank + AQUAINT.

Floors are the scores measured when the rules were written, minus 0.01.  A floor only moves down
in an explicit, explained commit.
"""

from __future__ import annotations

import pytest

from backchannel.eval.dates import DateEvalReport, normalise_gold, values_agree

# measured: recall 0.966 (1454/1505), value accuracy 0.903 (1308/1448); dateparser 0.721 / 0.554
RECALL_FLOOR = 0.956
VALUE_ACCURACY_FLOOR = 0.893


@pytest.fixture(scope="module")
def report(dates_report: DateEvalReport) -> DateEvalReport:
    return dates_report  # scored once per session (tests/conftest.py), also for the accuracy gate


def test_counts_cover_both_files(report: DateEvalReport) -> None:
    assert len(report.per_file) == 2
    assert report.n_gold == sum(f.ours.n_gold for f in report.per_file) > 1000
    assert report.n_found <= report.n_gold


def test_recall_floor(report: DateEvalReport) -> None:
    assert report.recall >= RECALL_FLOOR


def test_value_accuracy_floor(report: DateEvalReport) -> None:
    assert report.value_accuracy >= VALUE_ACCURACY_FLOOR


def test_beats_dateparser(report: DateEvalReport) -> None:
    assert report.baseline.n_gold == report.n_gold
    assert report.recall > report.baseline_recall
    assert report.value_accuracy > report.baseline_value_accuracy


def test_misses_are_listed(report: DateEvalReport) -> None:
    wrong = report.ours.n_gold - report.ours.n_value_correct - report.ours.n_unrepresentable
    assert len(report.misses) == wrong


@pytest.mark.parametrize(
    ("gold", "expected"),
    [
        ("1998-10-02", "1998-10-02"),
        ("1998-10-02TEV", "1998-10-02"),
        ("2000-W7", "2000-W07"),
        ("1990-W32-WE", "1990-W32"),
        ("1989-Q3", "1989-Q3"),
        ("PAST_REF", "PAST_REF"),
        ("199X", "199X"),
        ("P1D", None),
        ("1990-H1", None),
        ("XXXX-10", None),
    ],
)
def test_normalise_gold(gold: str, expected: str | None) -> None:
    assert normalise_gold(gold) == expected


@pytest.mark.parametrize(
    ("ours", "gold", "agree"),
    [
        ("1989-W42", "1989-WXX", True),
        ("1989", "1989-WXX", False),
        ("1995", "199X", True),
        ("199", "199X", True),
        ("1988", "1988-Q3", False),
        (None, "PAST_REF", False),
    ],
)
def test_values_agree(ours: str | None, gold: str, agree: bool) -> None:
    assert values_agree(ours, gold) is agree
