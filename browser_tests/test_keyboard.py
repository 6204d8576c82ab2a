"""Keyboard only: skip link first, the search and its filters operable with
Tab, Enter and Space, focus always visible and never dropped to <body>
after a filter change."""

import re

import pytest
from playwright.sync_api import expect

from .support import focus_is_visible, focused

pytestmark = pytest.mark.browser

MAX_TABS = 150
IS_BODY = "() => document.activeElement === document.body"
# Records what the result summary (role=status) says whenever its text
# changes after the page has loaded: what a screen reader would announce.
RECORD_ANNOUNCEMENTS = """
window.__announced = [];
document.addEventListener("DOMContentLoaded", () => {
  const status = document.querySelector("[role=status]");
  if (!status) return;
  new MutationObserver(() => {
    const text = status.textContent.trim();
    if (text) window.__announced.push(text);
  }).observe(status, {childList: true, characterData: true, subtree: true});
});
"""


class Keyboard:
    """Drives a page with the keyboard and remembers every element that got
    the focus on the way, with its computed focus style."""

    def __init__(self, page):
        self.page = page
        self.visited = []

    def tab(self):
        self.page.keyboard.press("Tab")
        info = focused(self.page)
        self.visited.append(info)
        return info

    def tab_until(self, predicate, arg=None):
        """Tab until `predicate` (JavaScript, given the focused element and
        `arg`) holds for the focused element."""
        for _ in range(MAX_TABS):
            self.tab()
            if self.page.evaluate(f"(arg) => ({predicate})(document.activeElement, arg)", arg):
                return focused(self.page)
        raise AssertionError(f"{predicate} ({arg}) not reached with {MAX_TABS} Tab presses")

    def invisible_focus(self):
        return [info["html"] for info in self.visited if not focus_is_visible(info)]


def skip_to_main(keyboard):
    """The first Tab reaches the skip link; Enter moves the focus to <main>."""
    first = keyboard.tab()
    assert (first["tag"], first["text"]) == ("a", "Zum Inhalt springen")
    # Hidden off-screen until focused, then inside the viewport.
    assert keyboard.page.evaluate("() => document.activeElement.getBoundingClientRect().top >= 0")
    keyboard.page.keyboard.press("Enter")
    assert keyboard.page.evaluate("() => document.activeElement.id") == "main"


IN_GROUP = """(el, legend) => {
  const group = el.closest("fieldset");
  return !!group && group.querySelector("legend").textContent.trim() === legend
    && (el.tagName === "SUMMARY" || el.type === "checkbox");
}"""


def open_facet_group(keyboard, legend):
    """Tab into a facet group; a long group is a <details> opened with Enter.
    Returns the [name, value] of the group's first checkbox, now focused."""
    info = keyboard.tab_until(IN_GROUP, legend)
    if info["tag"] == "summary":
        keyboard.page.keyboard.press("Enter")
        keyboard.tab_until(IN_GROUP, legend)
    return keyboard.page.evaluate("() => [document.activeElement.name, document.activeElement.value]")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_keyboard_only_search_filter_and_open_result(new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    keyboard = Keyboard(page)
    page.goto("/suche/")

    skip_to_main(keyboard)
    keyboard.tab_until("(el) => el.id === 'search-q'")
    page.keyboard.type("Kultur")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"\?q=Kultur", page.url)

    skip_to_main(keyboard)
    name, value = open_facet_group(keyboard, "Integrationsbereich")
    if javascript:
        page.add_init_script(RECORD_ANNOUNCEMENTS)
        with page.expect_navigation():
            page.keyboard.press("Space")
        page.wait_for_function("() => window.__announced.length > 0")
        assert re.match(r"\d+ Treffer für „Kultur“", page.evaluate("() => window.__announced[0]"))
        # The changed checkbox has the focus again after the reload.
        assert not page.evaluate(IS_BODY)
        assert page.evaluate("() => [document.activeElement.name, document.activeElement.value]") == [
            name,
            value,
        ]
        assert focus_is_visible(focused(page))
    else:
        page.keyboard.press("Space")
        keyboard.tab_until("(el) => el.textContent.trim() === 'Filter anwenden'")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.locator(f"input[name={name}][value='{value}']").is_checked()
    expect(page.locator("[role=status]")).to_have_text(re.compile(r"^\d+ Treffer für „Kultur“"))

    result = keyboard.tab_until("(el) => !!el.closest('ol.results') && el.tagName === 'A'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == result["text"]
    assert keyboard.invisible_focus() == []


def test_keyboard_reaches_every_control_on_start_page_in_order_with_visible_focus(page):
    keyboard = Keyboard(page)
    page.goto("/")
    # Number every link and control in document order; Tab must visit them
    # all in that order (no positive tabindex, nothing unreachable).
    count = page.evaluate(
        """() => {
          const controls = document.querySelectorAll("a[href], button:not([hidden]), input, select");
          controls.forEach((el, i) => { el.dataset.probe = i; });
          return controls.length;
        }"""
    )

    order = []
    for _ in range(count):
        keyboard.tab()
        order.append(int(page.evaluate("() => document.activeElement.dataset.probe")))

    assert order == list(range(count))
    assert keyboard.invisible_focus() == []
