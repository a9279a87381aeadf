"""Make the French catalogue hold only what French needs from a catalogue: its plural rule.

French is the source language, so its strings need no translation; but without a French catalogue Django
applies the msgid's (English) plural rule and writes « 0 territoires ». This keeps, from the .po that
`makemessages -l fr` wrote, the header (with French's rule: singular for 0 and 1) and the plural entries
whose singular carries the count itself, each translated by its own two forms. A singular written without
the count (« Un partenariat… ») stays untranslated: for 0 it would be wrong.

Usage: python scripts/po_fr_plurals.py catalyse/locale/fr/LC_MESSAGES/django.po
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from po_fill import PLACEHOLDER, parse, render


def main() -> None:
    po = Path(sys.argv[1])
    entries = parse(po.read_text(encoding="utf-8"))
    head, kept = entries[0], []
    for e in entries[1:]:
        f = e["fields"]
        if "msgid_plural" not in f:
            continue
        singular, plural = f["msgid"], f["msgid_plural"]
        if not PLACEHOLDER.findall(singular) or sorted(PLACEHOLDER.findall(singular)) != sorted(
            PLACEHOLDER.findall(plural)
        ):
            continue
        f["msgstr[0]"], f["msgstr[1]"] = singular, plural
        e["comments"] = [c for c in e["comments"] if not c.startswith("#, fuzzy")]
        kept.append(e)
    header = head["fields"]["msgstr"]
    header = re.sub(r"^Plural-Forms: .*$", "Plural-Forms: nplurals=2; plural=(n > 1);", header, flags=re.M)
    for field, value in {
        "Project-Id-Version": "Catalyse",
        "Last-Translator": "Catalyse",
        "Language-Team": "French",
        "Language": "fr",
        "PO-Revision-Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000"),
    }.items():
        header = re.sub(rf"^{field}: .*$", f"{field}: {value}", header, flags=re.M)
    head["fields"]["msgstr"] = header
    head["comments"] = [c for c in head["comments"] if c != "#, fuzzy"]
    po.write_text(render([head, *kept]), encoding="utf-8")
    print(f"{len(kept)} plural entries kept for French")


if __name__ == "__main__":
    main()
