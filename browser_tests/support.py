"""Helpers for the browser tests: axe-core, screenshots, focus."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

_taken = set()


def run_axe(page):
    """All axe-core violations of the page as loaded (every rule axe enables
    by default: WCAG 2.0/2.1 A and AA plus best practices).

    axe is evaluated through the DevTools protocol rather than added as a
    <script> element: our Content-Security-Policy (script-src 'self') would
    block an inline script tag, and this way the page under test keeps its
    real CSP (no `bypass_csp`), so a CSP breach still shows up."""
    assert not getattr(page, "without_javascript", False), "axe needs a page with JavaScript: new_page()"
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def _axe_source():
    # Wrapped so that `evaluate` runs it as a statement and returns nothing.
    return "() => {" + AXE_SCRIPT.read_text(encoding="utf-8") + "\n}"


def axe_report(violations, where):
    """One block per violation: rule, impact, help, link, each offending
    element's HTML and axe's summary of what to fix."""
    lines = [f"{len(violations)} axe violation(s) on {where}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    {node['html']}")
            lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


def assert_no_axe_violations(page, where=None):
    violations = run_axe(page)
    assert [v["id"] for v in violations] == [], axe_report(violations, where or page.url)


def screenshot(page, name):
    """Save `<name>-<width>.png` once per session under test-artifacts/."""
    width = page.viewport_size["width"]
    path = SCREENSHOTS / f"{name}-{width}.png"
    if path in _taken:
        return path
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    _taken.add(path)
    return path


FOCUS_INFO = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim(),
    outline: style.outlineStyle === "none" ? "none" : style.outlineStyle + " " + style.outlineWidth,
    shadow: style.boxShadow,
    html: el.outerHTML.slice(0, 160),
  };
}"""


def focused(page):
    """The focused element: tag, id, text, computed outline and box-shadow."""
    return page.evaluate(FOCUS_INFO)


def focus_is_visible(info):
    """A focus indicator: an outline of some width, or a focus ring drawn
    with box-shadow."""
    has_outline = info["outline"] != "none" and not info["outline"].endswith(" 0px")
    return has_outline or info["shadow"] != "none"
