"""What the map page and the start page's small map draw: each district's
outline (`public.district_map`) with its counts (`search.districts`), a
shade for all offers, a dot for the district's own offers, the legend and
the table in the order the visitor chose.

Shades run from the fewest to the most offers of any district, not from
zero: every district has the state-wide, federal and EU offers, and a scale
from zero would paint them all alike. The legend says the ranges.
"""

import math
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .district_map import outline

SHADES = 5
DOT_RADIUS = 16  # the largest dot, in viewBox units (1/1000 of the width)
# ?order=… of the table: the column it sorts by, names A–Z, counts most first.
ORDERS = {
    "name": _("Landkreis oder Stadt"),
    "offers": _("Alle Angebote"),
    "own": _("Nur für diesen Kreis"),
    "open": _("Jetzt offen"),
}
DEFAULT_ORDER = "name"
TABLE_ANCHOR = "district-table"
# Search parameters the map's filter form has no field for: kept as they are.
HIDDEN = ("amount_min", "amount_max", "sort")
SHOWN_ELSEWHERE = ("type", "region")  # the map counts programmes in every region


@dataclass
class MapDistrict:
    district: object  # search.districts.District
    shape: object  # public.district_map.Shape
    shade: int
    dot: float  # radius of the dot for own offers; 0: none
    href: str  # the district's search
    name: str  # its accessible name, with the counts


def _name(district):
    message = gettext(
        "%(name)s: %(offers)s Angebote, davon %(own)s nur für diesen Kreis und %(open)s jetzt offen"
    )
    return message % {
        "name": district.label,
        "offers": district.offers,
        "own": district.own,
        "open": district.open,
    }


@dataclass
class Column:
    order: str
    label: str
    url: str
    sorted: bool

    @property
    def aria_sort(self):
        if not self.sorted:
            return None
        return "ascending" if self.order == "name" else "descending"


def shade_ranges(fewest, most, shades=SHADES):
    """[(low, high), …]: `shades` ranges of whole numbers covering
    fewest…most, fewer when there are fewer numbers, e.g.
    shade_ranges(100, 149) → [(100, 109), (110, 119), …, (140, 149)]."""
    span = most - fewest + 1
    shades = max(1, min(shades, span))
    bounds = [fewest + math.ceil(i * span / shades) for i in range(shades + 1)]
    return [(bounds[i], bounds[i + 1] - 1) for i in range(shades)]


def shade_of(value, ranges):
    return next(i for i, (low, high) in enumerate(ranges) if low <= value <= high)


def _dot(own, most_own):
    """Radius for `own` offers: the dot's area grows with the number."""
    return round(DOT_RADIUS * math.sqrt(own / most_own), 1) if own else 0


def _draw_order(item):
    """Landkreise first, then the kreisfreie Städte over them (the outlines
    have no holes where a city lies inside a Landkreis); by name within."""
    return (item.shape.city, item.district.label)


def drawn(found, detail="full"):
    """(MapDistricts in drawing order, shade ranges) of a DistrictCounts."""
    shapes = outline(detail).shapes
    ranges = shade_ranges(found.fewest, found.most)
    most_own = max((d.own for d in found.districts), default=0)
    search = reverse("search:search")
    items = [
        MapDistrict(
            d, shapes[d.code], shade_of(d.offers, ranges), _dot(d.own, most_own), search + d.url, _name(d)
        )
        for d in found.districts
        if d.code in shapes
    ]
    return sorted(items, key=_draw_order), ranges


def chosen_order(params):
    """The table's order from ?order=…, and whether the value was unknown."""
    order = params.get("order", DEFAULT_ORDER)
    return (order, False) if order in ORDERS else (DEFAULT_ORDER, True)


def table_rows(items, order):
    """MapDistricts in the table's order: by name, or most first (then by name)."""
    if order == "name":
        return sorted(items, key=lambda item: item.district.label)
    return sorted(items, key=lambda item: (-getattr(item.district, order), item.district.label))


def with_order(query, order):
    """A map URL's query string ("?…") with the table order added."""
    joiner = "&" if len(query) > 1 else ""
    return f"{query}{joiner}order={order}" if order != DEFAULT_ORDER else query


def columns(state, order):
    base = state.url(page=None)
    return [
        Column(name, str(label), with_order(base, name) + f"#{TABLE_ANCHOR}", name == order)
        for name, label in ORDERS.items()
    ]


def _chosen(found):
    """What narrows the map, in words: the query text, then each chosen filter
    as the search names it (the programme type the map always sets aside)."""
    query = [f"„{found.form.value('q')}“"] if found.form.value("q") else []
    return query + [f.label for f in found.active_filters if f.name not in SHOWN_ELSEWHERE]


def _hidden(state, order):
    """(name, value) pairs the filter form passes on unchanged."""
    pairs = [(name, value) for name in HIDDEN for value in state.values[name]]
    return pairs + ([("order", order)] if order != DEFAULT_ORDER else [])


def page_context(found, params):
    order, unknown = chosen_order(params)
    items, ranges = drawn(found)
    return {
        "found": found,
        "map": outline(),
        "districts": items,
        "ranges": ranges,
        "most_own": max((d.own for d in found.districts), default=0),
        "rows": table_rows(items, order),
        "columns": columns(found.state, order),
        "order": order,
        "unknown_order": unknown,
        "filter_groups": [g for g in found.facets if g.name not in SHOWN_ELSEWHERE],
        "chosen": _chosen(found),
        "hidden": _hidden(found.state, order),
        "search_query": found.state.url(page=None),
    }


def small_map(found):
    """The start page's map: the shades of all offers, no dots, no links."""
    items, _ranges = drawn(found, detail="small")
    return {"districts": items, "outline": outline("small")}
