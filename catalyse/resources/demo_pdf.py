"""A small, valid PDF written by hand, for the demo kit's files (no PDF library needed)."""

from __future__ import annotations

import textwrap


def _pdf_string(text: str) -> str:
    # WinAnsi (cp1252) covers French; the typographic apostrophe is in it too.
    raw = text.encode("cp1252", "replace").decode("latin-1")
    return "(" + raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def simple_pdf(title: str, paragraphs: list[str]) -> bytes:
    """One A4 page: a title and wrapped paragraphs in Helvetica."""
    lines: list[tuple[str, int]] = [(title, 16)]
    for paragraph in paragraphs:
        lines.append(("", 11))
        lines.extend((line, 11) for line in textwrap.wrap(paragraph, 90))
    commands = ["BT", "56 780 Td"]
    for text, size in lines[:60]:
        commands.append(f"/F1 {size} Tf")
        commands.append(f"{_pdf_string(text)} Tj")
        commands.append(f"0 -{size + 5} Td")
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
