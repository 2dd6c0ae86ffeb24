"""Sentences and lines that are not reporting: engagement bait, disclaimers, captions, credits.

Each rule is a regular expression on one sentence (or one line) of the working text; a hit
blanks that whole sentence (or line).  Rules are phrased on the language of such appeals
("leave a message in the comment area", "if there is any infringement, please contact us to
delete"), not on particular documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from backchannel.clean.buffer import Line, WorkBuffer
from backchannel.clean.markup import BOILERPLATE, CAPTION

__all__ = [
    "DISCLAIMER",
    "ENGAGEMENT_BAIT",
    "blank_appeals",
    "blank_caption_lines",
    "blank_inline_captions",
    "sentences",
]

ENGAGEMENT_BAIT = "engagement_bait"
DISCLAIMER = "disclaimer"
_I = re.IGNORECASE

_BAIT = re.compile(
    r"\bcomments? (?:area|section|zone|box)\b"
    r"|\b(?:leave|post|write|drop) (?:us )?(?:a |your )?(?:message|comments?|thoughts|views|opinions?)\b"
    r"|\bshare your (?:thoughts|views|opinions?|comments?)\b"
    r"|\b(?:let us|let me) know (?:in the comments|what you think|your thoughts)\b"
    r"|\bin the comments?(?: below| section)?[.!]*$"
    r"|\bin front of the screen\b"
    r"|\b(?:please |do )?(?:like|likes),? (?:comment,? )?(?:and |& )?(?:share|forward|follow|subscribe)\b"
    r"|\bgive (?:us |it |this (?:article |post |video )?)?a (?:like|thumbs[ -]up)\b"
    r"|\b(?:please |don't forget to |remember to )"
    r"(?:like|follow|subscribe|forward|share (?:this|it|the (?:article|post)))\b"
    r"|\bfollow (?:us|me|our (?:account|channel|page)) (?:on|for|to)\b"
    r"|\bsubscribe (?:now|today|here|for free|to (?:our|my|the) (?:channel|newsletter|account|podcast))\b"
    r"|\bsign up (?:now )?(?:for|to) (?:our|the) (?:free |daily |weekly )?newsletter\b"
    r"|\bclick (?:here|the link|on the link|below|the button)\b"
    r"|\bshare (?:this|it) with your friends\b"
    r"|\bwelcome to (?:follow|pay attention|leave|like|subscribe)\b"
    r"|\b(?:turn on|hit|smash) (?:the )?(?:notifications?|bell|like button|subscribe button)\b"
    r"|^(?:dear )?(?:friends|readers|netizens|viewers),? (?:what|how|do|would) (?:do )?you (?:think|see|feel)\b",
    _I,
)
_DISCLAIMER = re.compile(
    r"\binfringe(?:ment|s)?\b.*\b(?:delet\w*|remov\w*|contact)\b"
    r"|\b(?:contact|inform|notify) us\b.*\bdelet\w*"
    r"|^\W*(?:all |the pictures? |images? |content )?(?:is |are )?(?:from|source:?) the internet\b"
    r"|\bthe (?:views?|opinions?)(?: and opinions)? expressed (?:in|by) (?:this|the) "
    r"(?:article|column|post|commentary|piece|op-ed|author|video)"
    r"|\b(?:does|do) not (?:necessarily )?(?:represent|reflect) the (?:views?|positions?|opinions?|stance) of "
    r"(?:this|the|our) (?:site|website|platform|newspaper|publication|outlet|station|network|media|account)"
    r"|\b(?:this|the) (?:article|content|story|post) (?:is|was) (?:reproduced|reprinted|republished|transferred|"
    r"forwarded|transcribed) from\b"
    r"|\b(?:reproduced|reprinted|republished) (?:with (?:the )?permission|from)\b"
    r"|\bfor (?:reference|information) (?:only|purposes only)\b.*\b(?:not|no)\b.*\b(?:advice|investment|represent)"
    r"|^(?:copyright\s*(?:©|\(c\)|\d{4}|by\b)|©|\(c\) \d{4})"
    r"|\ball rights reserved\b"
    r"|\b(?:unauthori[sz]ed|any) (?:reproduction|reprint(?:ing)?|republication)\b.*\b(?:prohibited|forbidden|"
    r"not (?:allowed|permitted))"
    r"|\b(?:this|the) (?:article|content) is (?:an )?original\b",
    _I,
)
_CREDIT_LINE = re.compile(
    r"^\(?(?:reporting|writing|editing|additional reporting|compiled|translated|edited) by\b"
    r"|^(?:for further information|for more information|media (?:contact|inquiries|enquiries)|press contact|"
    r"contacts?:|read more:|related(?: articles?| stories| coverage| news)?:|see also:|advertisement$|"
    r"(?:responsible |executive )?editor(?: in charge)?:|watch:|listen:|share (?:this|on)\b)",
    _I,
)
_POINTER = re.compile(
    r"^\W*(?:for (?:more|further|additional) information|to (?:read|view|learn|see|find|watch|download|apply|"
    r"register|sign up)|visit|see|learn more|read more|watch|click|more information|(?:the )?full (?:text|report))\b",
    _I,
)
_URLISH = re.compile(r"(?:https?://|www\.|<https?:|\.(?:gov|com|org|net)\b)", _I)
_CAPTION_LINE = re.compile(
    r"^(?:photos?|photograph|picture|pictured|image|file photo|photo credit|credit|caption|fig(?:ure|\.) ?\d+|"
    r"video|source)\s*(?:[:/|]|-\s)",
    _I,
)
_FILE_PHOTO = re.compile(r"^\(?file photo\b", _I)
_INLINE_CAPTION = re.compile(
    r"\((?:photo|photograph|image|picture|file photo|video|pictured)(?: by| credit| courtesy of)?"
    r"\s*[:/]?[^()\n]{0,80}\)"
    r"|\[(?:photo|photograph|image|picture|file photo|video)\b[^\[\]\n]{0,80}\]"
    r"|\((?:Xinhua|Reuters|AP|AFP|EPA|Getty Images|IANS|PTI|ANI)/[^()\n]{1,60}\)",
    _I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9*])")
# A final "U.S." or "Mr." does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.(?:[A-Z]\.)*|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Capt|Sgt|Sen|Rep|Gov|Pres|Prof|Rev|Jr|Sr|Inc|Co|Corp|"
    r"Ltd|No|Vol|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|vs|etc|approx)\.)$"
)
# Every disclaimer or bait rule above needs one of these (lower-case) in the line: a cheap filter.
_KEYWORDS = (
    "comment",
    "message",
    "thought",
    "opinion",
    "know",
    "screen",
    "like",
    "follow",
    "subscri",
    "newsletter",
    "click",
    "share",
    "welcome",
    "notif",
    "bell",
    "friends",
    "readers",
    "netizens",
    "viewers",
    "infring",
    "delet",
    "internet",
    "view",
    "represent",
    "reflect",
    "reproduc",
    "reprint",
    "republish",
    "transferred",
    "forwarded",
    "transcribed",
    "reference",
    "information",
    "copyright",
    "©",
    "(c)",
    "rights reserved",
    "original",
    "reproduction",
)
_MAX_CAPTION_WORDS = 25
_MAX_CREDIT_WORDS = 40
_MAX_POINTER_WORDS = 25
_MAX_SENTENCE_WORDS = 80  # a longer "sentence" means the rough splitter failed: do not blank it whole


def sentences(line: Line) -> Iterator[tuple[int, int, str]]:
    """Rough sentences of one line as (start, end, text) in document offsets; enough to scope a rule."""
    begin = 0
    for match in _SENTENCE_END.finditer(line.text):
        if _ABBREVIATION.search(line.text, max(0, match.start() - 16), match.start()):
            continue
        yield line.start + begin, line.start + match.start(), line.text[begin : match.start()]
        begin = match.end()
    if begin < len(line.text):
        yield line.start + begin, line.end, line.text[begin:]


def _words(text: str) -> int:
    return len(text.split())


def blank_appeals(buffer: WorkBuffer) -> None:
    """Blank disclaimer and engagement-bait sentences, credit lines and short pointers to URLs."""
    for line in buffer.lines():
        if _words(line.text) <= _MAX_CREDIT_WORDS and _CREDIT_LINE.search(line.text):
            buffer.blank(line.start, line.end, BOILERPLATE)
            continue
        lowered = line.text.lower()
        if not any(keyword in lowered for keyword in _KEYWORDS) and not _URLISH.search(line.text):
            continue
        for start, end, text in sentences(line):
            if _words(text) > _MAX_SENTENCE_WORDS:
                continue
            if _DISCLAIMER.search(text):
                buffer.blank(start, end, DISCLAIMER)
            elif _BAIT.search(text.strip()):
                buffer.blank(start, end, ENGAGEMENT_BAIT)
            elif _words(text) <= _MAX_POINTER_WORDS and _URLISH.search(text) and _POINTER.match(text):
                buffer.blank(start, end, BOILERPLATE)


def _unbalanced_bracket_end(text: str) -> bool:
    stripped = text.rstrip(" .")
    if not stripped.endswith(("]", "】")):
        return False
    opened = text.count("[") + text.count("【")
    closed = text.count("]") + text.count("】")
    return closed > opened or (stripped.startswith(("[", "【")) and opened == 1)


def blank_caption_lines(buffer: WorkBuffer) -> None:
    """Blank short lines that are photo captions or credits (``...Haniyeh].``, ``Photo: ...``, ``File photo``)."""
    for line in buffer.lines():
        if _words(line.text) > _MAX_CAPTION_WORDS:
            continue
        if _unbalanced_bracket_end(line.text) or _CAPTION_LINE.match(line.text) or _FILE_PHOTO.match(line.text):
            buffer.blank(line.start, line.end, CAPTION)


def blank_inline_captions(buffer: WorkBuffer) -> None:
    """Blank parenthesised photo credits inside text: ``(Photo by ...)``, ``[Photo/Xinhua]``, ``(Xinhua/Li Hua)``."""
    for match in _INLINE_CAPTION.finditer(buffer.text):
        buffer.blank(match.start(), match.end(), CAPTION)
