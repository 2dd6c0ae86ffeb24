"""Word tables for time expressions: month and weekday names, number words, seasons."""

from __future__ import annotations

__all__ = [
    "DOW_RE",
    "MONTHS",
    "MONTH_ABBR_RE",
    "MONTH_FULL_RE",
    "NUMBER_WORDS",
    "ORDINALS",
    "SEASON_START",
    "VAGUE_QUANTITIES",
    "WEEKDAYS",
    "number_value",
]

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH_FULL_RE = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# Full names or abbreviations (with optional full stop): used where a day or year follows.
MONTH_ABBR_RE = rf"(?:{MONTH_FULL_RE}|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)"

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
DOW_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a dozen": 12,
}
# Vague quantities read as a typical count; a mention using one is approximate.
VAGUE_QUANTITIES: dict[str, int] = {
    "a few": 3,
    "few": 3,
    "a couple of": 2,
    "a couple": 2,
    "several": 3,
    "some": 3,
    "many": 5,
    "a number of": 3,
}

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty first": 21,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}

# Meteorological (northern hemisphere) season start months.
SEASON_START: dict[str, int] = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def number_value(word: str) -> tuple[int, bool] | None:
    """The count a quantity word or numeral stands for, and whether it is vague."""
    key = " ".join(word.lower().replace("-", " ").split())
    if key.isdigit():
        return int(key), False
    if key in VAGUE_QUANTITIES:
        return VAGUE_QUANTITIES[key], True
    if key in NUMBER_WORDS:
        return NUMBER_WORDS[key], False
    parts = key.split()
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        tens, ones = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        if tens >= 20 and tens % 10 == 0 and 0 < ones < 10:
            return tens + ones, False
    return None
