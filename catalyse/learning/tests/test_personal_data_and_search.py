"""What the courses hold about a person (GDPR download, erasure through the account) and the courses in the search."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from catalyse.learning import personal_data, services
from catalyse.learning.models import ActivityEntry, QuizAttempt, SegmentCompletion
from catalyse.lib.registry import registry

pytestmark = pytest.mark.django_db


def test_a_persons_attempts_completions_and_notebook_are_in_their_download(learning, catalyst, outsider):
    services.segment_complete(user=catalyst, segment=learning.synthesis)
    services.quiz_submit(user=catalyst, segment=learning.quiz, answers=learning.all_right())
    services.activity_save(user=catalyst, segment=learning.activity, text="Ma vallée")
    services.activity_save(user=outsider, segment=learning.activity, text="Pas à moi")
    exported = personal_data.personal_data_export(catalyst)
    assert exported["carnet"][0]["texte"] == "Ma vallée"
    assert exported["carnet"][0]["formation"] == learning.course.slug
    assert exported["quiz"][0]["score"] == 100
    assert len(exported["séquences terminées"]) == 3
    assert "Pas à moi" not in json.dumps(exported, ensure_ascii=False)
    assert any(e.key == "formations" for e in registry.personal_data_exporters)


def test_the_account_download_includes_the_notebook(client, learning, catalyst):
    services.activity_save(user=catalyst, segment=learning.activity, text="Ma vallée du Gier")
    client.force_login(catalyst)
    response = client.get(reverse("accounts:personal-data-export"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Ma vallée du Gier" in content.decode()


def test_erasing_a_person_removes_only_their_learning(learning, catalyst, outsider):
    for person in (catalyst, outsider):
        services.segment_complete(user=person, segment=learning.synthesis)
        services.quiz_submit(user=person, segment=learning.quiz, answers=learning.all_right())
        services.activity_save(user=person, segment=learning.activity, text="Texte")
    personal_data.personal_data_erase(catalyst)
    for model in (ActivityEntry, QuizAttempt, SegmentCompletion):
        assert not model.objects.filter(user=catalyst).exists()
        assert model.objects.filter(user=outsider).exists()


def test_published_courses_are_found_by_the_site_search(client, learning):
    from catalyse.learning.search_sync import courses_index_all
    from catalyse.learning.tests.conftest import build_course

    build_course(slug="brouillon-cache", published=False)
    courses_index_all()
    response = client.get(reverse("search:search") + "?q=alliances")
    body = response.content.decode()
    assert response.status_code == 200
    assert "/formations/alliances-locales/" in body
    assert "/formations/brouillon-cache/" not in body
