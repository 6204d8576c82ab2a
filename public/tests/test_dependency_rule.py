"""The dependency rule of ARCHITECTURE.md, held by reading the code.

Each app imports only what the table "Apps and who may import whom" allows,
and `search` is a service: no page of it — no templates, no URLs, no views,
no HTTP responses — so `public` and `api` are two renderings of the same
`search.core.search()`. Tests are left out: they may build fixtures from any
app."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import get_resolver, reverse

BASE = Path(settings.BASE_DIR)

# ARCHITECTURE.md, "Apps and who may import whom": a name allows that module
# and everything below it.
MAY_IMPORT = {
    "catalogue": set(),
    "search": {"catalogue", "thesaurus"},
    "thesaurus": {"search"},
    "public": {"catalogue", "search", "ops.limits"},
    "editorial": {"catalogue", "search", "public"},
    "api": {"catalogue", "search", "ops.limits"},
    "alerts": {"catalogue", "search", "ops.limits"},
    "feedback": {"catalogue", "editorial", "public", "ops.limits"},
    "shortlist": {"catalogue", "api"},
    "ops": {"catalogue", "search", "api.http"},
}
# The one place where a search's words meet the thesaurus.
THESAURUS_IN_SEARCH = {"search/core.py"}
# What a page needs and a service does not.
PAGE_MODULES = ("django.shortcuts", "django.http.response", "django.template", "django.urls", "django.views")


def _sources(app):
    return [
        path for path in sorted((BASE / app).rglob("*.py")) if "tests" not in path.relative_to(BASE).parts
    ]


def _imports(path):
    """Every module a file imports, `from x import y` also as `x.y` (y may
    be a module)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _allowed(module, allowed):
    return any(module == name or module.startswith(name + ".") for name in allowed)


def _violations(app):
    ours = set(MAY_IMPORT) | {"atlas"}
    for path in _sources(app):
        for module in _imports(path):
            top = module.split(".")[0]
            if top in ours and top != app and not _allowed(module, MAY_IMPORT[app]):
                # `from ops import limits` names `ops` first, then `ops.limits`.
                if any(
                    _allowed(name, MAY_IMPORT[app])
                    for name in MAY_IMPORT[app]
                    if name.startswith(module + ".")
                ):
                    continue
                yield f"{path.relative_to(BASE)} imports {module}"


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_each_app_imports_only_what_the_architecture_allows(app):
    assert list(_violations(app)) == []


def test_search_meets_the_thesaurus_in_one_module_only():
    users = {
        str(path.relative_to(BASE))
        for path in _sources("search")
        if any(module.split(".")[0] == "thesaurus" for module in _imports(path))
    }
    assert users <= THESAURUS_IN_SEARCH


def test_search_has_no_templates():
    assert not [str(path.relative_to(BASE)) for path in (BASE / "search").rglob("*.html")]
    assert not (BASE / "search" / "templates").exists()


def test_search_has_no_views_or_urls():
    assert not (BASE / "search" / "urls.py").exists()
    assert not (BASE / "search" / "views.py").exists()
    page_imports = [
        f"{path.relative_to(BASE)} imports {module}"
        for path in _sources("search")
        for module in _imports(path)
        if _allowed(module, PAGE_MODULES)
    ]
    assert page_imports == []


def _views(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _views(pattern.url_patterns)
        else:
            callback = pattern.callback
            yield getattr(callback, "view_class", callback)


def test_no_url_leads_to_a_view_of_search():
    modules = {view.__module__ for view in _views(get_resolver().url_patterns)}
    assert not [module for module in modules if module.split(".")[0] == "search"]


def test_the_suche_page_keeps_its_contract_name_and_path():
    assert reverse("search:search") == "/suche/"
