"""Fill a gettext .po file from a JSON dict of translations (no polib needed).

Usage:
    python scripts/po_fill.py dump PO OUT.json        # list entries (msgid, plural, refs, msgstr)
    python scripts/po_fill.py fill PO TRANSLATIONS.json  # write msgstrs, drop fuzzy on filled entries

TRANSLATIONS.json maps a msgid (or "context\\x04msgid") to a string, or to a
list [singular, plural] for entries with msgid_plural.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

HEADER = {
    "Project-Id-Version": "Catalyse",
    "Last-Translator": "Catalyse",
    "Language-Team": "English",
    "Language": "en",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def unquote(s: str) -> str:
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        raise SystemExit(f"unexpected .po line: {s!r}")
    return _unescape(s[1:-1])


def _unescape(body: str) -> str:
    out, i = [], 0
    table = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(table.get(body[i + 1], "\\" + body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def quote(s: str) -> str:
    esc = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    parts = esc.split("\n")
    lines = [p + "\\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    if len(lines) <= 1 and len(esc) < 70:
        return '"' + esc.replace("\n", "\\n") + '"'
    return '""\n' + "\n".join('"' + ln + '"' for ln in lines)


def parse(text: str) -> list[dict]:
    entries = []
    for block in text.strip("\n").split("\n\n"):
        e: dict = {"comments": [], "fields": {}, "order": []}
        key = None
        for line in block.split("\n"):
            if line.startswith("#"):
                e["comments"].append(line)
            elif line.startswith('"'):
                e["fields"][key] += unquote(line)
            else:
                key, _, rest = line.partition(" ")
                e["fields"][key] = unquote(rest)
                e["order"].append(key)
        for k in ("msgid", "msgid_plural"):
            # xgettext keeps Python's "\u00a0" escape verbatim; the runtime string has the real character.
            if k in e["fields"]:
                e["fields"][k] = e["fields"][k].replace("\\u00a0", "\u00a0")
        entries.append(e)
    return entries


def key_of(e: dict) -> str:
    f = e["fields"]
    return (f["msgctxt"] + "\x04" if "msgctxt" in f else "") + f.get("msgid", "")


def render(entries: list[dict]) -> str:
    blocks = []
    for e in entries:
        lines = list(e["comments"])
        lines += [f"{k} {quote(e['fields'][k])}" for k in e["order"]]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def check(msgid: str, msgstr: str) -> None:
    a, b = sorted(PLACEHOLDER.findall(msgid)), sorted(PLACEHOLDER.findall(msgstr))
    if a != b:
        raise SystemExit(f"placeholder mismatch: {msgid!r} -> {msgstr!r}")


def main() -> None:
    cmd, po = sys.argv[1], Path(sys.argv[2])
    entries = parse(po.read_text(encoding="utf-8"))
    if cmd == "dump":
        rows = []
        for e in entries[1:]:
            f = e["fields"]
            refs = [c[3:] for c in e["comments"] if c.startswith("#: ")]
            rows.append(
                {
                    "key": key_of(e),
                    "plural": f.get("msgid_plural"),
                    "refs": " ".join(refs),
                    "msgstr": f.get("msgstr", f.get("msgstr[0]", "")),
                }
            )
        Path(sys.argv[3]).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    tr = json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))
    filled = 0
    for e in entries[1:]:
        f, k = e["fields"], key_of(e)
        if k not in tr:
            filled += bool(f.get("msgstr") or f.get("msgstr[0]"))
            continue
        value = tr[k]
        if "msgid_plural" in f:
            sing, plur = value if isinstance(value, list) else (value, value)
            check(f["msgid"], sing)
            check(f["msgid_plural"], plur)
            f["msgstr[0]"], f["msgstr[1]"] = sing, plur
        else:
            if not isinstance(value, str):
                raise SystemExit(f"expected a string for {k!r}")
            check(f["msgid"], value)
            f["msgstr"] = value
        e["comments"] = [c for c in e["comments"] if c != "#, fuzzy"]
        e["comments"] = [re.sub(r"^#, fuzzy, ", "#, ", c) for c in e["comments"]]
        filled += 1
    head = entries[0]
    header = head["fields"]["msgstr"]
    revised = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    header = re.sub(r"^PO-Revision-Date: .*$", f"PO-Revision-Date: {revised}", header, flags=re.M)
    for field, value in HEADER.items():
        header = re.sub(rf"^{field}: .*$", f"{field}: {value}", header, flags=re.M)
    head["fields"]["msgstr"] = header
    head["comments"] = [c for c in head["comments"] if c != "#, fuzzy"]
    po.write_text(render(entries), encoding="utf-8")
    print(f"{filled}/{len(entries) - 1} entries translated")


if __name__ == "__main__":
    main()
