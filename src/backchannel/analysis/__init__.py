"""Network analyses over a Backchannel database: mediators, channels, stances on issues, dyad time series.

report = find_mediators(store.cursor(), "Israel", "Hamas")
"""

from __future__ import annotations

from backchannel.analysis.channels import find_channels
from backchannel.analysis.dyad_series import detect_shifts, dyad_series
from backchannel.analysis.mediators import find_mediators
from backchannel.analysis.stances import IssueVocabulary, positions

__all__ = ["IssueVocabulary", "detect_shifts", "dyad_series", "find_channels", "find_mediators", "positions"]
