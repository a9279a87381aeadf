"""The site-wide search index: documents pushed by the apps, independent of them.

The analysed columns (`terms_*`) hold the stems produced by `catalyse.search.french`; the engines
index those: an FTS5 table kept in sync by triggers on SQLite, a stored weighted tsvector column
on PostgreSQL (both created by migration 0002).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

FTS_TABLE = "search_fts"


class SearchDocument(models.Model):
    source = models.CharField(_("source"), max_length=40)
    key = models.CharField(_("clé"), max_length=200)
    title = models.CharField(_("titre"), max_length=500)
    summary = models.TextField(_("résumé"), blank=True)
    body = models.TextField(_("texte"), blank=True)
    url = models.CharField(_("adresse"), max_length=500)
    kind = models.CharField(_("type"), max_length=40, db_index=True)
    facets = models.JSONField(_("facettes"), default=dict, blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    boost = models.FloatField(_("poids"), default=1.0)
    terms_title = models.TextField(editable=False, default="")
    terms_summary = models.TextField(editable=False, default="")
    terms_body = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document indexé")
        verbose_name_plural = _("documents indexés")
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="search_document_source_key")]

    def __str__(self) -> str:
        return f"{self.source}:{self.key}"


class SearchFacet(models.Model):
    """One value of one facet of a document: counted and filtered in the database."""

    document = models.ForeignKey(SearchDocument, models.CASCADE, related_name="facet_values")
    name = models.CharField(max_length=40)
    value = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["name", "value", "document"], name="search_facet_name_value")]
        constraints = [
            models.UniqueConstraint(fields=["document", "name", "value"], name="search_facet_document_name_value")
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class SearchTerm(models.Model):
    """The vocabulary of the index: each folded word, its stem and how many documents hold it.

    It corrects one typo per word ("did you mean") and expands the last word typed as a prefix."""

    term = models.CharField(max_length=100, unique=True)
    stem = models.CharField(max_length=100, db_index=True)
    display = models.CharField(max_length=100)  # the word as first written, accents included
    doc_count = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term} ({self.doc_count})"
