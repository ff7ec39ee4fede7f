from __future__ import annotations

from django.urls import path

from annotations.views import claims, pages, queue, review, speakers

app_name = "annotations"

quote = "articles/<int:article_id>/quotes/<int:quote_id>"

urlpatterns = [
    path("", queue.article_list, name="article_list"),
    path("queue/next/", queue.queue_next, name="queue_next"),
    path("articles/<int:article_id>/", pages.article_detail, name="article_detail"),
    path("articles/<int:article_id>/quotes/new/", review.quote_add, name="quote_add"),
    path("articles/<int:article_id>/quotes/cards/", review.quote_cards, name="quote_cards"),
    path("articles/<int:article_id>/bulk/", review.bulk_preview, name="bulk_preview"),
    path("articles/<int:article_id>/bulk/confirm/", review.bulk_confirm, name="bulk_confirm"),
    path("articles/<int:article_id>/bulk/reject/preview/", review.bulk_reject_preview, name="bulk_reject_preview"),
    path("articles/<int:article_id>/bulk/reject/", review.bulk_reject, name="bulk_reject"),
    path("articles/<int:article_id>/undo/", review.undo, name="undo"),
    path("articles/<int:article_id>/done/", review.article_done, name="article_done"),
    path(f"{quote}/", review.quote_detail, name="quote_detail"),
    path(f"{quote}/confirm/", review.quote_confirm, name="quote_confirm"),
    path(f"{quote}/reject/", review.quote_reject, name="quote_reject"),
    path(f"{quote}/kind/", review.quote_set_kind, name="quote_set_kind"),
    path(f"{quote}/span/", review.quote_set_span, name="quote_set_span"),
    path(f"{quote}/move/", review.quote_move, name="quote_move"),
    path(f"{quote}/split/", review.quote_split, name="quote_split"),
    path(f"{quote}/join/", review.quote_join, name="quote_join"),
    path(f"{quote}/parts/add/", review.quote_add_part, name="quote_add_part"),
    path(f"{quote}/parts/remove/", review.quote_remove_part, name="quote_remove_part"),
    path(f"{quote}/speaker/", review.quote_link_speaker, name="quote_link_speaker"),
    path(f"{quote}/speaker/new/", review.quote_new_speaker, name="quote_new_speaker"),
    path(f"{quote}/speaker/same/", review.quote_link_same, name="quote_link_same"),
    path("articles/<int:article_id>/claims/new/", claims.claim_add, name="claim_add"),
    path("articles/<int:article_id>/claims/<int:claim_id>/", claims.claim_edit, name="claim_edit"),
    path("speakers/search/", speakers.speaker_search, name="speaker_search"),
    path("speakers/<int:speaker_id>/", pages.speaker_detail, name="speaker_detail"),
]
