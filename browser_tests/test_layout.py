"""Layout that holds for everyone: right-to-left that really mirrors, 200 %
zoom without sideways scrolling, and no motion for people who asked for none."""

import pytest

from .conftest import DESKTOP, LANGUAGES
from .pages import PAGES, page_path
from .support import screenshot

pytestmark = pytest.mark.browser

# Where the header's parts sit, in CSS pixels from the left edge.
HEADER_BOXES = """() => {
  const box = (selector) => {
    const r = document.querySelector(selector).getBoundingClientRect();
    return {left: Math.round(r.left), right: Math.round(r.right)};
  };
  return {
    siteName: box(".site-name"),
    skipLink: box(".skip-link"),
    languages: box(".language-nav"),
    direction: getComputedStyle(document.querySelector("main")).direction,
  };
}"""

# Every running animation and the longest transition or animation duration
# anywhere on the page, in seconds.
MOTION = """() => {
  const seconds = (value) => Math.max(...value.split(",").map((part) =>
    part.trim().endsWith("ms") ? parseFloat(part) / 1000 : parseFloat(part)));
  let longest = 0;
  for (const el of [document.documentElement, ...document.querySelectorAll("*")]) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      longest = Math.max(longest, seconds(style.transitionDuration), seconds(style.animationDuration));
    }
  }
  return {
    // Transitions shortened to 0.01 ms may still be listed for one frame.
    running: document.getAnimations().filter((a) => a.effect.getTiming().duration > 0.01).length,
    longest,
    scrollBehavior: getComputedStyle(document.documentElement).scrollBehavior,
  };
}"""


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_right_to_left_layout_mirrors_german(page, site, language):
    page.goto("/ratgeber/")
    german = page.evaluate(HEADER_BOXES)

    page.goto(f"/{language}/ratgeber/")
    mirrored = page.evaluate(HEADER_BOXES)

    width = DESKTOP["width"]
    assert (german["direction"], mirrored["direction"]) == ("ltr", "rtl")
    # Mirrored: what is n px from the left edge in German is n px from the
    # right edge in Arabic (± 1 px for rounding).
    for part in ("siteName", "languages", "skipLink"):
        assert abs((width - mirrored[part]["right"]) - german[part]["left"]) <= 1, part


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_readable_at_200_percent_zoom(new_page, site, language):
    # 200 % zoom of a 1280 px window is a 640 px wide layout drawn with
    # twice the pixels.
    page = new_page(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    overflowing = {}

    for name in PAGES:
        page.goto(page_path(site, name, language))
        sizes = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if sizes[0] > sizes[1]:
            overflowing[name] = sizes
        if language in ("de", "ar"):
            screenshot(page, f"{name}-{language}-zoom200")

    assert overflowing == {}


@pytest.mark.parametrize("name", ["start", "suche", "programm", "ratgeber"])
def test_reduced_motion_stops_every_transition(new_page, site, name):
    page = new_page(reduced_motion="reduce")

    page.goto(page_path(site, name))
    page.keyboard.press("Tab")  # a focused skip link is where transitions would show

    motion = page.evaluate(MOTION)
    # 0.01 ms is the usual "none" that still fires transitionend events.
    assert motion["running"] == 0
    assert motion["longest"] <= 0.00001
    assert motion["scrollBehavior"] == "auto"
