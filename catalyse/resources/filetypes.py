"""What a file really is, by its content: the extension a person typed is never trusted."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str


PDF = FileType("pdf", "application/pdf", "PDF")
PNG = FileType("png", "image/png", "PNG")
JPEG = FileType("jpg", "image/jpeg", "JPEG")
WEBP = FileType("webp", "image/webp", "WebP")
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", "OpenDocument texte")
ODS = FileType("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument tableur")
ODP = FileType("odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument présentation")
DOCX = FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word")
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel")
PPTX = FileType("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint")

ALL_TYPES = (PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, JPEG, WEBP)
BY_EXTENSION = {t.extension: t for t in ALL_TYPES} | {"jpeg": JPEG}
OPENDOCUMENT = {t.content_type: t for t in (ODT, ODS, ODP)}
# The main part of each OOXML document, as [Content_Types].xml declares it.
OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.ms-word.document.macroenabled.main+xml": None,  # macros: refused
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
ACCEPTED_LABEL = "PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, JPEG, WebP"


def max_file_size() -> int:
    return int(getattr(settings, "RESOURCES_MAX_FILE_SIZE", DEFAULT_MAX_FILE_SIZE))


def _refuse(name: str) -> ValidationError:
    return ValidationError(
        _(
            "Le fichier « %(name)s » n’est pas d’un type accepté : son contenu ne correspond à aucun de ces "
            "formats : %(types)s. Enregistrez-le dans l’un d’eux (par exemple en PDF) puis déposez-le à nouveau."
        )
        % {"name": name, "types": ACCEPTED_LABEL},
        code="file_type",
    )


def _zip_type(stream: IO[bytes], name: str) -> FileType:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 200:
                    raise _refuse(name)
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype in OPENDOCUMENT:
                    return OPENDOCUMENT[mimetype]
                raise _refuse(name)
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > 1_000_000:
                    raise _refuse(name)
                declared = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
                found = [t for key, t in OOXML_MAIN.items() if key in declared]
                if len(found) == 1 and found[0] is not None:
                    return found[0]
            raise _refuse(name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError, RuntimeError) as exc:
        raise _refuse(name) from exc


def detect_file_type(stream: IO[bytes], name: str = "") -> FileType:
    """The type of a file from its first bytes (and, for ZIP-based documents, its manifest).

    Raises ValidationError, in French, for anything else."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        try:
            return _zip_type(stream, name)
        finally:
            stream.seek(0)
    raise _refuse(name)


def validate_upload(uploaded: object) -> FileType:
    """Size first (cheap), then content. `uploaded` is a Django File/UploadedFile."""
    name = str(getattr(uploaded, "name", "") or _("sans nom")).rsplit("/", 1)[-1]
    size = int(getattr(uploaded, "size", 0) or 0)
    limit = max_file_size()
    if size == 0:
        raise ValidationError(_("Le fichier « %(name)s » est vide : choisissez un autre fichier.") % {"name": name})
    if size > limit:
        raise ValidationError(
            _(
                "Le fichier « %(name)s » est trop volumineux (%(size)s) : la taille maximale est de %(max)s. "
                "Réduisez-le (par exemple en compressant les images) puis déposez-le à nouveau."
            )
            % {"name": name, "size": filesizeformat(size), "max": filesizeformat(limit)},
            code="file_size",
        )
    file_obj = getattr(uploaded, "file", uploaded)
    return detect_file_type(file_obj, name)  # type: ignore[arg-type]
