"""The review page and its actions over HTTP: htmx fragments, plain-POST redirects, and every refusal."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from annotations.models import Article, Quote, Speaker
from tests.factories import TEXT, make_article, make_quote, make_speaker

HX = {"HX-Request": "true"}


def url(name: str, quote: Quote | None = None, **kwargs) -> str:
    if quote is not None:
        return reverse(f"annotations:{name}", args=[quote.article_id, quote.pk])
    return reverse(f"annotations:{name}", kwargs=kwargs)


@pytest.fixture
def quote(db) -> Quote:
    return make_quote(make_article(), '"We are ready,"', confidence=0.9)


def test_it_confirms_over_htmx_and_swaps_the_card_highlight_and_progress(editor_client, quote):
    response = editor_client.post(url("quote_confirm", quote), {"version": 1, "seconds": "2.5"}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<li class="quote-card status-confirmed" id="quote-{quote.pk}"')
    assert 'data-version="2"' in html
    # only what changed: the card, the one text block under the quote, the progress counter, the undo button
    assert 'id="article-text"' not in html
    assert 'id="b-0"' in html and 'id="progress"' in html and 'id="undo"' in html
    assert html.count('hx-swap-oob="true"') == 4
    assert '<span class="hl-confirmed hl-content"' in html
    assert "Quote confirmed." in response["HX-Trigger"]
    quote.refresh_from_db()
    assert (quote.status, quote.review_seconds) == ("confirmed", 2.5)


def test_it_rejects_with_a_plain_post_and_redirects_back_with_a_notice(editor_client, quote):
    response = editor_client.post(url("quote_reject", quote), {"version": 1})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/articles/{quote.article_id}/#quote-{quote.pk}")
    page = editor_client.get(response["Location"])
    assert "Quote rejected." in page.content.decode()
    assert Quote.objects.get(pk=quote.pk).status == "rejected"


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_it_refuses_a_stale_version_with_409_and_the_current_state(editor_client, quote, htmx):
    Quote.objects.filter(pk=quote.pk).update(status="rejected", version=2)
    response = editor_client.post(url("quote_confirm", quote), {"version": 1}, headers=HX if htmx else {})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this quote meanwhile" in html
    assert 'data-status="rejected"' in html and 'data-version="2"' in html
    assert Quote.objects.get(pk=quote.pk).status == "rejected"


@pytest.mark.parametrize(
    ("start", "end", "status"),
    [(4, 4, 400), (9, 3, 400), (0, len(TEXT) + 10, 422)],
    ids=["empty", "reversed", "outside the text"],
)
@pytest.mark.parametrize("role", ["content", "mention", "cue"])
def test_it_refuses_a_bad_span_with_a_message_and_saves_nothing(editor_client, quote, start, end, status, role):
    data = {"version": 1, "role": role, "start": start, "end": end}
    response = editor_client.post(url("quote_set_span", quote), data, headers=HX)
    assert response.status_code == status
    assert 'class="error card-error" role="alert"' in response.content.decode()
    quote.refresh_from_db()
    assert (quote.version, quote.cue_start, quote.mention_start) == (1, None, None)
    assert list(quote.parts.values_list("start", "end")) == [(TEXT.index('"We'), TEXT.index('"We') + 15)]


def test_it_snaps_a_selection_to_whole_words_when_asked(editor_client, quote):
    start = TEXT.index("aid the")  # "Peskov s|aid the tal|ks": the editor's mouse missed the word edges
    data = {"version": 1, "role": "cue", "start": start, "end": start + 10, "snap": "1"}
    editor_client.post(url("quote_set_span", quote), data, headers=HX)
    quote.refresh_from_db()
    assert quote.cue_text == "said the talks"


def test_it_adds_and_removes_a_content_part(editor_client, quote):
    start = TEXT.index('"Minsk')
    response = editor_client.post(
        url("quote_add_part", quote), {"version": 1, "start": start, "end": len(TEXT)}, headers=HX
    )
    assert response.status_code == 200 and quote.parts.count() == 2
    part = quote.parts.get(start=start)
    response = editor_client.post(url("quote_remove_part", quote), {"version": 2, "part": part.pk}, headers=HX)
    assert response.status_code == 200 and quote.parts.count() == 1


def test_it_sets_the_kind(editor_client, quote):
    response = editor_client.post(url("quote_set_kind", quote), {"version": 1, "kind": "indirect"}, headers=HX)
    assert response.status_code == 200 and Quote.objects.get(pk=quote.pk).kind == "indirect"


def test_it_rerenders_the_card_with_the_form_errors_for_an_invalid_form(editor_client, quote):
    response = editor_client.post(url("quote_set_kind", quote), {"version": "one", "kind": "sung"}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a whole number." in html and "Select a valid choice." in html
    assert Quote.objects.get(pk=quote.pk).version == 1


def test_it_links_a_speaker_chosen_from_the_search(editor_client, quote):
    peskov = make_speaker("Dmitry Peskov", aliases=("Peskov",))
    search = editor_client.get(url("speaker_search"), {"q": "pesk", "quote": quote.pk}, headers=HX)
    assert f'role="option" name="speaker" value="{peskov.pk}"' in search.content.decode()
    response = editor_client.post(url("quote_link_speaker", quote), {"version": 1, "speaker": peskov.pk}, headers=HX)
    assert response.status_code == 200 and "Dmitry Peskov" in response.content.decode()
    assert Quote.objects.get(pk=quote.pk).speaker == peskov


def test_it_finds_speakers_by_alias_with_accents_folded(editor_client, quote):
    zelensky = make_speaker("Volodymyr Zelensky", aliases=("Zelenskyy",))
    search = editor_client.get(url("speaker_search"), {"q": "ZELÉNSKYY", "quote": quote.pk}, headers=HX)
    assert f'value="{zelensky.pk}"' in search.content.decode()


def test_it_links_by_typed_name_without_javascript(editor_client, quote):
    peskov = make_speaker("Dmitry Peskov", aliases=("Peskov",))
    response = editor_client.post(url("quote_link_speaker", quote), {"version": 1, "q": "peskov"})
    assert response.status_code == 302 and Quote.objects.get(pk=quote.pk).speaker == peskov


@pytest.mark.parametrize("data", [{"speaker": 9999}, {"q": "Nobody Known"}], ids=["unknown id", "unknown name"])
def test_it_refuses_an_unknown_speaker_with_a_message(editor_client, quote, data):
    response = editor_client.post(url("quote_link_speaker", quote), {"version": 1, **data}, headers=HX)
    assert response.status_code == 400
    assert "speaker" in response.content.decode().lower()
    assert Quote.objects.get(pk=quote.pk).speaker is None


def test_it_creates_a_speaker_inline_or_links_the_existing_one(editor_client, quote):
    response = editor_client.post(
        url("quote_new_speaker", quote), {"version": 1, "name": "Ned Price", "kind": "person"}, headers=HX
    )
    assert response.status_code == 200
    price = Speaker.objects.get(name="Ned Price")
    assert Quote.objects.get(pk=quote.pk).speaker == price
    response = editor_client.post(
        url("quote_new_speaker", quote), {"version": 2, "name": "ned  price", "kind": "person"}, headers=HX
    )
    assert "exists already" in response["HX-Trigger"]
    assert Speaker.objects.count() == 1


def test_it_leaves_no_new_speaker_behind_when_the_link_is_refused(editor_client, quote):
    response = editor_client.post(
        url("quote_new_speaker", quote), {"version": 7, "name": "Ned Price", "kind": "person"}, headers=HX
    )
    assert response.status_code == 409
    assert not Speaker.objects.filter(name="Ned Price").exists()
    assert Quote.objects.get(pk=quote.pk).speaker is None


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_it_says_a_deleted_quote_no_longer_exists_with_404(editor_client, quote, htmx):
    article_id, quote_id = quote.article_id, quote.pk
    quote.delete()
    response = editor_client.post(
        reverse("annotations:quote_confirm", args=[article_id, quote_id]), {"version": 1}, headers=HX if htmx else {}
    )
    assert response.status_code == 404
    assert "no longer exists" in response.content.decode()


def test_it_adds_a_missed_quote_from_a_selection(editor_client):
    article = make_article()
    start = TEXT.index("Minsk is")
    data = {"start": start + 2, "end": start + 7, "snap": "1", "kind": "direct"}
    response = editor_client.post(url("quote_add", article_id=article.pk), data, headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="article-text"' not in html and "beforeend:#quote-list" in html
    added = Quote.objects.get()
    assert (added.content_text, added.status, added.origin) == ("Minsk is", "confirmed", "manual")
    assert f'"quote": {added.pk}' in response["HX-Trigger"]


def test_it_records_the_editors_time_on_a_quote_added_by_hand(editor_client):
    # What the effort page sets against the time to confirm a suggestion: the time the suggester saves.
    article = make_article(suggester_version="quotebook_quotes-0.3.0")  # counted where the suggester ran
    start = TEXT.index("Minsk is")
    data = {"start": start, "end": start + 8, "kind": "direct", "seconds": "12.5"}
    assert editor_client.post(url("quote_add", article_id=article.pk), data, headers=HX).status_code == 200
    assert Quote.objects.get().review_seconds == 12.5
    effort = editor_client.get(reverse("annotations:effort"))
    assert effort.context["effort"].add_median == 12.5


def test_it_refuses_a_new_quote_outside_the_text(editor_client):
    article = make_article()
    data = {"start": 3, "end": len(TEXT) + 3, "kind": "direct"}
    response = editor_client.post(url("quote_add", article_id=article.pk), data, headers=HX)
    assert response.status_code == 422 and "runs past the end" in response.content.decode()
    assert not Quote.objects.exists()


def test_it_lists_the_bulk_confirm_first_then_confirms_only_those(editor_client):
    article = make_article()
    high = make_quote(article, '"We are ready,"', confidence=0.95)
    low = make_quote(article, '"Minsk is the place."', confidence=0.4)
    indirect = make_quote(article, "the talks would go ahead", confidence=0.99, kind="indirect")
    Quote.objects.filter(pk=high.pk).update(speaker=make_speaker())
    preview = editor_client.get(url("bulk_preview", article_id=article.pk), {"threshold": "0.9"}, headers=HX)
    html = preview.content.decode()
    assert preview.status_code == 200 and html.lstrip().startswith('<section id="bulk-preview"')
    assert f'value="{high.pk}:1" checked' in html and "Dmitry Peskov" in html
    assert f'value="{low.pk}:' not in html and f'value="{indirect.pk}:' not in html
    assert Quote.objects.filter(status="confirmed").count() == 0  # listing changes nothing
    response = editor_client.post(
        url("bulk_confirm", article_id=article.pk), {"threshold": "0.9", "quotes": [f"{high.pk}:1"]}, headers=HX
    )
    assert response.status_code == 200
    assert dict(Quote.objects.values_list("pk", "status")) == {
        high.pk: "confirmed",
        low.pk: "suggested",
        indirect.pk: "suggested",
    }


def test_it_shows_the_bulk_list_on_the_page_without_javascript(editor_client):
    article = make_article()
    high = make_quote(article, '"We are ready,"', confidence=0.95)
    response = editor_client.get(url("bulk_preview", article_id=article.pk), {"threshold": "0.9"})
    assert response.status_code == 200 and "<html" in response.content.decode()
    assert f'value="{high.pk}:1"' in response.content.decode()


def test_it_refuses_a_bulk_confirm_of_a_low_confidence_quote(editor_client):
    article = make_article()
    low = make_quote(article, '"Minsk is the place."', confidence=0.4)
    response = editor_client.post(
        url("bulk_confirm", article_id=article.pk), {"threshold": "0.9", "quotes": [f"{low.pk}:1"]}, headers=HX
    )
    assert response.status_code == 400
    assert Quote.objects.get(pk=low.pk).status == "suggested"


def test_it_undoes_the_last_action_over_htmx(editor_client, quote):
    editor_client.post(url("quote_confirm", quote), {"version": 1}, headers=HX)
    page = editor_client.get(url("article_detail", article_id=quote.article_id)).content.decode()
    assert "Undo confirm" in page
    response = editor_client.post(url("undo", article_id=quote.article_id), headers=HX)
    assert response.status_code == 200 and "Undid confirm." in response["HX-Trigger"]
    assert Quote.objects.get(pk=quote.pk).status == "suggested"


def test_it_says_when_there_is_nothing_to_undo(editor_client, quote):
    response = editor_client.post(url("undo", article_id=quote.article_id), headers=HX)
    assert response.status_code == 400 and "nothing of yours to undo" in response.content.decode()


def test_it_marks_the_article_done(editor_client, quote):
    Quote.objects.filter(pk=quote.pk).update(status="confirmed")
    response = editor_client.post(url("article_done", article_id=quote.article_id))
    assert response.status_code == 302
    assert Article.objects.get(pk=quote.article_id).status == "done"


def test_it_opens_the_page_for_an_editor_with_every_control_named(editor_client, quote):
    html = editor_client.get(url("article_detail", article_id=quote.article_id)).content.decode()
    for hook in (
        f'id="quote-{quote.pk}" data-quote-id="{quote.pk}" data-version="1"',
        'data-action="confirm"',
        'data-action="reject"',
        f'href="/articles/{quote.article_id}/quotes/{quote.pk}/" data-action="correct"',
        'aria-label="Search speakers"',
        'id="undo"',
        'id="claim-form"',
        'id="shortcuts"',
        "js/review.js",
    ):
        assert hook in html
    # looking is not editing: the status waits for the first action, and no history row is written
    article = Article.objects.get(pk=quote.article_id)
    assert article.status == "new" and article.history.count() == 1
    assert article.opened_by.username == "editor"
    # one form for all the cards' buttons, none per card
    assert html.count("<form") < 12 and f'form="quote-form" formaction="/articles/{quote.article_id}/quotes/' in html
    # the highlighted segment carries its offset and quote, so a click on it focuses the card
    assert f'data-start="{TEXT.index(chr(34) + "We")}" data-quotes="{quote.pk}"' in html


def test_it_shows_researchers_the_page_without_any_control(client, researcher, quote):
    client.force_login(researcher)
    response = client.get(url("article_detail", article_id=quote.article_id))
    html = response.content.decode()
    assert response.status_code == 200 and f'id="quote-{quote.pk}"' in html
    for control in ('data-action="confirm"', 'aria-label="Search speakers"', 'id="undo"', 'id="claim-form"'):
        assert control not in html
    assert Article.objects.get(pk=quote.article_id).status == "new"


def quote_action_requests(quote: Quote) -> list[tuple[str, str, dict]]:
    article_id = quote.article_id
    return [
        ("post", url("quote_confirm", quote), {"version": 1}),
        ("post", url("quote_reject", quote), {"version": 1}),
        ("post", url("quote_set_kind", quote), {"version": 1, "kind": "mixed"}),
        ("post", url("quote_set_span", quote), {"version": 1, "role": "cue", "start": 0, "end": 6}),
        ("post", url("quote_add_part", quote), {"version": 1, "start": 0, "end": 6}),
        ("post", url("quote_remove_part", quote), {"version": 1, "part": 1}),
        ("post", url("quote_link_speaker", quote), {"version": 1, "q": "Peskov"}),
        ("post", url("quote_new_speaker", quote), {"version": 1, "name": "X", "kind": "person"}),
        ("post", url("quote_add", article_id=article_id), {"start": 0, "end": 6, "kind": "direct"}),
        ("get", url("bulk_preview", article_id=article_id), {"threshold": "0.5"}),
        ("post", url("bulk_confirm", article_id=article_id), {"threshold": "0.5", "quotes": f"{quote.pk}:1"}),
        ("post", url("article_done", article_id=article_id), {}),
        ("get", url("speaker_search"), {"q": "pes"}),
        ("post", url("queue_next"), {}),
    ]


def test_it_refuses_every_quote_action_to_researchers_with_403(client, researcher, fact_checker, quote):
    for user in (researcher, fact_checker):
        client.force_login(user)
        for method, path, data in quote_action_requests(quote):
            response = getattr(client, method)(path, data, headers=HX)
            assert response.status_code == 403, (user, path)
    assert Quote.objects.get(pk=quote.pk).version == 1
    assert Article.objects.get(pk=quote.article_id).status == "new"


def test_it_sends_anonymous_users_to_the_login_page(client, quote):
    for method, path, data in quote_action_requests(quote):
        response = getattr(client, method)(path, data)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), path


def test_it_enforces_csrf_on_every_post_htmx_included(editor, quote):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    for method, path, data in quote_action_requests(quote):
        if method == "post":
            assert client.post(path, data, headers=HX).status_code == 403, path
    assert Quote.objects.get(pk=quote.pk).version == 1


def test_it_accepts_the_csrf_token_htmx_sends_from_the_body_header(editor, quote):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(url("article_detail", article_id=quote.article_id))
    token = page.cookies["csrftoken"].value
    assert '"X-CSRFToken": "' in page.content.decode()
    response = client.post(url("quote_confirm", quote), {"version": 1}, headers={**HX, "X-CSRFToken": token})
    assert response.status_code == 200


def test_it_refuses_get_on_an_action(editor_client, quote):
    assert editor_client.get(url("quote_confirm", quote)).status_code == 405


def test_it_renders_the_first_cards_of_a_long_article_and_the_rest_as_the_editor_reaches_them(editor_client):
    text = " ".join(f"w{i}" for i in range(300))
    article = make_article(text)
    for i in range(130):
        make_quote(article, f"w{i} ")
    page = editor_client.get(url("article_detail", article_id=article.pk))
    html = page.content.decode()
    assert html.count('class="quote-card ') == 100 and "130 of 130" not in html
    assert "<strong>0 of 130</strong> reviewed" in html
    more = url("quote_cards", article_id=article.pk)
    assert f'hx-get="{more}?from=100"' in html
    rest = editor_client.get(more, {"from": "100"}, headers=HX).content.decode()
    assert rest.count('class="quote-card ') == 30 and "more-cards" not in rest
    everything = editor_client.get(url("article_detail", article_id=article.pk), {"all": ""}).content.decode()
    assert everything.count('class="quote-card ') == 130
