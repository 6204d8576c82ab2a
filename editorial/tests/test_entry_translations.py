"""Editors write an entry's translations in the Redaktion, checked like
every other field."""

import json

import pytest

from catalogue.models import Programme
from editorial import revisions

from .helpers import admin_url, form_data
from .test_revisions import save_via_form, step

pytestmark = pytest.mark.django_db


def test_editor_adds_a_ukrainian_summary(editor_client):
    data = form_data(editor_client.get(admin_url(Programme, "add")), "programme_form")
    translations = {"uk": {"title": "Свіже", "summary": "Гроші для проєктів."}}
    data |= {
        "title": "Frisch",
        "slug": "frisch",
        "deadline_kind": "rolling",
        "translations": json.dumps(translations),
    }

    editor_client.post(admin_url(Programme, "add"), data)

    assert Programme.objects.get(slug="frisch").translations == translations


def test_too_long_summary_is_refused_with_a_message(editor_client):
    data = form_data(editor_client.get(admin_url(Programme, "add")), "programme_form")
    data |= {
        "title": "Frisch",
        "slug": "frisch",
        "deadline_kind": "rolling",
        "translations": json.dumps({"ar": {"summary": "س" * 501}}),
    }

    response = editor_client.post(admin_url(Programme, "add"), data)

    assert response.status_code == 200
    assert "ist 501 Zeichen lang, erlaubt sind 500" in response.content.decode()
    assert not Programme.objects.filter(slug="frisch").exists()


def test_a_funders_translation_waits_for_review_like_every_other_field(
    funder_a_client, editor_client, client, programme_a
):
    """Issue 21: translations are edited "with the same review as other
    fields" — a funder's new summary is a revision; the public page in
    Ukrainian keeps what was published until the Redaktion publishes it."""
    summary = "Гроші для мовних курсів."
    save_via_form(funder_a_client, programme_a, translations=json.dumps({"uk": {"summary": summary}}))
    waiting = revisions.revisions_of(programme_a).first()

    before = client.get(f"/uk{programme_a.get_absolute_url()}").content.decode()
    review = editor_client.get(
        admin_url(programme_a, "revision", programme_a.pk, waiting.pk)
    ).content.decode()
    step(editor_client, programme_a, waiting, "publish")
    after = client.get(f"/uk{programme_a.get_absolute_url()}").content.decode()

    assert waiting.snapshot["fields"]["translations"] == {"uk": {"summary": summary}}
    assert summary not in before
    assert summary in review
    assert summary in after
