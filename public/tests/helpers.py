"""HTML helpers for assertions on rendered pages."""

from bs4 import BeautifulSoup


def parse(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def squash(text):
    """Collapse whitespace so assertions do not depend on template indentation."""
    return " ".join(text.split())


def text_of(page, selector):
    """Whitespace-normalised text of the one element matching `selector`."""
    (element,) = page.select(selector)
    return squash(element.get_text(" "))


def texts(page, selector):
    return [squash(element.get_text(" ")) for element in page.select(selector)]
