"""Records into the database: one article at a time, whole or not at all, never twice.

An article already stored under the same URL, or with the same text, is a
duplicate and is skipped. Everything of one article (outlet, speakers, the
article, its quotes with their parts, its claims) is written in one
transaction, so a failure halfway leaves nothing of it behind. Speakers are
linked by the rules the suggester uses (annotations/speakers.py); a speaker the
file describes and the database does not know is created with its aliases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from annotations.formats.records import ArticleRecord, QuoteRecord, RecordError, SpeakerRecord
from annotations.models import Article, Claim, MentionPart, Outlet, Quote, QuotePart, Speaker, SpeakerAlias
from annotations.speakers import fold_name, link_speaker


@dataclass
class Imported:
    article: Article


@dataclass
class Duplicate:
    article: Article
    reason: str  # "URL" or "text"


@dataclass
class Importer:
    """Imports records one by one, remembering across records which file speaker became which Speaker.

    `outlet` (a domain) applies to records that name none; `user` is recorded
    in the history as the one who made the change.
    """

    outlet: str | None = None
    user: object | None = None
    _speakers: dict[tuple[str, str], Speaker] = field(default_factory=dict)
    _users: dict[str, object] = field(default_factory=dict)
    _new_users: dict[str, object] = field(default_factory=dict)

    def duplicate_of(self, record: ArticleRecord) -> Duplicate | None:
        if record.url:
            found = Article.objects.filter(url=record.url).first()
            if found:
                return Duplicate(found, "URL")
        found = Article.objects.filter(text_sha256=Article.hash_text(record.text)).order_by("pk").first()
        return Duplicate(found, "text") if found else None

    def add(self, record: ArticleRecord) -> Imported | Duplicate:
        """Store one record; RecordError (with the reason in words) when it cannot go in."""
        problems = record.problems()
        if problems:
            raise RecordError("; ".join(problems))
        duplicate = self.duplicate_of(record)
        if duplicate:
            return duplicate
        linked: dict[tuple[str, str], Speaker] = {}
        self._new_users: dict[str, object] = {}
        try:
            with transaction.atomic():
                article = self._article(record)
                self._annotations(article, record, linked)
        except IntegrityError:
            # Another worker stored the same URL a moment ago.
            duplicate = self.duplicate_of(record)
            if duplicate:
                return duplicate
            raise RecordError("the database refused the article (a value breaks one of its rules)") from None
        except ValidationError as error:
            raise RecordError("; ".join(error.messages)) from None
        except DatabaseError as error:
            raise RecordError(f"the database refused the article: {str(error).splitlines()[0][:200]}") from None
        # Only speakers and accounts of an article that went in may be reused by the next one.
        self._speakers.update(linked)
        self._users.update(self._new_users)
        return Imported(article)

    def _article(self, record: ArticleRecord) -> Article:
        article = Article(
            outlet=self._outlet(record),
            title=(record.title or record.text.strip().split("\n", 1)[0])[:500],
            url=record.url or None,
            byline=record.byline[:500],
            published_at=_aware(record.published_at),
            language=(record.language or "en")[:16],
            text=record.text,
            status=record.status if record.status in Article.Status.values else Article.Status.NEW,
            suggester_version=record.suggester_version[:200],
        )
        article.full_clean(exclude=["text_sha256"])
        self._stamp(article)
        article.save()
        return article

    def _outlet(self, record: ArticleRecord) -> Outlet | None:
        if record.outlet is None:
            if not self.outlet:
                return None
            domain = self.outlet.strip().lower()
            return Outlet.objects.get_or_create(domain=domain, defaults={"name": domain})[0]
        name, domain = record.outlet.name.strip()[:200], record.outlet.domain.strip().lower()
        if domain:
            return Outlet.objects.get_or_create(domain=domain, defaults={"name": name or domain})[0]
        found = Outlet.objects.filter(name__iexact=name).order_by("pk").first()
        return found or Outlet.objects.get_or_create(domain=slugify(name) or name.lower(), defaults={"name": name})[0]

    def _annotations(self, article: Article, record: ArticleRecord, linked: dict[tuple[str, str], Speaker]) -> None:
        by_key = {speaker.key: self._speaker(speaker, article.text, linked) for speaker in record.speakers}
        quotes: dict[str, Quote] = {}
        # An article quotes the same few people many times: look each name up once.
        names: dict[str, Speaker | None] = {}
        for quote_record in record.quotes:
            quote = self._quote(article, quote_record, by_key, names)
            if quote_record.key is not None:
                quotes[quote_record.key] = quote
        for claim in record.claims:
            new = Claim(
                article=article,
                quote=quotes.get(claim.quote) if claim.quote else None,
                start=claim.span.start if claim.span else None,
                end=claim.span.end if claim.span else None,
                statement=claim.statement,
                verdict=claim.verdict,
                rationale=claim.rationale,
                review_url=claim.review_url[:2000],
                reviewed_by=self._user(claim.reviewed_by),
                reviewed_at=_aware(claim.reviewed_at),
            )
            self._stamp(new)
            new.save()

    def _speaker(self, record: SpeakerRecord, text: str, linked: dict[tuple[str, str], Speaker]) -> Speaker:
        """The Speaker a file's speaker is: one this import already made or matched, one with the same
        Wikidata id, one its name or an alias links to, else a new one with the file's aliases."""
        remembered = (record.key, record.name)
        if remembered in self._speakers or remembered in linked:
            return self._speakers.get(remembered) or linked[remembered]
        speaker = None
        if record.wikidata_id:
            speaker = Speaker.objects.filter(wikidata_id=record.wikidata_id).order_by("pk").first()
        speaker = speaker or link_speaker(record.name)
        if speaker is None:
            speaker = Speaker(
                name=record.name[:300],
                kind=record.kind if record.kind in Speaker.Kind.values else Speaker.Kind.PERSON,
                description=record.description[:300],
                wikidata_id=record.wikidata_id,
                gender=record.gender if record.gender in Speaker.Gender.values else "",
            )
            speaker.full_clean()
            self._stamp(speaker)
            speaker.save()
            # Folded as aliases are stored: "Putin" and "President Putin" are one alias, added once.
            aliases = {fold_name(alias): alias.strip()[:300] for alias in record.aliases if fold_name(alias)}
            for alias in aliases.values():
                new = SpeakerAlias(speaker=speaker, name=alias)
                self._stamp(new)
                new.save()
        linked[remembered] = speaker
        return speaker

    def _quote(
        self,
        article: Article,
        record: QuoteRecord,
        by_key: dict[str, Speaker],
        names: dict[str, Speaker | None],
    ) -> Quote:
        speaker = by_key.get(record.speaker) if record.speaker else None
        name = record.speaker_name
        if speaker is None and name:
            if name not in names:
                names[name] = link_speaker(name, article_text=article.text)
            speaker = names[name]
        quote = Quote(
            article=article,
            kind=record.kind,
            status=record.status,
            cue_start=record.cue.start if record.cue else None,
            cue_end=record.cue.end if record.cue else None,
            mention_start=record.mention.start if record.mention else None,
            mention_end=record.mention.end if record.mention else None,
            speaker=speaker,
            proposed_speaker_name="" if speaker else (name or "")[:300],
            confidence=record.confidence,
            origin=(record.origin or Quote.MANUAL_ORIGIN)[:200],
            suggested=record.suggested,
            reviewed_by=self._user(record.reviewed_by),
            reviewed_at=_aware(record.reviewed_at),
            review_seconds=record.review_seconds,
        )
        self._stamp(quote)
        quote.save()
        for span in record.parts:
            part = QuotePart(quote=quote, start=span.start, end=span.end)
            self._stamp(part)
            part.save()
        for span in record.more_mentions:
            mention = MentionPart(quote=quote, start=span.start, end=span.end)
            self._stamp(mention)
            mention.save()
        return quote

    def _user(self, username: str | None):
        """The account a reviewer's username names; a restore into an empty database creates it, unable to log in."""
        if not username:
            return None
        if username in self._users:
            return self._users[username]
        if username not in self._new_users:
            User = get_user_model()
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username[:150])
                user.set_unusable_password()
                user.save()
            self._new_users[username] = user
        return self._new_users[username]

    def _stamp(self, instance) -> None:
        if self.user is not None:
            instance._history_user = self.user


def _aware(value: datetime | None) -> datetime | None:
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value)
