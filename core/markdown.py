"""Markdown written by members, rendered once on save and sanitised before anyone sees it."""

import re

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

_HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


def _demote_headings(html):
    """Every heading two levels down: a writer's "# Heading" becomes an h3.

    The page's own title is its only h1 and its sections are h2, so the outline stays
    whole. Done on the HTML, not with Python-Markdown's TocExtension(baselevel=3),
    which demotes Markdown headings but leaves headings typed as raw HTML (<h1>) where
    they are (tests/test_markdown.py).
    """
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}", html)


def render_markdown(text):
    html = markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        _demote_headings(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener",
    )
