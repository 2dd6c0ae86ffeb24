"""The pipeline for the event tests (a module that defines its own ``pipeline`` fixture keeps it)."""

from __future__ import annotations

import pytest

from backchannel.pipeline import Pipeline, default_pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return default_pipeline()
