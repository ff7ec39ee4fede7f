from __future__ import annotations

from django.urls import path

from annotations.views import claims, export, imports, insight, pages, queue, review, speakers

app_name = "annotations"

quote = "articles/<int:article_id>/quotes/<int:quote_id>"

urlpatterns = [
    path("", queue.article_list, name="article_list"),
    path("queue/next/", queue.queue_next, name="queue_next"),
    path("articles/add/", imports.article_add, name="article_add"),
    path("articles/add/paste/", imports.article_paste, name="article_paste"),
    path("articles/add/upload/", imports.article_upload, name="article_upload"),
    path("articles/add/urls/", imports.article_urls, name="article_urls"),
    path("imports/<int:batch_id>/", imports.import_batch, name="import_batch"),
    path("imports/<int:batch_id>/resume/", imports.import_batch_resume, name="import_batch_resume"),
    path("articles/<int:article_id>/", pages.article_detail, name="article_detail"),
    path("articles/<int:article_id>/suggestions/", imports.suggestion_status, name="suggestion_status"),
    path("articles/<int:article_id>/quotes/new/", review.quote_add, name="quote_add"),
    path("articles/<int:article_id>/bulk/", review.bulk_preview, name="bulk_preview"),
    path("articles/<int:article_id>/bulk/confirm/", review.bulk_confirm, name="bulk_confirm"),
    path("articles/<int:article_id>/undo/", review.undo, name="undo"),
    path("articles/<int:article_id>/done/", review.article_done, name="article_done"),
    path(f"{quote}/confirm/", review.quote_confirm, name="quote_confirm"),
    path(f"{quote}/reject/", review.quote_reject, name="quote_reject"),
    path(f"{quote}/kind/", review.quote_set_kind, name="quote_set_kind"),
    path(f"{quote}/span/", review.quote_set_span, name="quote_set_span"),
    path(f"{quote}/parts/add/", review.quote_add_part, name="quote_add_part"),
    path(f"{quote}/parts/remove/", review.quote_remove_part, name="quote_remove_part"),
    path(f"{quote}/speaker/", review.quote_link_speaker, name="quote_link_speaker"),
    path(f"{quote}/speaker/new/", review.quote_new_speaker, name="quote_new_speaker"),
    path("articles/<int:article_id>/claims/new/", claims.claim_add, name="claim_add"),
    path("articles/<int:article_id>/claims/<int:claim_id>/", claims.claim_edit, name="claim_edit"),
    path("speakers/search/", speakers.speaker_search, name="speaker_search"),
    path("search/", insight.search_page, name="search"),
    path("speakers/", insight.speaker_list, name="speaker_list"),
    path("speakers/<int:speaker_id>/", insight.speaker_detail, name="speaker_detail"),
    path("dashboard/", insight.dashboard, name="dashboard"),
    path("dashboard/quality/", insight.quality_page, name="quality"),
    path("dashboard/effort/", insight.effort_page, name="effort"),
    path("export/", export.export_page, name="export"),
    path("export/download/", export.export_download, name="export_download"),
]
