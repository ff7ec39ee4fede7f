from __future__ import annotations

import pytest

from annotations.models import TrainingRun

ADD_URL = "/admin/annotations/trainingrun/add/"
LIST_URL = "/admin/annotations/trainingrun/"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
def test_an_admin_starts_training_in_the_background_and_sees_how_it_went(
    reviewed_demo, admin_client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.QUOTEBOOK_LEARNED_MODEL_DIR = str(tmp_path / "model")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(ADD_URL, {"max_minutes": "0.05"})
    assert response.status_code == 302
    run = TrainingRun.objects.get()
    assert run.state == TrainingRun.State.DONE
    assert run.quotes["added"] == 1 and run.quotes["corrected"] == 1
    assert run.step > 0 and run.version
    assert (tmp_path / "model" / "meta.json").is_file()
    page = admin_client.get(LIST_URL).content.decode()
    assert "Done" in page and run.version in page


@pytest.mark.django_db
def test_training_with_too_little_data_ends_with_the_reason(
    demo_articles, admin_client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.QUOTEBOOK_LEARNED_MODEL_DIR = str(tmp_path / "model")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(ADD_URL, {"max_minutes": "1"})
    run = TrainingRun.objects.get()
    assert run.state == TrainingRun.State.FAILED
    assert "at least 10 confirmed quotes" in run.message
    assert "at least 10 confirmed quotes" in admin_client.get(LIST_URL).content.decode()


@pytest.mark.django_db
def test_training_cannot_start_without_a_model_folder(admin_client, settings):
    settings.QUOTEBOOK_LEARNED_MODEL_DIR = ""
    response = admin_client.post(ADD_URL, {"max_minutes": "5"})
    assert response.status_code == 200
    assert "Set QUOTEBOOK_LEARNED_MODEL_DIR" in response.content.decode()
    assert not TrainingRun.objects.exists()
