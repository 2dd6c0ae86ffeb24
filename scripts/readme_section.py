"""Replace the block between <!-- NAME --> and <!-- /NAME --> in a Markdown file with a file's content."""

from __future__ import annotations

import re
import sys
from pathlib import Path


def main(readme: str, name: str, content_file: str) -> int:
    path = Path(readme)
    text = path.read_text(encoding="utf-8")
    body = Path(content_file).read_text(encoding="utf-8").strip()
    block = f"<!-- {name} -->\n{body}\n<!-- /{name} -->"
    pattern = re.compile(rf"<!-- {name} -->.*?(<!-- /{name} -->|$)", re.S)
    if f"<!-- /{name} -->" in text:
        text = pattern.sub(lambda _m: block, text, count=1)
    elif f"<!-- {name} -->" in text:
        text = text.replace(f"<!-- {name} -->", block, 1)
    else:
        print(f"{readme}: no <!-- {name} --> marker", file=sys.stderr)
        return 1
    path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:4]))
