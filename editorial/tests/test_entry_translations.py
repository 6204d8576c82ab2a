"""Editors write an entry's translations in the Redaktion, checked like
every other field."""

import json

import pytest

from catalogue.models import Programme

from .helpers import admin_url, form_data

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
