"""Roles of the Redaktion, as Django groups, and what each user may see.

- Administrator: a superuser, or a member of the group "Administration"
  (every permission).
- Redaktion: everything in the catalogue, publishing, bulk import, worklist.
- Förderer: edits only the institutions of their `FunderAccount` and the
  programmes linked to them; cannot publish (their saves go to review).

Who is *restricted* (sees only their own institutions) is decided by one
rule: everybody who cannot publish. A staff user who somehow lacks both the
publishing right and a funder account therefore sees nothing, never all.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db.models import Q

ADMINISTRATION = "Administration"
REDAKTION = "Redaktion"
FOERDERER = "Förderer"
PUBLISH = "editorial.publish_entry"
BULK_IMPORT = "editorial.bulk_import"
VIEW_WORKLIST = "editorial.view_worklist"

# Group → (app label, codename) pairs; "*" stands for every codename of the app.
ROLE_PERMISSIONS = {
    REDAKTION: [
        ("catalogue", "*"),
        ("thesaurus", "*"),
        ("editorial", "publish_entry"),
        ("editorial", "bulk_import"),
        ("editorial", "view_worklist"),
        ("editorial", "view_linkcheck"),
        ("editorial", "view_importrun"),
        ("editorial", "view_funderaccount"),
        ("feedback", "*"),
    ],
    FOERDERER: [
        ("catalogue", "view_institution"),
        ("catalogue", "change_institution"),
        ("catalogue", "view_programme"),
        ("catalogue", "add_programme"),
        ("catalogue", "change_programme"),
        *[
            ("catalogue", f"{action}_{model}")
            for model in ("deadline", "programmeinstitution")
            for action in ("view", "add", "change", "delete")
        ],
    ],
}


def sync_roles(apps=global_apps):
    """Create the three groups and give each its permissions; adds, never
    removes (an administrator may have granted more)."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for app_config in apps.get_app_configs():
        _create_permissions(app_config, apps)
    admins, _created = group_model.objects.get_or_create(name=ADMINISTRATION)
    admins.permissions.add(*permission_model.objects.all())
    for name, wanted in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        query = Q(pk__in=[])
        for app_label, codename in wanted:
            query |= Q(
                content_type__app_label=app_label, **({} if codename == "*" else {"codename": codename})
            )
        group.permissions.add(*permission_model.objects.filter(query))


def _create_permissions(app_config, apps):
    # Permissions are normally made after `migrate` (post_migrate); a data
    # migration that grants them has to create them first.
    had_models = getattr(app_config, "models_module", None)
    app_config.models_module = had_models or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = had_models


def sync_roles_after_migrate(sender, app_config=None, using="default", apps=global_apps, **kwargs):
    if sender.label == "editorial":
        sync_roles(apps)


def can_publish(user):
    return user.is_active and user.has_perm(PUBLISH)


def is_administrator(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=ADMINISTRATION).exists())


def is_restricted(user):
    """True for users who may only see their own institutions' entries."""
    return not can_publish(user)


def institution_ids(user):
    """Ids of the institutions a restricted user speaks for (cached per request user)."""
    if not hasattr(user, "_editorial_institution_ids"):
        account = getattr(user, "funder_account", None) if user.is_authenticated else None
        ids = set(account.institutions.values_list("pk", flat=True)) if account else set()
        user._editorial_institution_ids = ids
    return user._editorial_institution_ids


def scope_institutions(queryset, user):
    if not is_restricted(user):
        return queryset
    return queryset.filter(pk__in=institution_ids(user))


def scope_programmes(queryset, user):
    if not is_restricted(user):
        return queryset
    return queryset.filter(pk__in=_own_programme_ids(user))


def _own_programme_ids(user):
    from catalogue.models import ProgrammeInstitution

    return ProgrammeInstitution.objects.filter(institution__in=institution_ids(user)).values("programme")


def may_access(user, obj):
    """May `user` see and edit this institution or programme at all?"""
    from catalogue.models import Institution

    if not is_restricted(user):
        return True
    if obj is None or obj.pk is None:
        return True
    ids = institution_ids(user)
    if isinstance(obj, Institution):
        return obj.pk in ids
    return obj.institution_links.filter(institution__in=ids).exists()
