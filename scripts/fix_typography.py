"""Put the non-breaking spaces of French typography into interface text files (idempotent).

Usage: python3 scripts/fix_typography.py FILE...  (templates and Python files with French strings)."""

import re
import sys
from pathlib import Path

NBSP = "\u00a0"
RULES = [
    (re.compile(r"(?<=[\wÀ-ÿ’»)]) ([:;!?»])(?=[\s<\"'{,.)]|$)"), NBSP + r"\1"),  # « Bonjour : » → « Bonjour : »
    (re.compile(r"« "), "«" + NBSP),
]

for name in sys.argv[1:]:
    path = Path(name)
    text = path.read_text()
    fixed = text
    for pattern, replacement in RULES:
        fixed = pattern.sub(replacement, fixed)
    if fixed != text:
        path.write_text(fixed)
        print(f"fixed {name}")
