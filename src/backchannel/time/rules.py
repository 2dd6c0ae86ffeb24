"""The rule table of the time tagger: one regular expression and one resolver per kind of expression."""

from __future__ import annotations

import re

from .base import QTY_RE, QUAL_RE, UNIT_RE, Resolver, Rule
from .calendar_dates import (
    ONES_RE,
    TEENS_RE,
    TENS_RE,
    resolve_century,
    resolve_day_of_month,
    resolve_decade,
    resolve_holiday,
    resolve_iso,
    resolve_month,
    resolve_month_day,
    resolve_month_year,
    resolve_named_quarter,
    resolve_quarter,
    resolve_season,
    resolve_slash,
    resolve_spelled_year,
    resolve_year,
)
from .lexicon import DOW_RE, MONTH_ABBR_RE, MONTH_FULL_RE
from .relative import (
    resolve_ago,
    resolve_anaphoric,
    resolve_deictic_day,
    resolve_edge_of_year,
    resolve_future,
    resolve_past,
    resolve_present,
    resolve_relative_unit,
    resolve_weekday,
    resolve_weekend,
    resolve_within,
    resolve_year_ago_adjective,
)

__all__ = ["build_rules"]


_TIME_OF_DAY = r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s+[A-Z]{2,4}\b)?|noon|midnight)"
_PART_OF_DAY = r"(?:morning|afternoon|evening|night|overnight)"
_EDGE = r"(?:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of|end\s+of|beginning\s+of|start\s+of)"
HOLIDAY_RE = (
    r"\b(?:(?P<mod>last|next|this)\s+)?(?P<name>christmas(?:\s+(?:day|eve))?|new\s+year['’]s(?:\s+(?:day|eve))?|"
    r"easter(?:\s+(?:sunday|monday|week))?|thanksgiving(?:\s+day)?|election\s+day)\b"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)

_RULES: tuple[tuple[str, str, Resolver], ...] = (
    ("iso", r"\b(?P<y>(?:1[89]|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b", resolve_iso),
    (
        "slash",
        r"(?<![\d/])(?P<mo>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])",
        resolve_slash,
    ),
    (
        "month_day",
        rf"\b(?P<weekof>the\s+week\s+of\s+)?(?:(?:{_TIME_OF_DAY}\s+)?(?P<dow>{DOW_RE}),?\s+(?:the\s+)?)?"
        rf"(?P<mon>{MONTH_ABBR_RE})\s+"
        r"(?P<day>3[01]|[12]\d|0?[1-9]|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
        r"(?:st|nd|rd|th)?\b(?!:\d|,\d{3}|\s*(?:%|percent))(?:,?\s+(?P<year>(?:1[5-9]|20)\d\d)\b)?",
        resolve_month_day,
    ),
    (
        "day_month",
        rf"\b(?:(?P<dow>{DOW_RE}),?\s+)?(?:the\s+)?(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<mon>{MONTH_ABBR_RE})(?:,?\s+(?P<year>(?:1[5-9]|20)\d\d)\b)?",
        resolve_month_day,
    ),
    (
        "day_of_month",
        rf"\b(?:the\s+)?(?P<which>first|second|third|fourth|last|final)\s+(?P<what>day|week)\s+of\s+"
        rf"(?P<mon>{MONTH_FULL_RE})(?:,?\s+(?P<year>(?:1[5-9]|20)\d\d)\b)?",
        resolve_day_of_month,
    ),
    (
        "month_year",
        rf"\b(?:{_EDGE}[-\s]+)?(?P<mon>{MONTH_ABBR_RE}),?\s+(?:of\s+)?(?P<year>(?:1[5-9]|20)\d\d)\b",
        resolve_month_year,
    ),
    (
        "month",
        rf"\b(?:(?P<mod>last|next|this past|this coming|this|{_EDGE})[-\s]+)?(?P<mon>{MONTH_FULL_RE})\b"
        r"(?!\s+\d)(?:\s+(?P<rel>last\s+year|this\s+year|next\s+year))?",
        resolve_month,
    ),
    (
        "year",
        rf"(?:\b(?:{_EDGE}|the\s+year\s+of)[-\s]+|\b(?:fiscal(?:\s+year)?|FY)\s*)?"
        r"(?<![\w$.])(?P<year>1\d\d\d|20\d\d)(?!['’]?s\b)\b",
        resolve_year,
    ),
    (
        "spelled_year",
        rf"\b(?:the\s+year\s+)?(?P<sp>(?:nineteen|eighteen)[-\s]+(?:(?:{TENS_RE})(?:[-\s]+(?:{ONES_RE}))?|{TEENS_RE}|"
        rf"hundred)|two\s+thousand(?:\s+and)?(?:[-\s]+(?:{ONES_RE}|{TEENS_RE}))?|twenty[-\s]+(?:{TEENS_RE}|"
        rf"(?:twenty|thirty)(?:[-\s]+(?:{ONES_RE}))?))\b",
        resolve_spelled_year,
    ),
    (
        "decade",
        r"(?:\b|(?=['’]))(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?:(?P<dec>(?:1[0-9]|20)\d0)['’]?s|['’](?P<d2>\d0)['’]?s|"
        r"(?:(?P<cent>nineteen|twenty)[-\s]+)?(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|"
        r"nineties))\b",
        resolve_decade,
    ),
    (
        "century",
        r"\b(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|"
        r"sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
        r"eighteenth|nineteenth|twentieth|twenty[-\s]first)[-\s]+century\b",
        resolve_century,
    ),
    (
        "season",
        r"\b(?:(?P<mod>this\s+past|this\s+coming|this|last|next|past|coming|(?:the\s+)?(?:early|late|mid)|the)[-\s]+)?"
        r"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>(?:1[5-9]|20)\d\d)\b)?",
        resolve_season,
    ),
    (
        "quarter",
        r"\b(?:(?P<own>the|its|this\s+year['’]s|last\s+year['’]s|next\s+year['’]s)\s+)?(?:(?P<year>(?:19|20)\d\d)\s+)?"
        r"(?:(?P<ago>year[-\s](?:ago|earlier))\s+)?(?:fiscal[-\s]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+"
        r"(?:fiscal[-\s]+)?quarter\b"
        r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year2>(?:19|20)\d\d)\b)?",
        resolve_quarter,
    ),
    (
        "quarter_code",
        r"\b(?:(?P<year2>(?:19|20)\d\d)\s*)?Q(?P<q>[1-4])(?:\s+(?P<year>(?:19|20)\d\d))?\b",
        resolve_quarter,
    ),
    (
        "named_quarter",
        r"\b(?P<mod>the\s+(?:latest|most\s+recent|just[-\s]ended|recent|past|current|coming|next|year[-\s](?:ago|earlier)|"
        r"comparable\s+year[-\s]ago|previous|last)|this|last|next|current|the|year[-\s](?:ago|earlier))\s+"
        r"(?:fiscal\s+)?quarter\b",
        resolve_named_quarter,
    ),
    (
        "deictic_day",
        rf"\b(?:(?:early|late|earlier|later)\s+)?(?P<word>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|today|"
        rf"tonight|yesterday|tomorrow|this\s+{_PART_OF_DAY}|last\s+night)(?:\s+{_PART_OF_DAY})?\b"
        rf"(?!['’]s\s+(?:world|society|standards))",
        resolve_deictic_day,
    ),
    (
        "weekday",
        rf"\b(?:{_TIME_OF_DAY}\s+)?(?:(?P<mod>last|next|this\s+past|this\s+coming|this|the\s+previous|the\s+following|"
        rf"early|late|earlier|later|past|coming)\s+)?(?P<dow>{DOW_RE})(?:['’]s)?(?:\s+{_PART_OF_DAY})?"
        rf"(?:\s+at\s+{_TIME_OF_DAY})?\b",
        resolve_weekday,
    ),
    (
        "relative_unit",
        rf"\b(?:(?:{_EDGE}|earlier|later|sometime|some\s+time|early|late)[-\s]+(?:in\s+)?)?(?P<mod>this\s+past|"
        r"this\s+coming|this|last|next|past|coming|previous|current|the\s+(?:current|previous|following|next|coming|full|whole|"
        r"entire))"
        r"\s+(?P<unit>week|month|year|fiscal\s+year|decade|century)\b",
        resolve_relative_unit,
    ),
    (
        "edge_of_unit",
        r"\b(?:(?:early|earlier|later|late)\s+in|(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of)\s+"
        r"(?P<mod>the)\s+(?P<unit>week|month|year)\b",
        resolve_relative_unit,
    ),
    ("year_end", r"\b(?:year[-\s]end|year['’]s\s+end)\b", resolve_edge_of_year),
    (
        "ago",
        rf"\b{QUAL_RE}{QTY_RE}[-\s]+(?:and\s+a\s+half\s+)?{UNIT_RE}(?:\s+or\s+so)?\s+"
        r"(?P<dir>ago|earlier|later|from\s+now|hence|back)\b",
        resolve_ago,
    ),
    (
        "within",
        rf"\b(?P<lead>within|in)\s+(?:the\s+(?:next|coming)\s+)?{QTY_RE}[-\s]+{UNIT_RE}\b(?!\s+(?:of|after|before|"
        r"since|later|earlier|ago))",
        resolve_within,
    ),
    (
        "weekend",
        r"\b(?P<mod>this\s+past|this\s+coming|this|last|next|past|coming|the)\s+weekend\b",
        resolve_weekend,
    ),
    (
        "year_ago_adj",
        r"\b(?:the\s+)?(?:comparable\s+)?year[-\s](?:ago|earlier)(?:\s+(?:period|level|results?|figures?))?\b"
        r"(?!\s+(?:quarter|\w+\s+quarter))",
        resolve_year_ago_adjective,
    ),
    (
        "coming",
        r"\b(?:in\s+)?(?:the\s+)?(?:coming|next\s+few|upcoming|future)\s+(?P<unit>days|weeks|months|years|quarters)\b"
        r"|\ba\s+later\s+date\b",
        resolve_future,
    ),
    (
        "present",
        r"\b(?:right\s+now|just\s+now|now|currently|current|at\s+present|presently|nowadays|these\s+days|"
        r"at\s+the\s+moment|at\s+this\s+(?:time|moment|point)|at\s+such\s+a\s+time|to\s+this\s+day|to\s+date)\b",
        resolve_present,
    ),
    (
        "past_ref",
        r"\b(?:(?:more\s+)?recently|recent(?:\s+(?P<unit>days|weeks|months|years|times))?|in\s+recent\s+(?P<unit2>days|"
        r"weeks|months|years|times)|lately|(?:in\s+)?the\s+past|(?:some|a\s+short)\s+time\s+ago|"
        r"(?:the\s+)?(?:past|last)\s+(?:few|several)\s+(?P<unit3>days|weeks|months|years)|past\s+years|"
        r"a\s+(?:little\s+)?while\s+ago|(?:not\s+(?:so\s+)?)?long\s+ago|(?:many\s+)?(?:days|weeks|months|years|decades)"
        r"\s+ago)\b",
        resolve_past,
    ),
    (
        "future_ref",
        r"\b(?:soon|shortly|(?:in\s+)?the\s+(?:near|not[-\s]too[-\s]distant|distant)\s+future|(?:in\s+)?the\s+future|"
        r"in\s+future|future|the\s+(?:near|short|long)\s+term|as\s+soon\s+as\s+possible)\b",
        resolve_future,
    ),
    (
        "anaphoric",
        r"\b(?:that|the\s+same|that\s+same|the\s+following|the\s+previous|the\s+next|the\s+preceding)\s+"
        r"(?P<unit>day|week|month|year|quarter|morning|evening|night)\b",
        resolve_anaphoric,
    ),
    ("holiday", HOLIDAY_RE, resolve_holiday),
)


def build_rules() -> list[Rule]:
    """Compile the rule table (once per tagger)."""
    return [Rule(name, re.compile(src, re.IGNORECASE), resolver) for name, src, resolver in _RULES]
