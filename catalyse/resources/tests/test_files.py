"""Files: checked by content and size, nothing half-written, served with safe headers."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from catalyse.resources import services
from catalyse.resources.demo_pdf import simple_pdf
from catalyse.resources.filetypes import detect_file_type
from catalyse.resources.models import ResourceFile

from .conftest import make_resource

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def odt() -> bytes:
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})


def docx() -> bytes:
    types = (
        b'<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="'
        b'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    return _zip({"[Content_Types].xml": types, "word/document.xml": b"<w:document/>"})


def xlsx() -> bytes:
    types = (
        b'<Types><Override PartName="/xl/workbook.xml" ContentType="'
        b'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    return _zip({"[Content_Types].xml": types})


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 64


@pytest.mark.parametrize(
    ("content", "extension", "content_type"),
    [
        (simple_pdf("Titre", ["Texte"]), "pdf", "application/pdf"),
        (odt(), "odt", "application/vnd.oasis.opendocument.text"),
        (docx(), "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (xlsx(), "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (PNG, "png", "image/png"),
        (JPEG, "jpg", "image/jpeg"),
        (WEBP, "webp", "image/webp"),
    ],
)
def test_it_recognises_each_accepted_type_by_its_content(content, extension, content_type):
    found = detect_file_type(io.BytesIO(content), "fichier.bin")
    assert (found.extension, found.content_type) == (extension, content_type)


@pytest.mark.parametrize(
    "content",
    [
        EXE,
        _zip({"readme.txt": b"hello"}),  # a plain ZIP
        _zip({"mimetype": b"application/x-msdownload"}),
        _zip({"[Content_Types].xml": b"<Types/>"}),
        b"PK\x03\x04 broken zip",
        b"<html><script>alert(1)</script></html>",
    ],
)
def test_it_refuses_anything_else_in_french(content):
    with pytest.raises(ValidationError, match="n’est pas d’un type accepté"):
        detect_file_type(io.BytesIO(content), "document.pdf")


def _stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def test_it_refuses_a_renamed_executable_and_writes_nothing(catalyst, media_root):
    resource = make_resource(author=catalyst, status="draft")
    upload = SimpleUploadedFile("grille.pdf", EXE, content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        services.resource_file_add(resource=resource, uploaded=upload, user=catalyst)
    assert "« grille.pdf » n’est pas d’un type accepté" in caught.value.messages[0].replace("\u00a0", " ")
    assert ResourceFile.objects.count() == 0
    assert _stored_files(media_root) == []


def test_it_refuses_a_file_too_large_and_writes_nothing(catalyst, media_root, settings):
    settings.RESOURCES_MAX_FILE_SIZE = 1024
    resource = make_resource(author=catalyst, status="draft")
    upload = SimpleUploadedFile("gros.pdf", simple_pdf("x", ["y" * 3000]), content_type="application/pdf")
    with pytest.raises(ValidationError, match="trop volumineux") as caught:
        services.resource_file_add(resource=resource, uploaded=upload, user=catalyst)
    assert "la taille maximale est de 1,0\u00a0Kio" in caught.value.messages[0]
    assert ResourceFile.objects.count() == 0
    assert _stored_files(media_root) == []


def test_it_removes_the_stored_file_when_the_record_cannot_be_saved(catalyst, media_root, monkeypatch):
    resource = make_resource(author=catalyst, status="draft")

    def fail(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(ResourceFile, "save", fail)
    upload = SimpleUploadedFile("grille.pdf", simple_pdf("Grille", ["a"]))
    with pytest.raises(RuntimeError):
        services.resource_file_add(resource=resource, uploaded=upload, user=catalyst)
    assert _stored_files(media_root) == []


def test_it_names_the_stored_file_by_its_real_type(catalyst, media_root):
    resource = make_resource(author=catalyst, status="draft")
    upload = SimpleUploadedFile("Photo de l’atelier.pdf", PNG)
    record = services.resource_file_add(resource=resource, uploaded=upload, user=catalyst, title="Photo")
    assert record.extension == "png"
    assert record.content_type == "image/png"
    assert record.file.name.endswith(".png")
    assert record.original_name == "Photo de l’atelier.pdf"
    assert len(_stored_files(media_root)) == 1


def test_it_refuses_uploads_from_people_who_cannot_edit(client, catalyst, outsider, editor):
    resource = make_resource(author=catalyst, editor=editor)
    client.force_login(outsider)
    upload = SimpleUploadedFile("grille.pdf", simple_pdf("Grille", ["a"]))
    response = client.post(f"/ressources/{resource.slug}/fichiers/", {"file": upload})
    assert response.status_code == 403
    assert ResourceFile.objects.count() == 0


def test_it_shows_the_french_error_on_the_upload_page(client, catalyst):
    resource = make_resource(author=catalyst, status="draft")
    client.force_login(catalyst)
    upload = SimpleUploadedFile("outil.pdf", EXE)
    response = client.post(f"/ressources/{resource.slug}/fichiers/", {"file": upload})
    assert response.status_code == 400
    assert "n’est pas d’un type accepté" in response.content.decode()
    assert ResourceFile.objects.count() == 0


def test_it_serves_a_file_with_safe_headers_and_counts_downloads(client, catalyst, editor):
    resource = make_resource(author=catalyst, editor=editor)
    content = simple_pdf("Grille d’autodiagnostic", ["Volet 1"])
    record = services.resource_file_add(
        resource=resource, uploaded=SimpleUploadedFile("grille.pdf", content), user=editor
    )
    for _ in range(2):
        response = client.get(record.get_absolute_url())
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert f'filename="{resource.slug}-{record.pk}.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    record.refresh_from_db()
    assert record.download_count == 2


def test_it_hides_the_files_of_a_draft(client, catalyst, outsider):
    resource = make_resource(author=catalyst, status="draft")
    record = services.resource_file_add(
        resource=resource, uploaded=SimpleUploadedFile("a.pdf", simple_pdf("a", ["b"])), user=catalyst
    )
    assert client.get(record.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.get(record.get_absolute_url()).status_code == 404
    client.force_login(catalyst)
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    record.refresh_from_db()
    assert record.download_count == 1
