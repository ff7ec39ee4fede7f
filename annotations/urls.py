from __future__ import annotations

from django.urls import path

from annotations import views

app_name = "annotations"

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/<int:article_id>/", views.article_detail, name="article_detail"),
    path("speakers/<int:speaker_id>/", views.speaker_detail, name="speaker_detail"),
]
