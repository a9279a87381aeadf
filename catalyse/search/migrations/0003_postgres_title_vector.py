"""PostgreSQL: a title-only tsvector (to rank the title matches of very broad queries cheaply), and
narrow heap rows (texts and vectors moved to TOAST) so that counting matches reads few pages."""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE search_searchdocument SET (toast_tuple_target = 128)",
    """
    ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, terms_title)) STORED
    """,
    "CREATE INDEX search_document_title_vector ON search_searchdocument USING GIN (title_vector)",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_title_vector")
        schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector")
        schema_editor.execute("ALTER TABLE search_searchdocument RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engines")]

    operations = [migrations.RunPython(forwards, backwards)]
