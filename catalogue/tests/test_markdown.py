"""Markdown is rendered safely: raw HTML escaped, links restricted, headings
below the page's own <h1>/<h2>."""

from django.template import Context, Template

from catalogue.markdown import render_markdown


def test_render_markdown_escapes_script_tags():
    html = render_markdown("Hallo <script>alert(1)</script> Welt")

    assert html == "<p>Hallo &lt;script&gt;alert(1)&lt;/script&gt; Welt</p>\n"


def test_render_markdown_escapes_html_block():
    html = render_markdown("<script>\nalert(1)\n</script>")

    assert "<script" not in html
    assert html == "<p>&lt;script&gt;\nalert(1)\n&lt;/script&gt;</p>\n"


def test_render_markdown_drops_javascript_links():
    html = render_markdown("[klick](javascript:alert(1)) [auch](JaVaScRiPt:alert(1))")

    assert "href" not in html
    assert html == "<p>[klick](javascript:alert(1)) [auch](JaVaScRiPt:alert(1))</p>\n"


def test_render_markdown_escapes_onerror_attributes():
    html = render_markdown('<img src="x" onerror="alert(1)">')

    assert "<img" not in html
    assert html == '<p>&lt;img src="x" onerror="alert(1)"&gt;</p>\n'


def test_render_markdown_links_get_nofollow_noopener():
    html = render_markdown("[MiSO](https://miso-hannover.de) <info@example.org>")

    assert html == (
        '<p><a href="https://miso-hannover.de" rel="nofollow noopener">MiSO</a> '
        '<a href="mailto:info@example.org" rel="nofollow noopener">info@example.org</a></p>\n'
    )


def test_render_markdown_drops_relative_and_data_links():
    html = render_markdown("[a](/admin/) [b](#top) [c](data:text/html,x) [d](ftp://x.de)")

    assert "href" not in html


def test_render_markdown_shifts_headings_below_page_sections():
    html = render_markdown("# Eins\n\n## Zwei\n\n### Drei")

    assert html == "<h3>Eins</h3>\n<h4>Zwei</h4>\n<h5>Drei</h5>\n"


def test_render_markdown_second_level_heading_becomes_h3_without_gap():
    html = render_markdown("## Entstehung\n\nText\n\n#### Detail")

    assert html == "<h3>Entstehung</h3>\n<p>Text</p>\n<h4>Detail</h4>\n"


def test_render_markdown_deep_headings_stop_at_h6():
    html = render_markdown("# 1\n\n## 2\n\n### 3\n\n#### 4\n\n##### 5")

    assert html == "<h3>1</h3>\n<h4>2</h4>\n<h5>3</h5>\n<h6>4</h6>\n<h6>5</h6>\n"


def test_render_markdown_lists_emphasis_code_quote():
    text = "- **fett** und *kursiv*\n\n3. drei\n\n> Zitat\n\n`code`\n\n```\nblock\n```"

    html = render_markdown(text)

    assert html == (
        "<ul>\n<li><strong>fett</strong> und <em>kursiv</em></li>\n</ul>\n"
        '<ol start="3">\n<li>drei</li>\n</ol>\n'
        "<blockquote>\n<p>Zitat</p>\n</blockquote>\n"
        "<p><code>code</code></p>\n<pre><code>block\n</code></pre>\n"
    )


def test_render_markdown_images_become_alt_text():
    html = render_markdown('![Logo *MiSO*](https://tracker.example/pixel.png "t") danach')

    assert html == "<p>Logo MiSO danach</p>\n"


def test_render_markdown_empty_is_empty_string():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_markdown_filter_returns_safe_html():
    template = Template("{% load catalogue_tags %}{{ text|markdown }}")

    html = template.render(Context({"text": "**fett** <b>roh</b>"}))

    assert html == "<p><strong>fett</strong> &lt;b&gt;roh&lt;/b&gt;</p>\n"
