import markdown
import pytest
from markdown.extensions.toc import TocExtension

from core.markdown import render_markdown
from tests.factories import SightingFactory

PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    '"><svg onload=alert(1)>',
    '<a href="https://example.org" onclick="alert(1)">link</a>',
    '<iframe src="https://example.org"></iframe>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_is_rendered_without_anything_that_runs(payload):
    html = render_markdown(f"Hello\n\n{payload}").lower()
    assert "<script" not in html
    assert "onerror" not in html
    assert "onload" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html
    assert "<svg" not in html


def test_markdown_keeps_ordinary_formatting():
    html = render_markdown("Some *emphasis*, **strength** and a list:\n\n- one\n- two")
    assert "<em>emphasis</em>" in html
    assert "<strong>strength</strong>" in html
    assert "<li>one</li>" in html


def test_external_links_get_nofollow_noopener():
    html = render_markdown("[The project](https://example.org/about)")
    assert 'href="https://example.org/about"' in html
    assert 'rel="nofollow noopener"' in html


def test_headings_in_a_story_never_become_a_second_h1():
    html = render_markdown("# Big heading\n\n## Smaller")
    assert "<h1" not in html
    assert "<h3>Big heading</h3>" in html


def test_headings_typed_as_html_are_demoted_like_markdown_ones():
    html = render_markdown("<h1>Typed</h1>\n\n<h2>Also typed</h2>\n\n###### Smallest")
    assert "<h3>Typed</h3>" in html
    assert "<h4>Also typed</h4>" in html
    assert "<h6>Smallest</h6>" in html


@pytest.mark.django_db
def test_a_hostile_story_is_shown_inert_on_the_sighting_page(client):
    sighting = SightingFactory(
        published=True, story="Look <script>alert(1)</script> [x](javascript:alert(1))"
    )
    page = client.get(sighting.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "javascript:alert" not in page


def test_python_markdowns_own_demotion_would_leave_an_html_heading_as_it_was():
    """Why core/markdown.py demotes headings itself rather than with TocExtension."""
    typed = "<h1>Typed</h1>\n\n# Written"
    html = markdown.markdown(typed, extensions=["extra", TocExtension(baselevel=3)])
    assert "<h1>Typed</h1>" in html
    assert "<h3>Typed</h3>" in render_markdown(typed)
