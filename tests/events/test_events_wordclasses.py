"""Word classes live in events/data/wordclasses.tsv: no word list is written into the coder's code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from spacy.glossary import GLOSSARY

import backchannel.events
from backchannel.errors import ConfigError
from backchannel.events.wordclasses import WordClasses

EVENTS_DIR = Path(backchannel.events.__file__).parent
WORD = re.compile(r"^[a-z][a-z' -]*$")
# spaCy's English dependency labels name parse relations, not English words (predet is missing from its glossary)
DEPENDENCY_LABELS = frozenset(GLOSSARY) | {"predet"}
PRAGMA = "# not-words:"  # a literal of schema values (mention kinds) or of a trained model's features


def _word_literals(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[str] = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, ast.Set | ast.Tuple):
            values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(values) != len(node.elts):
                continue
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "split"
            and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)
        ):
            values = node.func.value.value.split()
        else:
            continue
        words = [v for v in values if WORD.match(v)]
        if len(words) < 3 or all(v in DEPENDENCY_LABELS for v in values):
            continue
        if any(PRAGMA in line for line in lines[node.lineno - 3 : (node.end_lineno or node.lineno)]):
            continue
        found.append(f"{path.name}:{node.lineno}: {' '.join(values)[:80]}")
    return found


def test_no_word_list_literals_in_event_code() -> None:
    found = [hit for path in sorted(EVENTS_DIR.glob("*.py")) for hit in _word_literals(path)]
    assert found == [], "word lists belong in events/data/wordclasses.tsv:\n" + "\n".join(found)


def test_the_guard_sees_a_word_list(tmp_path: Path) -> None:
    code = tmp_path / "rule.py"
    code.write_text('def f(t):\n    return t.lemma_ in ("attack", "strike", "raid")\n', encoding="utf-8")
    labels = tmp_path / "deps.py"
    labels.write_text('def f(t):\n    return t.dep_ in ("nsubj", "nsubjpass", "csubj")\n', encoding="utf-8")
    assert len(_word_literals(code)) == 1
    assert _word_literals(labels) == []


def test_every_class_is_documented() -> None:
    text = (EVENTS_DIR / "data" / "wordclasses.tsv").read_text(encoding="utf-8")
    classes = {line.split("\t")[0] for line in text.splitlines() if line and not line.startswith("#")}
    documented = {m.group(1) for m in re.finditer(r"^# ([\w/-]+?)(?:/SECTOR|/NAME)?: ", text, re.MULTILINE)}
    prefixes = {c.split("/")[0] + "/" for c in classes if "/" in c}
    undocumented = {c for c in classes if "/" not in c} - documented
    assert undocumented == set()
    assert {p[:-1] for p in prefixes} <= documented


def test_packaged_classes_load_the_same_every_time() -> None:
    words = WordClasses.load()
    assert words == WordClasses.load()
    assert "say" in words.speech_verbs
    assert words.party_sectors["police"] == "COP"
    assert words.context_topics["truce"] == "ceasefire"
    assert words.arms == words.weapon_nouns | words.explosive_nouns


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("speech_verbs\tsay\n", "missing word classes"),
        ("no_such_class\tword\n", "unknown word classes"),
        ("speech_verbs say\n", "expected class <TAB> word"),
    ],
)
def test_a_broken_file_names_its_problem(text: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        WordClasses.from_text(text, origin="test.tsv")
