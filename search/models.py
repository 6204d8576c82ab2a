"""The search index: one analysed document per published entry, its
vocabulary tags, and the vocabulary of indexed words for "Meinten Sie …?".

A document also carries what the search filters, counts and sorts by, so
that a search reads one table and its tags instead of recomputing every
programme's status from its deadlines: the status and next deadline of
the day `status_on` (`catalogue.status` when an entry is indexed, its SQL
twin `catalogue.queries.with_status` when all documents are refreshed for
a new day, see `search.index.refresh_statuses`), the amounts and the
creation time.

`SearchText` holds the output of `search.text.index_text` (stems separated
by spaces) for title, goals and body, apart from the narrow document rows
that filters and facets scan. The engines index these columns: on SQLite an
FTS5 table kept in step by triggers, on PostgreSQL a generated, weighted
tsvector column with a GIN index (both created in migration 0002 by
`search.fulltext.install`), so the only code that writes the index is the
ORM code in `search.index`.
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogue.models import Institution, Programme


class Kind(models.TextChoices):
    PROGRAMME = "programme", _("Förderprogramm")
    INSTITUTION = "institution", _("Förderer")


class OwnContribution(models.TextChoices):
    """What a programme asks of the applicant's own means, as the search
    filters it (a document tag group, see `search.documents.own_contribution_codes`)."""

    NONE = "none", _("kein Eigenanteil nötig")
    IN_KIND = "in_kind", _("Eigenleistung wird angerechnet")


def new_revision():
    return secrets.token_hex(8)


class SearchDocument(models.Model):
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # Random and new with every rewrite of the document: what a page makes of
    # the entry is kept under it (search.kept). Ids alone could come back
    # after a restore; a random value with them cannot.
    revision = models.CharField(max_length=16, null=True, default=new_revision, editable=False)
    programme = models.OneToOneField(
        Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="search_document"
    )
    institution = models.OneToOneField(
        Institution, null=True, blank=True, on_delete=models.CASCADE, related_name="search_document"
    )
    sort_title = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(null=True)
    # Programmes only: the status cache and the amounts.
    status_code = models.CharField(max_length=20, null=True, blank=True)
    next_deadline = models.CharField(max_length=10, null=True, blank=True)  # "2027-03-31"
    status_on = models.DateField(null=True, db_index=True)
    amount_min_eur = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    amount_max_eur = models.DecimalField(max_digits=14, decimal_places=2, null=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="programme", programme__isnull=False, institution__isnull=True)
                    | models.Q(kind="institution", programme__isnull=True, institution__isnull=False)
                ),
                name="search_document_one_entry",
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.programme_id or self.institution_id}"


class SearchText(models.Model):
    """The analysed text of a document, by weight."""

    document = models.OneToOneField(
        SearchDocument, primary_key=True, on_delete=models.CASCADE, related_name="text"
    )
    title = models.TextField(blank=True)
    goals = models.TextField(blank=True)
    body = models.TextField(blank=True)

    def __str__(self):
        return self.title

    def stems(self):
        return set(f"{self.title} {self.goals} {self.body}".split())


class DocumentTag(models.Model):
    """A vocabulary code of a document, e.g. ("integration_area", "kultur").
    Region tags are reduced to the widest areas of the entry (a district tag
    is left out when its state is tagged too), so that counting entries per
    place can sum tags along the place's path without counting one twice."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="tags")
    group = models.CharField(max_length=20)
    code = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "group", "code"], name="unique_document_tag")
        ]
        indexes = [models.Index(fields=["group", "code", "document"], name="search_tag_lookup")]

    def __str__(self):
        return f"{self.group}={self.code}"


class Term(models.Model):
    """An indexed stem, how it is usually written, and in how many documents."""

    stem = models.CharField(max_length=60, unique=True)
    display = models.CharField(max_length=100)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.stem


class IndexVersion(models.Model):
    """One row whose token changes with every write to the documents or
    their tags (database triggers, see `search.snapshot`), so that a process
    can tell cheaply whether its in-memory copy of the index is current."""

    token = models.CharField(max_length=40)

    def __str__(self):
        return self.token
