from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from annotations.curation import merge_speakers
from annotations.models import Article, Claim, Outlet, Quote, QuotePart, Speaker, SpeakerAlias, TrainingRun, fold_name
from annotations.tasks import enqueue_suggestions, train_suggester_task

# Django 6 makes https the default scheme for typed URLs; the admin takes it now.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class AliasFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen: dict[str, str] = {}
        for form in self.forms:
            name = (form.cleaned_data or {}).get("name")
            if not name or form.cleaned_data.get("DELETE"):
                continue
            folded = fold_name(name)
            if folded in seen:
                raise ValidationError(
                    f"“{seen[folded]}” and “{name}” are one alias: names differing only in case, accents, "
                    "punctuation or titles are the same."
                )
            seen[folded] = name


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    formset = AliasFormSet
    extra = 1
    fields = ["name"]


class VersionedForm(forms.ModelForm):
    """An admin form for a record editors change by version: the version the page showed comes back with it.

    A save (or a history revert) made on a page older than the record is refused,
    as an editor's stale action is; a save bumps the version, so an editor's stale page is refused in turn.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # From the table, not the instance: a history revert's instance carries the old version.
            current = type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True)
            self.fields["seen_version"].initial = current.first()

    def clean(self) -> dict:
        data = super().clean()
        if self.instance.pk is None:
            return data
        model = type(self.instance)
        # The admin runs each save in a transaction: the lock holds until the save is written.
        current = model.objects.select_for_update().filter(pk=self.instance.pk).values_list("version", flat=True)
        current = current.first()
        if current is None:
            raise ValidationError(f"This {model._meta.verbose_name} was deleted meanwhile.")
        if data.get("seen_version") != current:
            raise ValidationError(
                f"Someone changed this {model._meta.verbose_name} meanwhile (it is now version {current}). "
                "Nothing was saved: reload the page to see the change, then edit again."
            )
        return data


class VersionedAdmin(SimpleHistoryAdmin):
    form = VersionedForm

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields if "version" in fields else [*fields, "version"]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            obj.version = form.cleaned_data["seen_version"] + 1
            obj._change_reason = "admin edit"
        super().save_model(request, obj, form, change)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert is a save too: its version check needs the same transaction as the admin's own saves.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)


class HasQuotesFilter(admin.SimpleListFilter):
    title = "has quotes"
    parameter_name = "has_quotes"

    def lookups(self, request, model_admin):
        return [("yes", "With quotes"), ("no", "Without quotes")]

    def queryset(self, request, queryset):
        has_quotes = Exists(Quote.objects.filter(speaker=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(has_quotes)
        if self.value() == "no":
            return queryset.filter(~has_quotes)
        return queryset


@admin.register(Speaker)
class SpeakerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "description", "wikidata_id", "alias_list", "quote_count"]
    list_filter = ["kind", HasQuotesFilter]
    # The folded columns too, so "Jose Marti" finds "José Martí" here as everywhere.
    search_fields = ["name", "normalized", "aliases__name", "aliases__normalized", "description", "wikidata_id"]
    inlines = [SpeakerAliasInline]
    actions = ["merge_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Speaker]:
        return (
            super()
            .get_queryset(request)
            .prefetch_related("aliases")
            .annotate(num_quotes=Count("quotes", distinct=True))
        )

    @admin.display(description="aliases")
    def alias_list(self, speaker: Speaker) -> str:
        return ", ".join(alias.name for alias in speaker.aliases.all())

    @admin.display(description="quotes", ordering="num_quotes")
    def quote_count(self, speaker: Speaker) -> int:
        return speaker.num_quotes

    @admin.action(description="Merge selected speakers", permissions=["change"])
    def merge_selected(self, request: HttpRequest, queryset: QuerySet[Speaker]) -> HttpResponse | None:
        speakers = list(queryset.order_by("name"))
        if len(speakers) < 2:
            self.message_user(request, "Select two or more speakers to merge.", messages.WARNING)
            return None
        target_id = request.POST.get("target")
        if "apply" in request.POST and target_id:
            target = next((s for s in speakers if str(s.pk) == target_id), None)
            if target is None:
                self.message_user(request, "The speaker to keep must be one of the selected.", messages.ERROR)
                return None
            merged = [s.name for s in speakers if s.pk != target.pk]
            try:
                merge_speakers(target=target, others=speakers, editor=request.user)
            except Speaker.DoesNotExist:
                self.message_user(request, "The speaker to keep was deleted meanwhile: nothing merged.", messages.ERROR)
                return None
            self.message_user(
                request, f"Merged {', '.join(merged)} into {target.name}; their names are kept as aliases."
            )
            return None
        return TemplateResponse(
            request,
            "admin/annotations/speaker/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge speakers",
                "opts": self.model._meta,
                "speakers": speakers,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


class QuoteInline(admin.TabularInline):
    model = Quote
    extra = 0
    fields = ["content", "mention", "speaker", "cue", "kind", "status", "confidence", "origin"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Quote]:
        return super().get_queryset(request).select_related("article", "speaker").prefetch_related("parts")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="quote")
    def content(self, quote: Quote) -> str:
        return quote.content_text

    @admin.display(description="speaker mention")
    def mention(self, quote: Quote) -> str:
        return quote.mention_text

    @admin.display(description="cue")
    def cue(self, quote: Quote) -> str:
        return quote.cue_text


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "outlet", "published_at", "status", "quote_count"]
    list_filter = ["status", "outlet", "language"]
    search_fields = ["title", "url", "byline"]
    date_hierarchy = "published_at"
    inlines = [QuoteInline]
    readonly_fields = ["text_sha256", "suggester_version", "opened_by", "opened_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "outlet", "url", "byline", "published_at", "language", "status", "text"]}),
        (
            "Bookkeeping",
            {
                "classes": ["collapse"],
                "fields": ["suggester_version", "opened_by", "opened_at", "text_sha256", "created_at", "updated_at"],
            },
        ),
    ]

    actions = ["suggest_now"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).select_related("outlet").annotate(num_quotes=Count("quotes"))

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            # An article added here gets suggestions like an imported one.
            enqueue_suggestions([obj.pk])

    @admin.action(description="Suggest quotes now")
    def suggest_now(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        enqueue_suggestions(ids)
        self.message_user(
            request,
            f"Suggestions queued for {len(ids)} article(s); quotes editors decided on or added stay as they are.",
            messages.SUCCESS,
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.quotes.exists():
            fields.append("text")  # frozen: every quote's span points into it
        return fields

    @admin.display(description="quotes", ordering="num_quotes")
    def quote_count(self, article: Article) -> int:
        return article.num_quotes


class QuotePartInline(admin.TabularInline):
    model = QuotePart
    extra = 0
    fields = ["start", "end", "text"]
    readonly_fields = ["text"]


@admin.register(Quote)
class QuoteAdmin(VersionedAdmin):
    list_display = ["content", "speaker", "article", "kind", "status", "confidence", "origin"]
    list_filter = ["status", "kind", "origin"]
    search_fields = ["speaker__name", "article__title", "proposed_speaker_name"]
    list_select_related = ["speaker", "article"]
    raw_id_fields = ["article", "speaker", "reviewed_by"]
    readonly_fields = ["suggested", "created_at", "updated_at", "version"]
    inlines = [QuotePartInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Quote]:
        return super().get_queryset(request).prefetch_related("parts")

    @admin.display(description="quote")
    def content(self, quote: Quote) -> str:
        text = quote.content_text
        return text if len(text) <= 120 else text[:117] + "…"


@admin.register(Claim)
class ClaimAdmin(VersionedAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["statement", "verdict", "article", "reviewed_by", "reviewed_at"]
    list_filter = ["verdict", "reviewed_at"]
    search_fields = ["statement", "rationale", "article__title"]
    list_select_related = ["article", "reviewed_by"]
    raw_id_fields = ["article", "quote", "reviewed_by"]


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain"]
    search_fields = ["name", "domain"]


class TrainingRunForm(forms.ModelForm):
    class Meta:
        model = TrainingRun
        fields = ["max_minutes"]

    def clean_max_minutes(self) -> float:
        minutes = self.cleaned_data["max_minutes"]
        if not 0 < minutes <= 120:
            raise forms.ValidationError("Between a few seconds and 120 minutes.")
        return minutes

    def clean(self):
        if not settings.QUOTEBOOK_LEARNED_MODEL_DIR:
            raise forms.ValidationError(
                "Set QUOTEBOOK_LEARNED_MODEL_DIR to a folder outside the repository first: the model is saved there."
            )
        return super().clean()


@admin.register(TrainingRun)
class TrainingRunAdmin(admin.ModelAdmin):
    """Adding a training run starts one in the background; the list shows how far each has got (reload to follow)."""

    form = TrainingRunForm
    list_display = ["created_at", "state", "requested_by", "step", "minutes", "held_back_f1", "version", "message"]
    list_select_related = ["requested_by"]
    readonly_fields = [
        "state",
        "requested_by",
        "output",
        "quotes",
        "step",
        "minutes",
        "held_back_f1",
        "version",
        "message",
        "finished_at",
    ]

    @admin.display(description="minutes")
    def minutes(self, run: TrainingRun) -> str:
        return f"{run.seconds / 60:.1f}"

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields + (["max_minutes"] if obj is not None else [])

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj: TrainingRun, form, change: bool) -> None:
        obj.requested_by = request.user
        obj.output = settings.QUOTEBOOK_LEARNED_MODEL_DIR
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: train_suggester_task.enqueue(obj.pk))
