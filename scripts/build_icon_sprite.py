"""Build one SVG sprite from the Lucide icons named in a list (one name a line)."""

import re
import sys
from pathlib import Path

source, target, names_file = (Path(a) for a in sys.argv[1:4])
symbols = []
for name in names_file.read_text().split():
    svg = (source / f"{name}.svg").read_text()
    inner = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S)
    if inner is None:
        raise SystemExit(f"icône illisible : {name}")
    body = re.sub(r"\s+", " ", inner.group(1)).strip()
    symbols.append(f'<symbol id="i-{name}" viewBox="0 0 24 24">{body}</symbol>')
target.write_text(
    '<svg xmlns="http://www.w3.org/2000/svg" fill="none" stroke="currentColor" stroke-width="2" '
    'stroke-linecap="round" stroke-linejoin="round">' + "".join(symbols) + "</svg>\n"
)
print(f"{len(symbols)} icônes dans {target}")
