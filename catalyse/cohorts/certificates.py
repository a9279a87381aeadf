"""Completion certificates (PDF, fpdf2), as the events' attendance certificates.

A hosted course: « a suivi la formation … » once the course's rule is met. A study group (external MOOC): the
certificate is the study group's, and says it does not certify the MOOC itself."""

from __future__ import annotations

from django.utils import formats, timezone

from catalyse.cohorts.models import Cohort, Enrolment
from catalyse.lib.pdf import MUTED, TEXT, certificate_page, pdf_document


def _date(value: object) -> str:
    return formats.date_format(value, "j F Y")  # type: ignore[arg-type]


def certificate_number(enrolment: Enrolment) -> str:
    return f"{enrolment.cohort.uid.hex[:8].upper()}-{enrolment.pk:06d}"


def certificate_lines(cohort: Cohort, person: str) -> tuple[str, list[str]]:
    """The title and the sentences of the certificate (also what the tests read back)."""
    course = cohort.course
    sessions = cohort.schedule.count()
    if cohort.is_study_group:
        platform = course.provider_name or "une plateforme externe"
        return (
            "Attestation de participation au groupe d’étude",
            [
                "Nous attestons que",
                person,
                f"a participé au groupe d’étude « {cohort.title} »,",
                f"qui a suivi ensemble le MOOC « {course.title} » ({platform}),",
                f"et a déclaré avoir suivi ses {sessions} sessions.",
                "Cette attestation est celle du groupe d’étude animé sur Catalyse : "
                "elle ne vaut pas certificat du MOOC, délivré par sa plateforme.",
            ],
        )
    return (
        "Attestation de réussite",
        [
            "Nous attestons que",
            person,
            f"a suivi la formation « {course.title} »",
            f"avec la cohorte « {cohort.title} », commencée le {_date(cohort.starts_on)} :",
            f"ses {sessions} sessions terminées et chaque quiz réussi à {course.quiz_pass_percent} % au moins.",
        ],
    )


def certificate_pdf(enrolment: Enrolment) -> bytes:
    """One A4 landscape page. Call only once the rule is met (services.enrolment_is_completed)."""
    cohort = enrolment.cohort
    person = enrolment.user.display_name
    title, lines = certificate_lines(cohort, person)
    pdf = pdf_document(title=f"{title} — {cohort.course.title}", subject=person, landscape=True)
    certificate_page(pdf, heading="Catalyse — Pour se former")
    pdf.set_font("DejaVu", "B", 26)
    pdf.set_xy(20, 45)
    pdf.cell(257, 14, title, align="C")
    pdf.set_text_color(*TEXT)
    pdf.set_xy(30, 72)
    for index, line in enumerate(lines):
        if index == 1:
            pdf.set_font("DejaVu", "B", 22)
            pdf.set_x(30)
            pdf.multi_cell(237, 12, line, align="C")
            continue
        pdf.set_font("DejaVu", "", 11 if index == 5 else 14)
        pdf.set_x(30)
        pdf.multi_cell(237, 8, line, align="C")
    facilitators = ", ".join(p.display_name for p in cohort.facilitators.all())
    if facilitators:
        pdf.set_font("DejaVu", "", 12)
        pdf.set_x(30)
        pdf.multi_cell(237, 8, f"Animation : {facilitators}.", align="C")
    pdf.set_font("DejaVu", "", 11)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(20, 178)
    pdf.cell(128, 6, f"Fait le {_date(timezone.localdate())}")
    pdf.set_xy(149, 178)
    pdf.cell(128, 6, f"Attestation n° {certificate_number(enrolment)}", align="R")
    return bytes(pdf.output())
