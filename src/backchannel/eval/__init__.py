"""Accuracy evaluation against gold sets (``backchannel eval``)."""
