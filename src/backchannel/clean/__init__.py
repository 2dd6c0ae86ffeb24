"""The clean stage: find and record what is not reporting, in a working text of the same length.

Removed reasons: "engagement_bait", "disclaimer", "caption", "mask", "boilerplate" (markup,
datelines, credits, separators) and "control" (control characters).  Known mistranslations
are rewritten in place (padded) with a "mistranslation" warning; bare headings are kept and
listed in ``CleanDoc.headings``.
"""

from __future__ import annotations

from backchannel.clean.pipeline import Cleaner

__all__ = ["Cleaner"]
