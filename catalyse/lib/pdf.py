"""PDFs (fpdf2) in the design system's colours, with the DejaVu fonts that ship with Catalyse (no system font
is needed): the events' and cohorts' certificates, the logbooks."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "fonts"
PRIMARY = (29, 78, 137)  # --primary of the design system
TEXT = (30, 36, 48)
MUTED = (74, 84, 104)
FONTS = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-BoldOblique.ttf",
}


def pdf_setup(pdf: FPDF, *, title: str, subject: str) -> None:
    """Metadata (French) and the font family « DejaVu » in its four styles, on a document made by the caller."""
    pdf.set_title(title)
    pdf.set_author("Catalyse")
    pdf.set_subject(subject)
    pdf.set_creator("Catalyse")
    pdf.set_lang("fr-FR")
    for style, filename in FONTS.items():
        pdf.add_font("DejaVu", style, str(FONT_DIR / filename))


def pdf_document(*, title: str, subject: str, landscape: bool = False) -> FPDF:
    """An A4 document, set up by pdf_setup."""
    pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
    pdf_setup(pdf, title=title, subject=subject)
    return pdf


def certificate_page(pdf: FPDF, *, heading: str) -> None:
    """The frame and heading of a one-page certificate (A4 landscape); the caller writes the rest."""
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.set_draw_color(*PRIMARY)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_text_color(*PRIMARY)
    pdf.set_font("DejaVu", "B", 14)
    pdf.set_xy(20, 22)
    pdf.cell(0, 8, heading)
