"""Every URL of the project, for every role, GET and POST, against one table: a new URL without a row fails.

The table says what each role gets from a plain request with no form data:
200 a page (or a form re-shown with its errors), 302 a redirect (to the login
page for the anonymous and, in the admin, for everyone but staff), 400 a form
refused for missing input, 403 a role that may not, 405 a method the URL does
not take. Rows match URL names (or, for unnamed patterns, routes) with
shell-style wildcards, so the admin's pages for each model share one row.
"""

from __future__ import annotations

import fnmatch
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from annotations.models import ImportBatch, Quote, TrainingRun
from annotations.roles import EDITORS, FACT_CHECKERS, RESEARCHERS
from tests.factories import make_article, make_claim, make_outlet, make_quote, make_speaker, make_user

ROLES = ("anonymous", "researcher", "fact_checker", "editor", "admin")

# (GET, POST) for anonymous, researcher, fact-checker, editor, admin. A wrong method is refused (405)
# before anything else, so the anonymous get 405 there too and a login redirect only for the right method.
READ = [(302, 405), (200, 405), (200, 405), (200, 405), (200, 405)]
EDIT_QUOTE = [(405, 302), (405, 403), (405, 403), (405, 400), (405, 400)]
EDIT_CLAIM = [(405, 302), (405, 403), (405, 400), (405, 400), (405, 400)]
STAFF_ONLY = [(302, 302), (302, 302), (302, 302), (302, 302)]  # the admin's login page, for all but staff
ADMIN = [*STAFF_ONLY, (200, 200)]
ADMIN_REDIRECT = [*STAFF_ONLY, (302, 302)]
READ_ONLY_ADMIN = [*STAFF_ONLY, (403, 403)]

TABLE: dict[str, list[tuple[int, int]]] = {
    # pages and htmx endpoints
    "annotations:article_list": READ,
    "annotations:article_detail": READ,
    "annotations:speaker_detail": READ,
    "annotations:speaker_search": [(302, 405), (403, 405), (403, 405), (200, 405), (200, 405)],
    # no threshold given: the form is refused
    "annotations:bulk_preview": [(302, 405), (403, 405), (403, 405), (400, 405), (400, 405)],
    "annotations:queue_next": [(405, 302), (405, 403), (405, 403), (405, 302), (405, 302)],
    "annotations:quote_add": EDIT_QUOTE,
    "annotations:bulk_confirm": EDIT_QUOTE,
    "annotations:bulk_reject_preview": [(302, 405), (403, 405), (403, 405), (400, 405), (400, 405)],
    "annotations:bulk_reject": EDIT_QUOTE,
    # suggestions still unreviewed in the world's article: the editor is asked first, on a page
    "annotations:article_done": [(405, 302), (405, 403), (405, 403), (405, 200), (405, 200)],
    # the next cards of a long article, for every reader; a quote's correction page, for editors
    "annotations:quote_cards": READ,
    "annotations:quote_detail": [(302, 405), (403, 405), (403, 405), (200, 405), (200, 405)],
    # nothing of one's own to undo: refused in words
    "annotations:undo": [(405, 302), (405, 403), (405, 400), (405, 400), (405, 400)],
    "annotations:quote_*": EDIT_QUOTE,
    "annotations:claim_add": EDIT_CLAIM,
    "annotations:claim_edit": EDIT_CLAIM,
    # bringing articles in: editors only; a form posted empty is refused in words
    "annotations:article_add": [(302, 405), (403, 405), (403, 405), (200, 405), (200, 405)],
    "annotations:article_paste": EDIT_QUOTE,
    "annotations:article_upload": EDIT_QUOTE,
    "annotations:article_urls": EDIT_QUOTE,
    "annotations:import_batch": [(302, 405), (403, 405), (403, 405), (200, 405), (200, 405)],
    "annotations:import_batch_resume": [(405, 302), (405, 403), (405, 403), (405, 302), (405, 302)],
    # the poll for suggestions: without htmx, the article's own page
    "annotations:suggestion_status": [(302, 405), (302, 405), (302, 405), (302, 405), (302, 405)],
    # insight: every role reads
    "annotations:search": READ,
    "annotations:speaker_list": READ,
    "annotations:dashboard": READ,
    "annotations:quality": READ,
    "annotations:effort": READ,
    # the corpus out: every role reads it; a download that names no format is refused in words
    "annotations:export": READ,
    "annotations:export_download": [(302, 405), (400, 405), (400, 405), (400, 405), (400, 405)],
    # logging in and out
    "login": [(200, 200)] * 5,
    "logout": [(405, 302)] * 5,
    # the admin
    "admin:login": [(200, 200), (200, 200), (200, 200), (200, 200), (302, 200)],
    "admin:logout": [(302, 302), (302, 302), (302, 302), (302, 302), (405, 302)],
    "admin:index": ADMIN,
    "admin:app_list": ADMIN,
    "admin:password_change": ADMIN,
    "admin:password_change_done": [*STAFF_ONLY, (200, 405)],
    "admin:autocomplete": [*STAFF_ONLY, (403, 405)],
    "admin:jsi18n": [*STAFF_ONLY, (200, 405)],
    "admin:view_on_site": [*STAFF_ONLY, (404, 404)],
    "admin:annotations_*": ADMIN,
    "admin:auth_*": ADMIN,
    # A training run is started by adding one and then only watched: its page is read-only.
    "admin:annotations_trainingrun_change": [*STAFF_ONLY, (200, 403)],
    "admin:axes_*_changelist": ADMIN,
    "admin:axes_*_history": ADMIN_REDIRECT,
    "admin:axes_*_add": READ_ONLY_ADMIN,
    "admin:axes_*_change": ADMIN_REDIRECT,
    "admin:axes_*_delete": ADMIN_REDIRECT,
    "admin:django_tasks_database_*_changelist": ADMIN,
    "admin:django_tasks_database_*_history": ADMIN_REDIRECT,
    "admin:django_tasks_database_*_change": [*STAFF_ONLY, (302, 403)],
    "admin:django_tasks_database_*_add": READ_ONLY_ADMIN,
    "admin:django_tasks_database_*_delete": READ_ONLY_ADMIN,
    "admin/*/<path:object_id>/": ADMIN_REDIRECT,
    "admin/(?P<url>.*)$": [*STAFF_ONLY, (404, 404)],
}


def url_patterns(resolver=None, prefix: str = "", namespace: str = ""):
    """(key, route) for every pattern: the namespaced name, or the route when it has no name."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from url_patterns(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield (f"{namespace}{pattern.name}" if pattern.name else route), route


def row_for(key: str) -> list[tuple[int, int]] | None:
    """The most specific row matching key: the longest pattern wins, so a specific row overrides a wildcard."""
    matches = [pattern for pattern in TABLE if fnmatch.fnmatchcase(key, pattern)]
    return TABLE[max(matches, key=len)] if matches else None


@pytest.fixture
def world(db):
    """One of everything a URL can point at."""
    article = make_article(outlet=make_outlet())
    quote = make_quote(article, '"We are ready,"', speaker=make_speaker(aliases=("Peskov",)))
    claim = make_claim(article, quote=quote)
    users = {
        "researcher": make_user("researcher", role=RESEARCHERS),
        "fact_checker": make_user("checker", role=FACT_CHECKERS),
        "editor": make_user("editor", role=EDITORS),
        "admin": make_user("admin", is_staff=True, is_superuser=True),
    }
    ids = {
        "article_id": article.pk,
        "quote_id": quote.pk,
        "claim_id": claim.pk,
        "speaker_id": quote.speaker_id,
        "id": users["editor"].pk,
        "batch_id": ImportBatch.objects.create(created_by=users["editor"], format="txt").pk,
    }
    objects = {
        "annotations/article": article,
        "annotations/quote": quote,
        "annotations/claim": claim,
        "annotations/speaker": quote.speaker,
        "annotations/outlet": article.outlet,
        "auth/user": users["editor"],
        "auth/group": Group.objects.get(name=EDITORS),
        "annotations/trainingrun": TrainingRun.objects.create(output="/nowhere", state=TrainingRun.State.DONE),
    }
    return ids, objects, users


def concrete(route: str, ids: dict[str, int], objects: dict) -> str:
    """The route with real ids: the world's records where a model's pages need one, a missing id elsewhere."""
    model = re.match(r"admin/(\w+/\w+)/", route)
    record = objects.get(model.group(1)) if model else None
    object_id = str(record.pk) if record is not None else "999999"
    path = re.sub(r"<int:(\w+)>", lambda m: str(ids[m.group(1)]), route)
    path = path.replace("<path:object_id>", object_id).replace("<id>", str(ids["id"]))
    path = path.replace("<path:content_type_id>", "999999")
    history_id = str(record.history.first().history_id) if record is not None and hasattr(record, "history") else "1"
    path = path.replace("^([^/]+)/history/([^/]+)/$", f"{object_id}/history/{history_id}/")
    path = re.sub(r"\^\(\?P<app_label>[^)]*\)/\$", "annotations/", path)
    path = path.replace("(?P<url>.*)$", "nowhere/")
    return "/" + path


def test_it_has_a_row_for_every_url_pattern():
    missing = [key for key, _ in url_patterns() if row_for(key) is None]
    assert not missing, f"URL patterns with no row in tests/test_url_walk.py TABLE: {missing}"


def test_it_answers_every_url_for_every_role_as_the_table_says(world):
    ids, objects, users = world
    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    wrong = []
    for key, route in url_patterns():
        row = row_for(key)
        if row is None:
            continue  # reported by the test above
        path = concrete(route, ids, objects)
        for role, (get_status, post_status) in zip(ROLES, row, strict=True):
            client = clients[role]
            for method, expected in (("get", get_status), ("post", post_status)):
                status = getattr(client, method)(path).status_code
                if status != expected:
                    wrong.append(f"{method.upper()} {path} ({key}) as {role}: {status}, table says {expected}")
                if role != "anonymous" and key in {"logout", "admin:logout"} and method == "post":
                    client.force_login(users[role])  # logged out by the request itself
    # Article text with quotes is frozen, and nothing the walk posted changed a quote.
    assert Quote.objects.get().version == 1
    assert not wrong, "\n".join(wrong)
