"""The full-text engines over the analysed columns of SearchDocument.

SQLite: an FTS5 table with external content, kept in sync by triggers (inside every transaction).
PostgreSQL: a stored tsvector (title A, summary B, body C) with the 'simple' configuration over
the pre-stemmed text, and its GIN index. Both index exactly the tokens of catalyse.search.french.

If a later migration rebuilds search_searchdocument on SQLite (Django does so to alter a column),
it must run SQLITE_TRIGGERS again: SQLite drops a table's triggers with it.
"""

from django.db import migrations

SQLITE_FTS = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    terms_title, terms_summary, terms_body,
    content='search_searchdocument', content_rowid='id', tokenize='unicode61'
)
"""
SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, terms_title, terms_summary, terms_body)
        VALUES (new.id, new.terms_title, new.terms_summary, new.terms_body);
    END
    """,
    """
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms_title, terms_summary, terms_body)
        VALUES ('delete', old.id, old.terms_title, old.terms_summary, old.terms_body);
    END
    """,
    """
    CREATE TRIGGER search_fts_update AFTER UPDATE OF terms_title, terms_summary, terms_body
    ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms_title, terms_summary, terms_body)
        VALUES ('delete', old.id, old.terms_title, old.terms_summary, old.terms_body);
        INSERT INTO search_fts(rowid, terms_title, terms_summary, terms_body)
        VALUES (new.id, new.terms_title, new.terms_summary, new.terms_body);
    END
    """,
]
POSTGRES = [
    """
    ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, terms_title), 'A')
        || setweight(to_tsvector('simple'::regconfig, terms_summary), 'B')
        || setweight(to_tsvector('simple'::regconfig, terms_body), 'C')
    ) STORED
    """,
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (search_vector)",
]


def create_engine(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in [SQLITE_FTS, *SQLITE_TRIGGERS]:
            schema_editor.execute(sql)
        schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
    elif vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)


def drop_engine(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in ["search_fts_insert", "search_fts_delete", "search_fts_update"]:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_vector")
        schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_engine, drop_engine)]
