"""Write ``src/backchannel/geo/data/common_words.txt``: English words of Zipf frequency >= 4 (wordfreq).

A capitalised single word that is this common ("Bill", "Mark", "West", "Hope") is a town only with evidence
of its own (a country, a first-order division or a city of 100k people; see FINDINGS "Gazetteers").  wordfreq
is needed only to regenerate the list, never at run time:

    pip install --target /tmp/wf wordfreq==3.1.1
    PYTHONPATH=/tmp/wf python scripts/common_words.py

The list is derived from wordfreq 3.1.1 (Robyn Speer; data CC BY-SA 4.0).
"""

from __future__ import annotations

from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

OUT = Path(__file__).resolve().parent.parent / "src" / "backchannel" / "geo" / "data" / "common_words.txt"
MIN_ZIPF = 4.0


def main() -> None:
    words = sorted({w for w in top_n_list("en", 20000) if w.isalpha() and zipf_frequency(w, "en") >= MIN_ZIPF})
    header = (
        "# English words of Zipf frequency >= 4 (wordfreq 3.1.1, data CC BY-SA 4.0), one a line, lowercase.\n"
        "# Written by scripts/common_words.py; a single capitalised word in this list is a town only with\n"
        "# evidence of its own (see backchannel.geo.index).\n"
    )
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
