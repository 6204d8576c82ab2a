"""The one region hierarchy: EU ⊃ Bund ⊃ Niedersachsen ⊃ districts (AGS keys).

Everything that walks it — the search's containment filter, the index's
widest regions, `catalogue.queries.for_region`, the Fördercheck — takes the
parents as {code: parent code} and walks them here.
"""

from functools import cache


@cache
def land():
    """The atlas' Land ("ni"): the one region of level "land" in the
    vocabulary data. Its districts are where a project can be (Fördercheck)
    and what the start page and the map count."""
    from .vocabularies import read_vocabularies

    return next(r["code"] for r in read_vocabularies()["regions"] if r["level"] == "land")


def parents():
    """{code: parent code} of every region, in one query."""
    from .models import Region

    return dict(Region.objects.values_list("code", "parent_id"))


def chain(parents, code):
    """[code, parent, grandparent, …], e.g. "03155" → ["03155", "ni", "de",
    "eu"]: the areas whose offers reach that place. A loop in the data ends
    the walk instead of running forever."""
    result = []
    while code and code not in result:
        result.append(code)
        code = parents.get(code)
    return result


def widest(codes, parents):
    """The codes without those lying inside another of them:
    {"ni", "03155", "03241"} → {"ni"}; {"03155", "03241"} stays."""
    codes = set(codes)
    return {code for code in codes if not codes.intersection(chain(parents, code)[1:])}
