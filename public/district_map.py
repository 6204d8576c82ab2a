"""The districts of Niedersachsen as SVG paths, for the map (`/karte/`).

The outlines come from `public/data/niedersachsen-kreise.geojson` (BKG
VG5000, see public/data/README.md for licence and attribution). They are
projected once per process and detail and kept: the geometry never changes,
only the counts drawn over it do (those come per request from
`search.districts`).

Projection: equirectangular with the longitudes shrunk by cos(latitude) at
the middle of the state, close enough to a conformal map over 2.6° of
latitude. Coordinates are rounded to whole units of a viewBox WIDTH wide,
and points closer than `tolerance` units to the line through their
neighbours are dropped (Douglas–Peucker), and the paths are written in
relative steps: the full map keeps about 3,700 of the 4,400 points in 16 KB
of path data, the small one on the start page 1,100 points in 6 KB.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.safestring import mark_safe

GEOJSON = Path(__file__).resolve().parent / "data" / "niedersachsen-kreise.geojson"
WIDTH = 1000
CITY = "Kreisfreie Stadt"
# Drop points nearer than this to their neighbours' line, in viewBox units:
# about 1 px on the map page, 2.5 px on the start page.
DETAIL = {"full": 1.2, "small": 5.0}
ATTRIBUTION_URL = "https://www.bkg.bund.de"


@dataclass(frozen=True)
class Shape:
    code: str  # AGS key, as the region vocabulary has it
    city: bool  # a kreisfreie Stadt, drawn over the Landkreis around it
    path: str  # SVG path data in viewBox units
    centre: tuple  # (x, y) of the largest part's centroid


@dataclass(frozen=True)
class Outline:
    width: int
    height: int
    shapes: dict  # {code: Shape}

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"


def _features():
    return json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]


def _rings(geometry):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def _projection(features):
    """lon/lat → viewBox units, and the viewBox height."""
    points = [p for f in features for ring in _rings(f["geometry"]) for p in ring]
    west, east = min(x for x, _ in points), max(x for x, _ in points)
    south, north = min(y for _, y in points), max(y for _, y in points)
    shrink = math.cos(math.radians((north + south) / 2))
    scale = WIDTH / ((east - west) * shrink)

    def project(lon, lat):
        return ((lon - west) * shrink * scale, (north - lat) * scale)

    return project, math.ceil((north - south) * scale)


def _distance(point, start, end):
    """Distance of `point` from the line through `start` and `end`."""
    (x, y), (x1, y1), (x2, y2) = point, start, end
    length = math.hypot(x2 - x1, y2 - y1)
    if not length:
        return math.hypot(x - x1, y - y1)
    return abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length


def simplify(points, tolerance):
    """Douglas–Peucker: the points that keep the line within `tolerance`."""
    if len(points) < 3:
        return list(points)
    index, furthest = max(
        ((i, _distance(points[i], points[0], points[-1])) for i in range(1, len(points) - 1)),
        key=lambda item: item[1],
    )
    if furthest <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def _rounded(points):
    """Whole units, without a point repeating the one before it."""
    result = []
    for x, y in points:
        point = (round(x), round(y))
        if not result or point != result[-1]:
            result.append(point)
    return result


def _numbers(values):
    """SVG number list, as short as it gets: "3-2 4 5" for [3, -2, 4, 5]."""
    text = ""
    for value in values:
        text += str(value) if value < 0 or not text else f" {value}"
    return text


def _path(rings):
    """Closed subpaths in relative coordinates: "M12 34l3-2 4 5z…"."""
    parts = []
    for ring in rings:
        (x, y), previous, steps = ring[0], ring[0], []
        for point in ring[1:]:
            steps += [point[0] - previous[0], point[1] - previous[1]]
            previous = point
        parts.append(f"M{x} {y}l{_numbers(steps)}z")
    return "".join(parts)


def _centroid(ring):
    """The area centroid of a closed ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if not area:
        return ring[0]
    return (round(cx / (3 * area)), round(cy / (3 * area)))


def _area(ring):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)))


def _shape(feature, project, tolerance):
    rings = []
    for ring in _rings(feature["geometry"]):
        points = simplify([project(lon, lat) for lon, lat in ring], tolerance)
        points = _rounded(points)
        if points[0] == points[-1]:
            points = points[:-1]
        if len(points) >= 3:
            rings.append(points)
    largest = max(rings, key=_area)
    properties = feature["properties"]
    # Digits, spaces, "M", "l", "z" and "-" only: nothing to escape in a template.
    path = mark_safe(_path(rings))  # noqa: S308
    return Shape(properties["code"], properties["kind"] == CITY, path, _centroid(largest))


@cache
def outline(detail="full"):
    """The districts at a DETAIL level, computed once per process."""
    features = _features()
    project, height = _projection(features)
    shapes = {f["properties"]["code"]: _shape(f, project, DETAIL[detail]) for f in features}
    return Outline(WIDTH, height, shapes)
