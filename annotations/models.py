"""Who said what: articles, the people and bodies quoted in them, their quotes and the claims checked.

Every span is [start, end) in Python str indices of Article.text. The database
refuses a span with start < 0 or end <= start; model validation adds what the
database cannot see (end <= len(article.text)).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Count, F, Min, Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

# One folding of names for the suggester and the database alike; re-exported for the app.
from annotations.nlp.names import normalise_name

# Longest texts accepted: a long feature is ~100,000 characters; a claim is a sentence or two.
MAX_ARTICLE_CHARS = 500_000
MAX_STATEMENT_CHARS = 2_000
MAX_RATIONALE_CHARS = 20_000

# Words before a name that say what someone is, not who: "President", "Dr", "Sen.".
_TITLE_WORDS = """
    president vice prime minister secretary spokesperson spokesman spokeswoman senator sen representative rep
    governor gov mayor chancellor chairman chairwoman ambassador general gen colonel col lt sgt admiral
    commander judge justice former deputy mr mrs ms dr prof professor sir dame lady lord king queen prince
    princess pope rev reverend
"""
_TITLES = frozenset(_TITLE_WORDS.split())


def fold_name(name: str) -> str:
    """The form speaker names and aliases are stored and looked up by: one rule for every lookup.

    Case, accents, punctuation and spacing are folded (normalise_name), and
    leading titles dropped while a name remains: "President José Martí",
    "jose marti" and "JOSÉ MARTÍ" all fold to "jose marti".
    """
    words = normalise_name(name).split()
    # A possessive names a body or a role, not a titled person: "Prime Minister's Office" keeps its words.
    while len(words) > 1 and words[0] in _TITLES and "s" not in words:
        words.pop(0)
    return " ".join(words)


def span_constraint(name: str, start: str, end: str, *, optional: bool) -> models.CheckConstraint:
    """0 <= start < end; when optional, both ends may be NULL together but never one alone."""
    # The NOT NULL tests matter: SQL lets a CHECK pass when it evaluates to NULL.
    valid = Q(**{f"{start}__isnull": False, f"{end}__isnull": False, f"{start}__gte": 0, f"{end}__gt": F(start)})
    if optional:
        valid |= Q(**{f"{start}__isnull": True, f"{end}__isnull": True})
    return models.CheckConstraint(condition=valid, name=name)


def check_span(text: str, start: int | None, end: int | None, label: str) -> None:
    """Raise ValidationError in words when [start, end) is not a non-empty span inside text."""
    if start is None and end is None:
        return
    if start is None or end is None:
        raise ValidationError(f"The {label} needs both a start and an end.")
    if start < 0 or end <= start:
        raise ValidationError(f"The {label} [{start}, {end}) is empty or reversed.")
    if end > len(text):
        raise ValidationError(
            f"The {label} [{start}, {end}) runs past the end of the article ({len(text)} characters)."
        )


class Outlet(models.Model):
    name = models.CharField(max_length=200)
    domain = models.CharField(max_length=253, help_text="e.g. apnews.com")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["domain"], name="outlet_domain_unique")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.domain = self.domain.strip().lower()


# The gold reference layer is never counted as editorial work.
GOLD = Q(quotes__origin="gold")


class ArticleQuerySet(models.QuerySet["Article"]):
    def newest_first(self) -> ArticleQuerySet:
        # Explicit because Meta.ordering is dropped from GROUP BY queries such as the counts below.
        return self.order_by(F("published_at").desc(nulls_last=True), "-created_at", "-pk")

    def open_elsewhere(self, editor, *, since) -> ArticleQuerySet:
        """Articles another editor opened after `since`: "next article" leaves them to that editor."""
        return self.filter(opened_at__gte=since).exclude(opened_by=editor).exclude(opened_by__isnull=True)

    def with_quote_counts(self) -> ArticleQuerySet:
        return self.annotate(
            suggested_count=Count("quotes", filter=Q(quotes__status=Quote.Status.SUGGESTED) & ~GOLD),
            confirmed_count=Count("quotes", filter=Q(quotes__status=Quote.Status.CONFIRMED) & ~GOLD),
            rejected_count=Count("quotes", filter=Q(quotes__status=Quote.Status.REJECTED) & ~GOLD),
        )


class Article(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        SUGGESTED = "suggested", "Suggested"
        IN_REVIEW = "in_review", "In review"
        DONE = "done", "Done"

    outlet = models.ForeignKey(
        Outlet,
        null=True,
        blank=True,
        related_name="articles",
        # An outlet with articles is kept: deleting it would orphan their provenance.
        on_delete=models.PROTECT,
    )
    title = models.CharField(max_length=500)
    url = models.URLField(max_length=2000, null=True, blank=True)
    byline = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, default="en")
    text = models.TextField(
        max_length=MAX_ARTICLE_CHARS,
        validators=[MaxLengthValidator(MAX_ARTICLE_CHARS)],
        help_text="Frozen once any quote exists: every span points into it.",
    )
    text_sha256 = models.CharField(max_length=64, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    suggester_version = models.CharField(max_length=200, blank=True)
    # Who has the article open, so "next article" sends two editors to different articles.
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Opening an article is not an editorial change: its history stays about the article itself.
    history = HistoricalRecords(excluded_fields=["opened_by", "opened_at"])
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        constraints = [
            # NULL urls are distinct in both databases, so articles without one coexist.
            models.UniqueConstraint(fields=["url"], name="article_url_unique"),
        ]
        indexes = [
            # import_articles looks up an incoming text's hash to refuse duplicates.
            models.Index(fields=["text_sha256"], name="article_text_sha256_idx"),
            # the review queue filters by status and walks oldest first.
            models.Index(fields=["status", "created_at"], name="article_status_created_idx"),
            # insight counts join confirmed quotes to their article's outlet and date without reading its text.
            models.Index(fields=["id", "outlet", "published_at"], name="article_outlet_date_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def hash_text(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def clean(self) -> None:
        if self.url == "":
            self.url = None
        if self.pk is not None and self.text_has_changed() and self.quotes.exists():
            raise ValidationError(
                {"text": "The text cannot change once quotes exist: every quote's span points into it."}
            )

    @property
    def awaits_suggestions(self) -> bool:
        """The suggester has not read it yet (it records its version when it has)."""
        return not self.suggester_version

    def text_has_changed(self) -> bool:
        return self.text_sha256 != self.hash_text(self.text)

    def save(self, *args, **kwargs) -> None:
        self.text_sha256 = self.hash_text(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "text_sha256"}
        super().save(*args, **kwargs)


class FoldedName:
    """A model whose `normalized` is its `name` folded (fold_name), checked by every form that validates it."""

    def validate_unique(self, exclude=None) -> None:
        self.normalized = fold_name(self.name)
        super().validate_unique(exclude)

    def validate_constraints(self, exclude=None) -> None:
        # `normalized` is in no form, so forms exclude it; its constraint is what they must check.
        self.normalized = fold_name(self.name)
        super().validate_constraints(set(exclude or ()) - {"normalized"})


class Speaker(FoldedName, models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        GROUP = "group", "Group"

    class Gender(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        NON_BINARY = "non_binary", "Non-binary"
        OTHER = "other", "Other"

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PERSON)
    description = models.CharField(max_length=300, blank=True, help_text="e.g. Kremlin spokesperson")
    wikidata_id = models.CharField(
        "Wikidata ID",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9][0-9]*$", "A Wikidata ID looks like Q42.")],
    )
    gender = models.CharField(max_length=16, choices=Gender.choices, blank=True, help_text="For research use only.")
    # fold_name(name), kept by a pre_save hook so fixtures and imports get it too.
    normalized = models.CharField(max_length=300, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            # One record per name, unless an admin tells namesakes apart by a description or a Wikidata ID;
            # concurrent "create speaker" clicks then find each other's record instead of making duplicates.
            models.UniqueConstraint(
                fields=["normalized"],
                condition=Q(description="", wikidata_id=""),
                name="speaker_name_unique_unless_described",
                violation_error_message=(
                    "A speaker of this name exists already: tell the two apart with a description or a "
                    "Wikidata ID, or merge them."
                ),
            ),
        ]
        indexes = [
            # every speaker lookup (suggester, typed name, autocomplete) compares folded names.
            models.Index(fields=["normalized"], name="speaker_normalized_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class SpeakerAlias(FoldedName, models.Model):
    speaker = models.ForeignKey(Speaker, related_name="aliases", on_delete=models.CASCADE)
    name = models.CharField(max_length=300)
    normalized = models.CharField(max_length=300, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "speaker aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["speaker", "normalized"],
                name="alias_unique_per_speaker",
                violation_error_message=(
                    "This speaker has this alias already (names differing only in case, accents or punctuation "
                    "are one alias)."
                ),
            ),
        ]
        indexes = [
            # speaker linking looks a mention's normalised form up across all speakers.
            models.Index(fields=["normalized"], name="alias_normalized_idx"),
        ]

    def __str__(self) -> str:
        return self.name


@receiver(pre_save, sender=Speaker)
@receiver(pre_save, sender=SpeakerAlias)
def _fold_the_name(sender, instance: Speaker | SpeakerAlias, **kwargs) -> None:
    # A signal rather than save(): loaddata saves raw, and fixtures must be found by name too.
    instance.normalized = fold_name(instance.name)


# The columns of a quote its card on the review page reads.
CARD_FIELDS = (
    "article",
    "kind",
    "status",
    "cue_start",
    "cue_end",
    "mention_start",
    "mention_end",
    "speaker",
    "proposed_speaker_name",
    "confidence",
    "origin",
    "reviewed_by",
    "version",
)


class QuoteQuerySet(models.QuerySet["Quote"]):
    def editorial(self) -> QuoteQuerySet:
        """Editors' quotes and suggestions: not the gold reference layer, which is a yardstick, not work."""
        return self.exclude(origin=Quote.GOLD_ORIGIN)

    def in_text_order(self) -> QuoteQuerySet:
        return self.annotate(first_start=Min("parts__start")).order_by("first_start", "pk")

    def for_display(self) -> QuoteQuerySet:
        """What a quote's card shows, and no more: a page of cards loads neither the suggestion as first made
        nor timestamps, nor the speaker's or the reviewer's other columns (the user's password hash among them)."""
        return (
            self.select_related("speaker", "reviewed_by")
            .only(*CARD_FIELDS, "speaker__name", "reviewed_by__username")
            .prefetch_related("parts")
        )


class Quote(models.Model):
    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct"
        INDIRECT = "indirect", "Indirect"
        MIXED = "mixed", "Mixed"

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    MANUAL_ORIGIN = "manual"
    # The hand-checked reference layer loaded from fixtures; a yardstick for suggestions, not an editor's decision.
    GOLD_ORIGIN = "gold"

    article = models.ForeignKey(Article, related_name="quotes", on_delete=models.CASCADE)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.DIRECT)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SUGGESTED)
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    mention_start = models.PositiveIntegerField(null=True, blank=True)
    mention_end = models.PositiveIntegerField(null=True, blank=True)
    speaker = models.ForeignKey(
        Speaker,
        null=True,
        blank=True,
        related_name="quotes",
        # A speaker with quotes is merged, never deleted: deleting would unlink work.
        on_delete=models.PROTECT,
    )
    proposed_speaker_name = models.CharField(
        max_length=300, blank=True, help_text="The suggester's name for an unknown speaker, for the editor to accept."
    )
    confidence = models.FloatField(null=True, blank=True)
    origin = models.CharField(max_length=200, default=MANUAL_ORIGIN)
    suggested = models.JSONField(
        null=True, blank=True, editable=False, help_text="The suggestion as first made, to measure accuracy."
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_seconds = models.FloatField(null=True, blank=True, help_text="Editor time from focus to decision.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()
    objects = QuoteQuerySet.as_manager()

    class Meta:
        constraints = [
            span_constraint("quote_cue_span_valid", "cue_start", "cue_end", optional=True),
            span_constraint("quote_mention_span_valid", "mention_start", "mention_end", optional=True),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True) | Q(confidence__gte=0, confidence__lte=1),
                name="quote_confidence_range",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="quote_version_positive"),
        ]
        indexes = [
            # the article list and review queue count quotes per article by status.
            models.Index(fields=["article", "status"], name="quote_article_status_idx"),
            # insight counts confirmed editorial quotes by speaker and article from the index alone.
            models.Index(
                fields=["speaker", "article"],
                condition=Q(status="confirmed") & ~Q(origin="gold"),
                name="quote_confirmed_idx",
            ),
            # the dashboard counts suggestions awaiting an editor.
            models.Index(fields=["status", "origin"], name="quote_status_origin_idx"),
        ]

    def __str__(self) -> str:
        return f"Quote {self.pk} in {self.article_id}"

    # Every card on the review page shows both: Django's own get_FOO_display rebuilds a dict of the choices per call.
    def get_kind_display(self) -> str:
        return _KIND_LABELS.get(self.kind, self.kind)

    def get_status_display(self) -> str:
        return _STATUS_LABELS.get(self.status, self.status)

    @property
    def origin_label(self) -> str:
        """Where the quote came from, in the editor's words; the full model version stays in `origin`."""
        if self.origin == self.GOLD_ORIGIN:
            return "gold"
        if self.origin == self.MANUAL_ORIGIN:
            return "added by an editor"
        return "suggested"

    @property
    def cue_text(self) -> str:
        return self._slice(self.cue_start, self.cue_end)

    @property
    def mention_text(self) -> str:
        return self._slice(self.mention_start, self.mention_end)

    @property
    def content_text(self) -> str:
        """The content parts joined with an ellipsis where the attribution interrupts them."""
        return " … ".join(part.text for part in self.parts.all())

    def _slice(self, start: int | None, end: int | None) -> str:
        if start is None or end is None:
            return ""
        return self.article.text[start:end]

    def clean(self) -> None:
        if self.article_id is None:
            return  # the form says the article is missing; spans cannot be checked without its text
        text = self.article.text
        check_span(text, self.cue_start, self.cue_end, "cue")
        check_span(text, self.mention_start, self.mention_end, "speaker mention")


_KIND_LABELS: dict[str, str] = dict(Quote.Kind.choices)
_STATUS_LABELS: dict[str, str] = dict(Quote.Status.choices)


class QuoteStretch(models.Model):
    """A stretch [start, end) of a quote's article: the database checks it is non-empty, clean() that it is
    inside the text. Subclasses add the `quote` they belong to and name what they are in `label`."""

    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    label = ""

    class Meta:
        abstract = True
        ordering = ["start"]
        constraints = [
            span_constraint("%(class)s_span_valid", "start", "end", optional=False),
            models.UniqueConstraint(fields=["quote", "start"], name="%(class)s_unique_start"),
        ]

    def __str__(self) -> str:
        return f"[{self.start}, {self.end})"

    @property
    def text(self) -> str:
        return self.quote.article.text[self.start : self.end]

    def clean(self) -> None:
        if self.quote_id is None or self.quote.article_id is None:
            return  # a stretch of a quote not saved yet: checked once the quote has its article
        check_span(self.quote.article.text, self.start, self.end, self.label)


class QuotePart(QuoteStretch):
    """One stretch of a quote's content; a quote interrupted by 'he said' has two."""

    quote = models.ForeignKey(Quote, related_name="parts", on_delete=models.CASCADE)

    history = HistoricalRecords()

    label = "content part"


class MentionPart(QuoteStretch):
    """A further stretch of a quote's source beyond its mention: Citron's second and later sources.

    The mention on the Quote is the one the speaker is linked by and the page
    highlights; these keep the rest of what a file named as the source
    ("Smith ... and his deputy"), so an import and export give it back whole.
    """

    quote = models.ForeignKey(Quote, related_name="more_mentions", on_delete=models.CASCADE)

    history = HistoricalRecords()

    label = "speaker mention"


class Claim(models.Model):
    class Verdict(models.TextChoices):
        UNRATED = "unrated", "Unrated"
        TRUE = "true", "True"
        MOSTLY_TRUE = "mostly_true", "Mostly true"
        MIXED = "mixed", "Mixed"
        MISLEADING = "misleading", "Misleading"
        FALSE = "false", "False"
        UNVERIFIABLE = "unverifiable", "Unverifiable"

    article = models.ForeignKey(Article, related_name="claims", on_delete=models.CASCADE)
    quote = models.ForeignKey(
        Quote,
        null=True,
        blank=True,
        related_name="claims",
        # A claim is the fact-checker's work: it outlives a rejected or deleted quote.
        on_delete=models.SET_NULL,
    )
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    statement = models.TextField(
        max_length=MAX_STATEMENT_CHARS,
        validators=[MaxLengthValidator(MAX_STATEMENT_CHARS)],
        help_text="The checkable assertion, in the editor's words.",
    )
    verdict = models.CharField(max_length=16, choices=Verdict.choices, default=Verdict.UNRATED)
    rationale = models.TextField(
        blank=True, max_length=MAX_RATIONALE_CHARS, validators=[MaxLengthValidator(MAX_RATIONALE_CHARS)]
    )
    review_url = models.URLField(max_length=2000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["start", "pk"]
        constraints = [span_constraint("claim_span_valid", "start", "end", optional=True)]

    def __str__(self) -> str:
        return self.statement[:80]

    @property
    def span_text(self) -> str:
        if self.start is None or self.end is None:
            return ""
        return self.article.text[self.start : self.end]

    def clean(self) -> None:
        if self.article_id is None:
            return  # the form says the article is missing
        check_span(self.article.text, self.start, self.end, "claim span")
        if self.quote_id is not None and self.quote.article_id != self.article_id:
            raise ValidationError({"quote": "The quote belongs to another article."})


class ReviewActionQuerySet(models.QuerySet["ReviewAction"]):
    def undoable(self, *, article, editor) -> ReviewActionQuerySet:
        """The editor's actions on the article not undone yet, latest first: what undo walks back through."""
        return self.filter(article=article, editor=editor, undone_at__isnull=True).order_by("-created_at", "-pk")


class ReviewAction(models.Model):
    """One editorial action on an article, with what it changed, so the editor can undo it.

    `changes` is a list of {"model": "quote" | "claim" | "article", "pk": int,
    "before": {...} | null, "version": int | null, "was": int | null}: `before`
    is the state to restore (null when the action created the record, so undo
    deletes it), `version` the record's version right after the action, so undo
    refuses when someone changed the record since, and `was` the version before it.
    """

    article = models.ForeignKey(Article, related_name="review_actions", on_delete=models.CASCADE)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    kind = models.CharField(max_length=32)
    changes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewActionQuerySet.as_manager()

    class Meta:
        indexes = [
            # undo looks up an editor's latest action on an article that is not yet undone.
            models.Index(fields=["article", "editor", "undone_at", "created_at"], name="reviewaction_undo_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.article_id} by {self.editor_id}"

    @property
    def label(self) -> str:
        return self.kind.replace("_", " ")


class ImportBatch(models.Model):
    """Files or URLs an editor handed in at once, imported in the background item by item."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    format = models.CharField(max_length=16)
    outlet = models.CharField(max_length=253, blank=True, help_text="Domain for articles that name no outlet.")
    suggest = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.format})"


class ImportItem(models.Model):
    """One article to import: its record already read (files), or a URL still to fetch."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting"
        IMPORTED = "imported", "Imported"
        DUPLICATE = "duplicate", "Already here"
        FAILED = "failed", "Failed"

    batch = models.ForeignKey(ImportBatch, related_name="items", on_delete=models.CASCADE)
    position = models.PositiveIntegerField()
    source = models.CharField(max_length=2000, help_text="The file (and line) or URL it came from.")
    url = models.URLField(max_length=2000, blank=True, help_text="A page still to fetch.")
    record = models.TextField(blank=True, help_text="The article as one line of the JSONL schema.")
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    message = models.TextField(blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, related_name="+", on_delete=models.SET_NULL)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["batch", "position"], name="importitem_unique_position")]
        indexes = [
            # the import task walks a batch's items still waiting; the progress page counts them by state.
            models.Index(fields=["batch", "state", "position"], name="importitem_batch_state_idx"),
        ]

    def __str__(self) -> str:
        return self.source


class TrainingRun(models.Model):
    """One training of the suggester's model from the editorial layer, run as a background task.

    The task writes its progress here as it goes, so the admin shows how far it is.
    """

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting for a worker"
        TRAINING = "training", "Training"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.WAITING)
    max_minutes = models.FloatField(default=15)
    output = models.CharField(max_length=1000, help_text="The folder the model is saved to.")
    quotes = models.JSONField(default=dict, blank=True, help_text="Training quotes by where they came from.")
    step = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    held_back_f1 = models.FloatField(null=True, blank=True, help_text="The model alone on the held-back articles.")
    version = models.CharField(max_length=40, blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Training {self.pk} ({self.get_state_display()})"
