"""The lexicon's xcomp= condition: an entry that applies only with certain infinitive complements."""

from __future__ import annotations

import pytest

from backchannel.errors import ConfigError
from backchannel.events.lexicon import Lexicon


def test_xcomp_option_is_read_and_makes_the_entry_more_specific() -> None:
    lex = Lexicon.from_text("verb\torder\tCOERCE\tcensor\tobjactor,xcomp=close|stop\nverb\torder\tREQUEST\t\t\n")
    entries = lex.verbs["order"]
    assert entries[0].complements == frozenset({"close", "stop"})
    assert entries[0].specificity > entries[1].specificity


def test_unknown_event_type_is_refused_with_its_line() -> None:
    with pytest.raises(ConfigError, match="<lexicon>:1"):
        Lexicon.from_text("verb\torder\tORDER\t\txcomp=close\n")
