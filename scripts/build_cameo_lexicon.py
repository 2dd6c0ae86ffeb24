"""Convert PETRARCH2's CAMEO verb dictionary into Backchannel's backoff trigger lexicon.

    .venv/bin/python scripts/build_cameo_lexicon.py \\
        --cameo ../shared/data/petrarch2/CAMEO.2.0.txt \\
        --plover ../shared/reference/plover/CAMEO2PLOVER-2021.txt \\
        --out src/backchannel/events/data/triggers_cameo.tsv

Input: the verb blocks of ``CAMEO.2.0.txt`` (Open Event Data Alliance, MIT).  A block is a header
``--- NAME [code] ---``, its verbs (synonyms, one a line, ``+A_B`` for two-word verbs, each with an
optional code of its own) and its patterns (``- SUBJECT * OBJECT (PREP NOUN) [code] # verb``),
which in PETRARCH2 apply to every verb of the block.  ``&NAME`` is a synonym set of nouns,
``{A B}`` a multi-word noun.  CAMEO codes become PLOVER types and modes through
``CAMEO2PLOVER-2021.txt`` (PLOVER manual v0.8, CC BY-SA 4.0); a code missing from that table takes
its nearest listed parent (``0213`` -> ``021``).

Output: rows of ``events/data/triggers.tsv``'s format (kind, phrase, type, mode, options), which the
lexicon loads *under* the hand-written file: any phrase the hand-written file has is never looked up
here.  The conversion is deliberately conservative; a pattern or verb is left out when:

1. its code maps to no PLOVER type (CAMEO 01 statements and 02 appeals have none), or is ``[---]``
   (PETRARCH2's "no event"; a one-word object of such a pattern becomes ``notobj=`` on the block's
   bare verbs instead: "kill himself", "fight racism");
2. its code is in an EXCLUDED_FAMILIES prefix (see there for why each family is out);
3. it has more than one element beyond the verb (an object and a prepositional phrase, a subject
   and an object...): our options cannot require both, and dropping one changes the meaning
   ("set fire" is an attack, "set fire to a flag" a protest); patterns with PETRARCH2's actor
   slots (``$``, ``+``, ``^``) or with a multi-word noun ("{MOCK ATTACK}") are out for the same reason;
4. it is a bare preposition or particle ("rush (TO)", "kick OFF"): too many readings;
5. its verb is a light verb, an occurrence verb, a reporting verb or a mediation verb of the coder
   (word classes ``light_verbs``, ``occurrence_verbs``, ``speech_verbs``, ``mediation_verbs``): the
   coder reads "launched an attack", "fighting broke out", "said" and "talks facilitated by Norway" by
   their own rules, which a verb entry would pre-empt;
6. (bare verbs only, no object constraint) the verb is a synonym that carries no code of its own
   and is not the block's head verb: PETRARCH2's synonym sets are broad ("reside" in a block of
   occupation, "increase" in one of cooperation) and are trusted only inside a pattern; or the
   verb is in GENERIC_VERBS, whose bare use names no political event ("make", "take", "hit");
7. two patterns give one phrase (and object) two different PLOVER types.

PETRARCH2 applies a block's patterns to every synonym of the block; here a pattern whose comment
names the verb it was written for ("# RUSH") is kept for that verb only (SYNONYM_PATTERNS): the
synonym sets are broad ("rule" beside "aid", "donate" beside "warrant"), and with all synonyms the
file is seven times larger for the same scores.  Object and subject words are kept in the singular
and plural ("streets" -> street|streets).

What is kept: bare verbs with their block's (or their own) code, "verb OBJECT" as ``obj=``, "verb
PARTICLE OBJECT" as a phrasal verb with ``obj=``, "verb (PREP NOUN)" as "verb prep" with ``obj=``,
and "SUBJECT verb" as ``subj=``.  The output is sorted, so two runs write the same file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# Families of CAMEO codes (code prefixes) whose patterns are not converted, and why.
EXCLUDED_FAMILIES: dict[str, str] = {
    "03": "express intent to cooperate: a CAMEO class for words about the future ('prepare', 'intend', "
    "'strive'); the coder's modality reads intent and promises from the clause, not from the verb",
    "11": "disapprove, criticize, accuse: PETRARCH2's synonym sets of this class are verbs of feeling and "
    "judging ('sadden', 'shock', 'pique', 'mourn') that news uses in statements; the hand-written lexicon "
    "has the accusation verbs, and with these the ConfliBERT statements given an event rose (0.487 -> 0.492)",
    "17": "coerce (seize, restrict, arrest, deport): the hand-written lexicon codes these acts with the "
    "objects that make them coercion; the generated verbs of this class take any object ('bar', 'confine', "
    "'remove') and with them the PLOVER check half's macro-F1 fell (0.891 -> 0.884)",
}

# Verbs whose bare use (no object constraint) names no political event.
GENERIC_VERBS = frozenset(
    {
        "act",
        "add",
        "compensate",
        "advance",
        "affect",
        "appear",
        "base",
        "become",
        "bring",
        "change",
        "come",
        "consider",
        "continue",
        "cross",
        "cut",
        "delay",
        "despair",
        "develop",
        "die",
        "dismiss",
        "do",
        "drop",
        "enact",
        "end",
        "express",
        "extract",
        "fail",
        "favor",
        "feel",
        "find",
        "finish",
        "follow",
        "get",
        "give",
        "go",
        "have",
        "help",
        "hit",
        "import",
        "influence",
        "introduce",
        "keep",
        "kick",
        "leave",
        "let",
        "lift",
        "link",
        "look",
        "lose",
        "make",
        "mark",
        "match",
        "merge",
        "monitor",
        "move",
        "name",
        "need",
        "object",
        "offend",
        "open",
        "place",
        "play",
        "position",
        "post",
        "pound",
        "prepare",
        "proceed",
        "purchase",
        "put",
        "raise",
        "reach",
        "regret",
        "remain",
        "respect",
        "return",
        "rip",
        "run",
        "search",
        "see",
        "seem",
        "sell",
        "send",
        "set",
        "share",
        "spend",
        "stand",
        "stay",
        "take",
        "touch",
        "trade",
        "try",
        "turn",
        "use",
        "want",
        "watch",
        "work",
    }
)

SYNONYM_PATTERNS = False  # True: every pattern holds for every verb of its block, as in PETRARCH2

PARTICLES = frozenset(
    {"up", "down", "out", "off", "in", "on", "over", "back", "away", "aside", "forward", "through", "around"}
)
PREPOSITIONS = frozenset(
    {
        "to",
        "with",
        "against",
        "at",
        "on",
        "in",
        "into",
        "from",
        "for",
        "of",
        "by",
        "over",
        "toward",
        "towards",
        "under",
        "across",
        "along",
        "near",
        "upon",
        "onto",
        "about",
        "behind",
        "before",
        "after",
        "during",
        "through",
        "between",
        "among",
        "without",
        "within",
    }
)
_CODE = re.compile(r"\[([^\]]*)\]")
_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|[^\s(){}]+")
_WORD = re.compile(r"^[a-z][a-z'-]*$")


@dataclass(frozen=True)
class Pattern:
    subject: tuple[str, ...]
    tail: tuple[str, ...]
    code: str | None  # None: "[---]", no event
    written_for: str | None = None  # the verb named in the pattern's comment ("# RUSH")


@dataclass
class VerbBlock:
    name: str
    code: str | None
    verbs: list[tuple[str, str | None]] = field(default_factory=list)  # (phrase, code of the bare verb)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    phrase: str
    event_type: str
    mode: str
    options: str
    codes: tuple[str, ...]  # the CAMEO codes the row comes from (a sixth column, for tracing)

    def line(self) -> str:
        return f"verb\t{self.phrase}\t{self.event_type}\t{self.mode}\t{self.options}\tcameo={'|'.join(self.codes)}"


def parse_plover_table(text: str) -> dict[str, tuple[str, str]]:
    """``CAMEO2PLOVER``: CAMEO code -> (PLOVER type, mode) for each ``code: TYPE, mode, context`` line."""
    table: dict[str, tuple[str, str]] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        code, rest = line.split(":", 1)
        cols = [c.strip() for c in rest.split(",")]
        if not code.strip().isdigit() or not cols[0]:
            continue
        table.setdefault(code.strip(), (cols[0], cols[1] if len(cols) > 1 else ""))
    return table


def plover_of(code: str | None, table: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The PLOVER (type, mode) of a CAMEO code: its own row, else its nearest parent's; None if excluded."""
    if not code or any(code.startswith(f) for f in EXCLUDED_FAMILIES):
        return None
    for end in range(len(code), 1, -1):
        if code[:end] in table:
            return table[code[:end]]
    return None


def _code(text: str) -> tuple[bool, str | None]:
    """(has a code, the code): ``[042:043]`` -> 042, ``[:173]`` -> 173, ``[---]`` -> None."""
    match = _CODE.search(text)
    if match is None:
        return False, None
    parts = [p.strip() for p in match.group(1).split(":")]
    code = next((p for p in parts if p), "")
    return True, code if code.isdigit() else None


def parse_synsets(text: str) -> dict[str, list[str]]:
    """``&NAME`` blocks before the verb patterns: their one-word members, lower case."""
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.startswith("&"):
            current = line.split()[0]
            sets[current] = []
        elif line.startswith("+") and current is not None:
            word = line[1:].split()[0].strip("_").lower()
            if _WORD.match(word):
                sets[current].append(word)
        elif not line:
            current = None
    return sets


def parse_blocks(text: str) -> list[VerbBlock]:
    blocks: list[VerbBlock] = []
    started = False
    for raw in text.splitlines():
        if raw.startswith("####### VERB PATTERNS"):
            started = True
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if not started:
            continue
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("---"):
            name = line.strip("- ").split()[0]
            blocks.append(VerbBlock(name=name, code=_code(line)[1]))
            continue
        if not blocks:
            continue
        block = blocks[-1]
        body = line.split("#", 1)[0]
        if line.startswith("-"):
            has, code = _code(body)
            if not has:
                continue
            tokens = _TOKEN.findall(_CODE.sub("", body[1:]))
            if "*" not in tokens:
                continue
            star = tokens.index("*")
            comment = line.split("#", 1)[1].split(",")[0].split() if "#" in line else []
            written_for = _verb_phrase(comment[0]) if comment else None
            block.patterns.append(Pattern(tuple(tokens[:star]), tuple(tokens[star + 1 :]), code, written_for))
            continue
        has, code = _code(body)
        word = re.sub(r"\{[^}]*\}", "", _CODE.sub("", body)).strip().split()
        if not word:
            continue
        phrase = _verb_phrase(word[0])
        if phrase is not None:
            # a synonym without a code of its own takes the block's, but only for its patterns
            own = code if has else (block.code if phrase == _verb_phrase(block.name) else None)
            block.verbs.append((phrase, own))
    return blocks


def _verb_phrase(word: str) -> str | None:
    """``KILL`` -> kill, ``+WIPE_OUT`` -> "wipe out"; None for forms that are no lemma ("+KILLED_AND")."""
    parts = word.lstrip("+").strip("_").lower().split("_")
    if not all(_WORD.match(p) for p in parts) or len(parts) > 2:
        return None
    if len(parts) == 2:
        head, tail = parts
        if tail in {"and", "or", "but"} or head.endswith(("ed", "ing")) or head in {"is", "are", "was", "be"}:
            return None
    return " ".join(parts)


def _nouns(token: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """One noun or a synonym set as object lemmas; None for anything else (multi-word nouns, markers)."""
    if token.startswith("&"):
        members = synsets.get(token)
        return list(members) if members else None
    word = token.lower()
    return [word] if _WORD.match(word) and word not in PREPOSITIONS | PARTICLES else None


def _singulars(words: list[str]) -> list[str]:
    out = list(words)
    for w in words:
        if w.endswith("men"):
            out.append(w[:-3] + "man")
        elif w.endswith("ies"):
            out.append(w[:-3] + "y")
        elif w.endswith("s") and not w.endswith("ss"):
            out.append(w[:-1])
    return out


def _reading(pattern: Pattern, synsets: dict[str, list[str]]) -> tuple[str, str, list[str]] | None:
    """A convertible pattern as (phrase suffix, option key, words): ("", "obj", [aid]), (" up", "obj",
    [barricade]), (" to", "obj", [border]), ("", "subj", [gunman]); None if not convertible."""
    if pattern.subject:
        if pattern.tail or len(pattern.subject) != 1:
            return None
        words = _nouns(pattern.subject[0], synsets)
        return ("", "subj", _singulars(words)) if words else None
    tail = pattern.tail
    if len(tail) == 1 and not tail[0].startswith("("):
        if tail[0].lower() in PARTICLES:
            return None
        words = _nouns(tail[0], synsets)
        return ("", "obj", _singulars(words)) if words else None
    if len(tail) == 2 and tail[0].lower() in PARTICLES and not tail[1].startswith("("):
        words = _nouns(tail[1], synsets)
        return (f" {tail[0].lower()}", "obj", _singulars(words)) if words else None
    if len(tail) == 1 and tail[0].startswith("("):
        inner = tail[0][1:-1].split()
        if len(inner) != 2 or inner[0].lower() not in PREPOSITIONS:
            return None
        words = _nouns(inner[1], synsets)
        return (f" {inner[0].lower()}", "obj", _singulars(words)) if words else None
    return None


def coder_verbs() -> frozenset[str]:
    """The verbs the coder reads by rules of its own: light, occurrence, reporting and mediation verbs."""
    from backchannel.events.wordclasses import WordClasses  # word classes as data

    words = WordClasses.load()
    return words.light_verbs | words.occurrence_verbs | words.speech_verbs | words.mediation_verbs


def _pattern_verbs(pattern: Pattern, verbs: list[str]) -> list[str]:
    """The verbs a pattern is kept for: PETRARCH2 applies a block's patterns to all its synonyms, but
    the synonym sets are broad ("rule" with "aid", "donate" with "warrant"), so a pattern whose comment
    names the verb it was written for is kept for that verb and the block's own inflections of it only."""
    if not SYNONYM_PATTERNS and pattern.written_for is not None:
        return [v for v in verbs if v == pattern.written_for or v.split()[0] == pattern.written_for]
    return verbs


def convert(cameo_text: str, plover_text: str, reserved: frozenset[str] = frozenset()) -> list[Row]:
    """Rows for the verbs of ``cameo_text``; ``reserved`` verbs (``coder_verbs()``) are left out."""
    table = parse_plover_table(plover_text)
    synsets = parse_synsets(cameo_text)
    # (phrase, option key, word) -> the PLOVER readings patterns give it
    constrained: dict[tuple[str, str, str], set[tuple[str, str]]] = defaultdict(set)
    bare: dict[str, set[tuple[str, str]]] = defaultdict(set)
    sources: dict[tuple[str, str, str] | str, set[str]] = defaultdict(set)
    no_event_objects: dict[str, set[str]] = defaultdict(set)
    for block in parse_blocks(cameo_text):
        verbs = [v for v, _ in block.verbs if v.split()[0] not in reserved]
        for verb, code in block.verbs:
            reading = plover_of(code, table)
            if reading is not None and code is not None and verb in verbs and verb not in GENERIC_VERBS:
                bare[verb].add(reading)
                sources[verb].add(code)
        for pattern in block.patterns:
            shape = _reading(pattern, synsets)
            if shape is None:
                continue
            suffix, key, words = shape
            if pattern.code is None:
                if not suffix and key == "obj":
                    for verb in verbs:
                        no_event_objects[verb].update(words)
                continue
            reading = plover_of(pattern.code, table)
            if reading is None:
                continue
            for verb in _pattern_verbs(pattern, verbs):
                if " " in verb and suffix:
                    continue  # "wipe out" + particle: no such verb
                for word in words:
                    constrained[(verb + suffix, key, word)].add(reading)
                    sources[(verb + suffix, key, word)].add(pattern.code)
    grouped: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    grouped_codes: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for (phrase, key, word), readings in constrained.items():
        if len(readings) == 1:
            event_type, mode = next(iter(readings))
            grouped[(phrase, event_type, mode, key)].add(word)
            grouped_codes[(phrase, event_type, mode, key)] |= sources[(phrase, key, word)]
    rows = [
        Row(phrase, event_type, mode, f"{key}=" + "|".join(sorted(words)), tuple(sorted(grouped_codes[group])))
        for group, words in grouped.items()
        for phrase, event_type, mode, key in [group]
    ]
    for verb, readings in bare.items():
        if len(readings) != 1:
            continue
        event_type, mode = next(iter(readings))
        blocked = sorted(no_event_objects.get(verb, ()))
        options = "notobj=" + "|".join(blocked) if blocked else ""
        rows.append(Row(verb, event_type, mode, options, tuple(sorted(sources[verb]))))
    return sorted(rows, key=lambda r: (r.phrase, r.event_type, r.mode, r.options))


HEADER = """\
# Backchannel backoff trigger lexicon, GENERATED by scripts/build_cameo_lexicon.py: do not edit by hand.
# The hand-written triggers.tsv is read first; a phrase it has is never looked up here.
# Source: PETRARCH2 CAMEO verb dictionary CAMEO.2.0.txt, Copyright (c) 2015 Open Event Data Alliance,
#   MIT License (Permission is hereby granted, free of charge, to any person obtaining a copy of this
#   software and associated documentation files ... The above copyright notice and this permission
#   notice shall be included in all copies or substantial portions of the Software. THE SOFTWARE IS
#   PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.)
# CAMEO codes mapped to PLOVER types and modes by CAMEO2PLOVER-2021.txt, PLOVER manual v0.8
#   (Open Event Data Alliance, CC BY-SA 4.0); this file's PLOVER types are shared under the same licence.
# Columns as in triggers.tsv: kind <TAB> phrase <TAB> event_type <TAB> mode <TAB> options, and a sixth,
#   cameo=CODES, the CAMEO codes the row comes from (the lexicon does not read it).
# Left out (see the script's docstring): codes with no PLOVER type, excluded CAMEO families
#   ({families}), patterns of more than one element, bare prepositions and particles, light,
#   occurrence and reporting verbs, bare generic verbs, ambiguous phrases.
"""


def render(rows: list[Row]) -> str:
    header = HEADER.format(families=", ".join(f"{f}x" for f in sorted(EXCLUDED_FAMILIES)) or "none")
    return header + "".join(r.line() + "\n" for r in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cameo", type=Path, required=True, help="PETRARCH2 CAMEO.2.0.txt")
    ap.add_argument("--plover", type=Path, required=True, help="CAMEO2PLOVER-2021.txt")
    ap.add_argument("--out", type=Path, required=True, help="where to write the generated TSV")
    args = ap.parse_args(argv)
    rows = convert(args.cameo.read_text(encoding="utf-8"), args.plover.read_text(encoding="utf-8"), coder_verbs())
    args.out.write_text(render(rows), encoding="utf-8")
    print(f"{args.out}: {len(rows)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
