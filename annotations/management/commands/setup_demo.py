"""Make the local demo usable: the seed article with its gold annotation, and the demo login.

Idempotent: what exists is left as it is, so re-running never undoes an editor's work.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.template.defaultfilters import pluralize

from annotations.demo_corpus import load_demo_corpus
from annotations.models import Article
from annotations.roles import EDITORS
from annotations.suggest import suggest_articles

SEED_FIXTURE = settings.BASE_DIR / "fixtures" / "seed.json"
SEED_TEXT = settings.BASE_DIR / "fixtures" / "seed-article.txt"
# Written for the project and shipped without gold: the demo shows suggestions alone on it.
SECOND_ARTICLE = settings.BASE_DIR / "fixtures" / "demo-article-2.txt"


class Command(BaseCommand):
    help = "Load the demo articles and, on the embedded SQLite database with DEBUG on, the demo/demo account."

    def handle(self, *args, **options) -> None:
        seed_hash = Article.hash_text(SEED_TEXT.read_text(encoding="utf-8"))
        if Article.objects.filter(text_sha256=seed_hash).exists():
            self.stdout.write("Seed article already loaded.")
        else:
            call_command("loaddata", SEED_FIXTURE, verbosity=0)
            self.stdout.write("Loaded the seed article with its gold annotation.")
        self.load_second_article()
        created = suggest_articles(Article.objects.order_by("pk"))
        self.stdout.write(f"Suggested {created} new quote{pluralize(created)}.")
        self.load_demo_corpus()
        self.create_demo_user()

    def load_second_article(self) -> None:
        title, _, body = SECOND_ARTICLE.read_text(encoding="utf-8").partition("\n")
        text = body.strip()
        if Article.objects.filter(text_sha256=Article.hash_text(text)).exists():
            return
        Article.objects.create(title=title.strip(), text=text)
        self.stdout.write(f"Loaded the article {title.strip()!r}.")

    def load_demo_corpus(self) -> None:
        """Fourteen articles with outlets and dates, suggested and partly reviewed, for the insight pages."""
        self.stdout.write(load_demo_corpus())

    def create_demo_user(self) -> None:
        if not (settings.DEBUG and settings.EMBEDDED_DATABASE):
            self.stderr.write(
                "No demo account: it is only created on the embedded SQLite database with DEBUG on. "
                "Create real accounts with `manage.py createsuperuser`."
            )
            return
        user, created = get_user_model().objects.get_or_create(
            username="demo", defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password("demo")
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=EDITORS))
        self.stdout.write("Demo account: demo / demo" + (" (created)" if created else ""))
