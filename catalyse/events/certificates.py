"""Certificates of attendance (PDF, fpdf2) for people marked present."""

from __future__ import annotations

from django.utils import formats, timezone

from catalyse.events.models import Registration
from catalyse.lib.pdf import MUTED, TEXT, certificate_page, pdf_document

KIND_PHRASES = {
    "rencontre": "à la rencontre du réseau",
    "webinaire": "au webinaire",
    "atelier": "à l’atelier",
    "visite": "à la visite apprenante",
}


def _date(value: object) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y")  # type: ignore[arg-type]


def _duration(registration: Registration) -> str:
    event = registration.event
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return f"le {_date(start)}, de {start:%H:%M} à {end:%H:%M}".replace(":", "\u202fh\u202f").replace(
            "\u202fh\u202f00", "\u202fh"
        )
    return f"du {_date(start)} au {_date(end)}"


def certificate_number(registration: Registration) -> str:
    return f"{registration.event.uid.hex[:8].upper()}-{registration.pk:06d}"


def certificate_pdf(registration: Registration) -> bytes:
    """One A4 landscape page. Call only for a registration marked present."""
    event = registration.event
    person = registration.user.display_name
    pdf = pdf_document(title=f"Attestation de présence — {event.title}", subject=person, landscape=True)
    certificate_page(pdf, heading="Catalyse — réseau des catalyseurs territoriaux")
    pdf.set_font("DejaVu", "B", 30)
    pdf.set_xy(20, 50)
    pdf.cell(257, 14, "Attestation de présence", align="C")

    pdf.set_text_color(*TEXT)
    pdf.set_font("DejaVu", "", 14)
    pdf.set_xy(30, 80)
    pdf.multi_cell(237, 8, "Nous attestons que", align="C")
    pdf.set_font("DejaVu", "B", 22)
    pdf.set_x(30)
    pdf.multi_cell(237, 12, person, align="C")
    pdf.set_font("DejaVu", "", 14)
    pdf.set_x(30)
    pdf.multi_cell(237, 8, f"a participé {KIND_PHRASES.get(event.kind, 'à l’événement')} « {event.title} »", align="C")
    pdf.set_x(30)
    details = _duration(registration)
    if event.is_in_person and event.territory_id and event.territory:
        details += f", à {event.territory.name}"
    if event.format == "en_ligne":
        details += ", en ligne"
    if registration.track_id and registration.track:
        details += f", axe « {registration.track.title} »"
    pdf.multi_cell(237, 8, details + ".", align="C")
    if event.organiser_label:
        pdf.set_x(30)
        pdf.multi_cell(237, 8, f"Organisé par {event.organiser_label}.", align="C")

    pdf.set_font("DejaVu", "", 11)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(20, 178)
    pdf.cell(128, 6, f"Fait le {_date(timezone.now())}")
    pdf.set_xy(149, 178)
    pdf.cell(128, 6, f"Attestation n° {certificate_number(registration)}", align="R")
    return bytes(pdf.output())
