"""Articles full of quotes for the review benchmarks, and a fresh PostgreSQL database to put them in.

Shared by review_latency.py (in-process) and load_review.py (over HTTP against gunicorn).
"""

from __future__ import annotations

import os
import statistics

from benchmarks.scratch import recreate_database  # noqa: F401  (the review benchmarks import it from here)

SENTENCE = 'The minister said "the plan will work" on Monday. '
# The 1,000-quote article pads each sentence so the text reaches about 100 kB, as a long report would.
LONG_SENTENCE = 'The minister said "the plan will work" on Monday, in a long session with the regional press. '


def setup_django(url: str) -> None:
    """Django on `url` with production-like settings (DEBUG off), over plain HTTP on loopback."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40)
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # DEBUG off serves hashed static names from the manifest, which collectstatic writes.
    call_command("collectstatic", "--no-input", verbosity=0)


def article_with_quotes(count: int, sentence: str = SENTENCE, title: str = ""):
    """An article of `count` sentences, each with one suggested direct quote, its cue and its mention."""
    from annotations.models import Article, Quote, QuotePart, Speaker

    article = Article.objects.create(title=title or f"Benchmark with {count} quotes", text=sentence * count)
    speaker, _ = Speaker.objects.get_or_create(name="A Minister")
    content = sentence.index('"')
    content_end = sentence.index('"', content + 1) + 1
    quotes = Quote.objects.bulk_create(
        Quote(
            article=article,
            speaker=speaker,
            confidence=0.9,
            mention_start=i * len(sentence) + 4,
            mention_end=i * len(sentence) + 12,
            cue_start=i * len(sentence) + 13,
            cue_end=i * len(sentence) + 17,
        )
        for i in range(count)
    )
    QuotePart.objects.bulk_create(
        QuotePart(quote=quote, start=i * len(sentence) + content, end=i * len(sentence) + content_end)
        for i, quote in enumerate(quotes)
    )
    return article


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


# Named, not left to force_login: with a throttling backend listed first (django-axes), a session saved
# under it would not find its user again.
MODEL_BACKEND = "newsroom.auth.RoleBackend"
