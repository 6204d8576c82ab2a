"""Helpers for the Redaktion's tests: admin URLs and change-form data."""

from bs4 import BeautifulSoup
from django.urls import reverse


def admin_url(obj_or_model, view="change", *args):
    opts = obj_or_model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
    if view in ("change", "history", "delete") and not args:
        args = (obj_or_model.pk,)
    return reverse(name, args=args)


def parse(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def form_data(response, form_id):
    """Every field of a rendered form as POST data (what a browser would
    send unchanged), so a test changes only what it means to change."""
    form = parse(response).find("form", id=form_id)
    data = {}
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.get("type") in ("submit", "button", "file"):
            continue
        if element.name == "textarea":
            data[name] = element.text.removeprefix("\n")
        elif element.name == "select":
            chosen = [o.get("value", o.text) for o in element.find_all("option") if o.has_attr("selected")]
            if element.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
        elif element.get("type") in ("checkbox", "radio"):
            if element.has_attr("checked"):
                data.setdefault(name, []).append(element.get("value", "on"))
        else:
            data[name] = element.get("value", "")
    return data


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def publish_latest_revision(client, entry):
    """The Redaktion publishes the newest revision of `entry` from its page."""
    from editorial.revisions import revisions_of

    revision = revisions_of(entry).first()
    return client.post(admin_url(entry, "revision_step", entry.pk, revision.pk, "publish"))


def through_import_job(client, response):
    """An applying import answers with a redirect to its job's page: run the
    worker here (ATLAS_IMPORT_WORKER is "external" in the suite), then show
    that page as the editor's next reload would."""
    from django.core.management import call_command

    if response.status_code != 302 or "/import/auftrag/" not in response["Location"]:
        return response
    call_command("run_import_jobs", "--once")
    return client.get(response["Location"])
