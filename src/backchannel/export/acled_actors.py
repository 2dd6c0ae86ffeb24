"""ACLED's names for the parties of a violence event (ACLED Codebook 2023, "Actors").

ACLED names state forces "Military Forces of <Country>" / "Police Forces of <Country>", an armed party
the source does not identify "Unidentified Armed Group (<Country>)", and the people attacked
"Civilians (<Country>)", with the group they belong to as the associated actor.  The names per sector
are data (``data/acled_actors.tsv``); a party the text names keeps its name, except that a named state
body or leader who attacks is its state's forces, with its own name as the associated actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Literal

__all__ = ["AcledActor", "AcledNames", "acled_names"]

Role = Literal["forces", "armed", "civilians"]
_ROLES: frozenset[str] = frozenset({"forces", "armed", "civilians"})


@dataclass(frozen=True)
class AcledActor:
    name: str
    associated: str | None
    inter: int | None


@dataclass(frozen=True)
class AcledNames:
    """Name templates by (sector, role), read from ``data/acled_actors.tsv``."""

    templates: MappingProxyType[tuple[str, str], str]

    def template(self, sector: str | None, role: Role) -> str | None:
        return self.templates.get((sector, role)) if sector else None

    def forces(self, sector: str | None, country: str | None) -> str | None:
        """ "Military Forces of Kenya" / "Police Forces of Kenya" (military unless the sector says police)."""
        if not country:
            return None
        template = self.template(sector, "forces") or self.templates[("MIL", "forces")]
        return template.format(country=country)

    def armed(self, sector: str | None, country: str | None) -> str | None:
        template = self.template(sector, "armed")
        if template is None:
            return None
        return template.format(country=country) if country else template.split(" (")[0]

    def civilians(self, country: str | None) -> str:
        return f"Civilians ({country})" if country else "Civilians"

    def civilian_group(self, sector: str | None, country: str | None) -> str | None:
        template = self.template(sector, "civilians")
        if template is None:
            return None
        return template.format(country=country) if country else template.split(" (")[0].replace(" of {country}", "")


@cache
def acled_names() -> AcledNames:
    text = resources.files("backchannel.export").joinpath("data/acled_actors.tsv").read_text(encoding="utf-8")
    templates: dict[tuple[str, str], str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        sector, role, name = (part.strip() for part in line.split("\t"))
        if role not in _ROLES:
            raise ValueError(f"acled_actors.tsv:{number}: role {role!r} is not one of {sorted(_ROLES)}")
        templates[(sector, role)] = name
    return AcledNames(MappingProxyType(templates))
