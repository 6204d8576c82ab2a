"""Every public page in every language: axe-core finds nothing at desktop
and phone width, the page invariants hold, and nothing scrolls sideways at
320 px. Screenshots at 1280 px and 360 px land in test-artifacts/screenshots/.
"""

import pytest

from .conftest import DESKTOP, LANGUAGES, PHONE
from .pages import EXPECTED_STATUS, PAGES, page_path
from .support import assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser

RIGHT_TO_LEFT = {"ar", "fa"}
NARROWEST = {"width": 320, "height": 640}

PAGE_FACTS = """() => ({
  lang: document.documentElement.lang,
  dir: document.documentElement.dir,
  h1: document.querySelectorAll("h1").length,
  firstLink: document.querySelector("a[href]").getAttribute("href"),
  main: document.querySelectorAll("main#main").length,
})"""

# Page width against viewport width, and the elements that stick out.
HORIZONTAL_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: width,
    outside: [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .map((el) => el.outerHTML.slice(0, 120)),
  };
}"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_accessible_in_language(shared_page, site, name, language):
    page = shared_page
    path = page_path(site, name, language)
    page.set_viewport_size(DESKTOP)

    response = page.goto(path)

    assert response.status == EXPECTED_STATUS.get(name, 200)
    assert page.evaluate(PAGE_FACTS) == {
        "lang": language,
        "dir": "rtl" if language in RIGHT_TO_LEFT else "ltr",
        "h1": 1,
        "firstLink": "#main",
        "main": 1,
    }
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        assert_no_axe_violations(page, f"{path} at {viewport['width']} px")
        screenshot(page, f"{name}-{language}")
    page.set_viewport_size(NARROWEST)
    sizes = page.evaluate(HORIZONTAL_OVERFLOW)
    assert sizes["scrollWidth"] <= sizes["clientWidth"], f"{path} scrolls sideways at 320 px: {sizes}"


def test_api_documentation_accessible(shared_page):
    page = shared_page
    page.set_viewport_size(DESKTOP)

    response = page.goto("/api/v1/")

    assert response.status == 200
    assert page.evaluate("() => document.querySelectorAll('h1').length") == 1
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        assert_no_axe_violations(page, f"/api/v1/ at {viewport['width']} px")
        screenshot(page, "api-docs")
