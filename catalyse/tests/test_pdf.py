"""The shared PDF helper: metadata, and the four DejaVu styles embedded (emphasis is really italic)."""

import io
from typing import Any

from pypdf import PdfReader

from catalyse.lib.pdf import certificate_page, pdf_document


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_it_embeds_the_styles_used_and_the_french_metadata() -> None:
    pdf = pdf_document(title="Attestation — « Essai »", subject="Camille Roussel", landscape=True)
    certificate_page(pdf, heading="Catalyse — Pour se former")
    pdf.set_font("DejaVu", "I", 12)
    pdf.cell(0, 8, "Une phrase en italique : « déjà là »")
    pdf.set_font("DejaVu", "BI", 12)
    pdf.cell(0, 8, "Et en gras italique")
    reader = PdfReader(io.BytesIO(bytes(pdf.output())))
    assert reader.metadata is not None and reader.metadata.title == "Attestation — « Essai »"
    fonts = _fonts(reader)
    assert any(name.endswith("DejaVuSansBold") for name in fonts)
    assert any(name.endswith("DejaVuSansOblique") for name in fonts)
    assert any(name.endswith("DejaVuSansBoldOblique") for name in fonts)
    assert "Une phrase en italique : « déjà là »" in reader.pages[0].extract_text()
