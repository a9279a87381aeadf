"""A published carnet de bord as a PDF (fpdf2)."""

from __future__ import annotations

import re

from django.conf import settings
from django.utils import timezone
from fpdf import FPDF
from fpdf.fonts import FontFace

from catalyse.lib.pdf import MUTED, PRIMARY, TEXT, pdf_setup
from catalyse.logbooks.models import LogbookIssue, french_day
from catalyse.logbooks.services import issue_sections_html

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


class LogbookPDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, self.footer_text, align="L")
        self.set_x(-30)
        self.cell(20, 6, f"{self.page_no()}/{{nb}}", align="R")


def _pdf_html(html: str) -> str:
    # Images would be fetched from the network: the PDF keeps their text alternative only.
    return _IMG.sub("", html)


def logbook_pdf_bytes(issue: LogbookIssue) -> bytes:
    journey = issue.journey
    pdf = LogbookPDF(orientation="P", unit="mm", format="A4")
    pdf_setup(pdf, title=f"{issue.title} — {journey.title}", subject=f"Carnet de bord — {journey.title}")
    pdf.footer_text = f"Catalyse — {journey.title} — {issue.title}"
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()

    pdf.set_text_color(*PRIMARY)
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(0, 6, journey.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 22)
    pdf.multi_cell(0, 10, issue.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.set_text_color(*MUTED)
    if issue.published_at:
        when = french_day(timezone.localtime(issue.published_at).date())
        status = f"Carnet de bord {issue.of_month}, publié le {when}"
    else:
        status = f"Carnet de bord {issue.of_month} — brouillon"
    pdf.multi_cell(0, 6, status, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*PRIMARY)
    pdf.set_line_width(0.6)
    pdf.line(20, pdf.get_y() + 2, 190, pdf.get_y() + 2)
    pdf.ln(6)

    heading = FontFace(family="DejaVu", emphasis="BOLD", color=PRIMARY, size_pt=14)
    for _name, title, html in issue_sections_html(issue):
        pdf.set_text_color(*PRIMARY)
        pdf.set_font("DejaVu", "B", 15)
        pdf.multi_cell(0, 8, str(title), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        pdf.set_text_color(*TEXT)
        pdf.set_font("DejaVu", "", 11)
        pdf.write_html(
            _pdf_html(html),
            font_family="DejaVu",
            ul_bullet_char="•",
            li_prefix_color=PRIMARY,
            tag_styles={
                "h2": heading,
                "h3": FontFace(family="DejaVu", emphasis="BOLD", color=PRIMARY, size_pt=12),
                "h4": FontFace(family="DejaVu", emphasis="BOLD", color=TEXT, size_pt=11),
                "a": FontFace(family="DejaVu", color=PRIMARY),
                "code": FontFace(family="DejaVu"),
                "pre": FontFace(family="DejaVu"),
            },
        )
        pdf.ln(4)

    pdf.set_font("DejaVu", "", 9)
    pdf.set_text_color(*MUTED)
    online = f"À lire en ligne : {settings.SITE_URL}{issue.get_absolute_url()}"
    pdf.multi_cell(0, 5, online, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
