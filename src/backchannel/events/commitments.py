"""The commitment conventions: what an actor's stated future or refused act is coded as.

The knowledge is ``data/commitments.tsv`` (one row per act type, or type and mode, citing the PLOVER
manual): "will fund" states an AID, coded AGREE; "would expel the envoys" a SANCTION expel, coded
THREATEN expel; "will not meet" a refused CONSULT, coded REJECT meet.  The coder reads it in
``events/intent.py``; this module only parses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from backchannel.errors import ConfigError
from backchannel.events.ontology import QUAD_CLASS

__all__ = ["Commitment", "Commitments"]

_ANY = "*"
_NONE = "-"


@dataclass(frozen=True)
class Commitment:
    """One row: the speech act coded when an act of ``act_type`` is stated or refused."""

    act_type: str
    act_mode: str | None  # None: any mode
    stated: str | None
    stated_mode: str | None
    refused: str | None
    refused_mode: str | None
    source: str  # file:line of the row


@dataclass(frozen=True)
class Commitments:
    rows: Mapping[tuple[str, str | None], Commitment]

    def of(self, act_type: str, act_mode: str | None) -> Commitment | None:
        """The row for an act: its type and mode, else its type's any-mode row."""
        if act_mode is not None and (act_type, act_mode) in self.rows:
            return self.rows[(act_type, act_mode)]
        return self.rows.get((act_type, None))

    @classmethod
    def load(cls) -> Commitments:
        text = resources.files("backchannel.events").joinpath("data/commitments.tsv").read_text(encoding="utf-8")
        return cls.from_text(text, origin="backchannel/events/data/commitments.tsv")

    @classmethod
    def from_text(cls, text: str, origin: str = "<commitments>") -> Commitments:
        rows: dict[tuple[str, str | None], Commitment] = {}
        for lineno, raw in enumerate(text.splitlines(), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            cols = [c.strip() for c in raw.split("\t")]
            if len(cols) != 6:
                raise ConfigError(f"{origin}:{lineno}: expected 6 tab-separated columns")
            act, mode, stated, stated_mode, refused, refused_mode = (None if c in (_NONE, _ANY) else c for c in cols)
            for event_type in (act, stated, refused):
                if event_type is not None and event_type not in QUAD_CLASS:
                    raise ConfigError(f"{origin}:{lineno}: unknown PLOVER event type {event_type!r}")
            if act is None:
                raise ConfigError(f"{origin}:{lineno}: the act type is required")
            rows[(act, mode)] = Commitment(
                act, mode, stated, stated_mode, refused, refused_mode, source=f"{origin}:{lineno}"
            )
        return cls(MappingProxyType(rows))
