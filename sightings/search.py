"""Searching published sightings by what people type into the search box.

On PostgreSQL every sighting carries a stored, weighted search vector (title and
themes weigh most, then the summary, then the story and place), kept current by
database triggers (see migration 0003) and indexed with GIN. Queries use web-search
syntax: "mutual aid" -covid OR trust. On SQLite, used for development and quick
tests, each word must appear somewhere in the same fields.

A broad word can match most of the table, so a search is bounded from the start:
only the newest SEARCH_LIMIT matches (newest seen, as the list is sorted) are counted,
faceted, ranked and paged. They are found once, by walking the newest-seen index and
testing each sighting's vector until there are enough (for two words on a few per cent
of sightings, some thousands of rows), and every later query of the page reads those
ids alone. That keeps counting and ranking cheap however large the table grows, and a
search "seen up to" a date years back starts its walk at that date rather than reading
every sighting seen since.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from sightings.models import Sighting, ThemedSighting, among

SEARCH_CONFIG = "english"
SEARCH_LIMIT = 250
SNIPPET_WORDS = 30

# Private-use characters mark the matched words inside a headline, so the text
# around them can be escaped before the marks become <mark> elements.
_START, _STOP = "\ue000", "\ue001"
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)


def uses_full_text():
    return connection.vendor == "postgresql"


def search_query(text):
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


def plain_words(text):
    """The words to look for on SQLite: web-search operators are dropped."""
    words = []
    for word in _WORD.findall(text):
        word = word.strip("-'’")
        if word and word.upper() != "OR" and word.lower() not in words:
            words.append(word.lower())
    return words


def matching(queryset, text):
    """The sightings of queryset that match the search text, newest first, bounded."""
    text = text.strip()
    if not text:
        return queryset
    if uses_full_text():
        matches = queryset.filter(search_vector=search_query(text))
    else:
        matches = queryset.filter(_contains_every_word(plain_words(text)))
    newest = matches.order_by("-date_observed", "-published_at", "-pk").values_list("pk", flat=True)
    return Sighting.objects.filter(pk__in=among(newest[:SEARCH_LIMIT]))


def _contains_every_word(words):
    condition = Q()
    for word in words:
        themed = ThemedSighting.objects.filter(tag__name__icontains=word).values(
            "content_object_id"
        )
        condition &= (
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(story__icontains=word)
            | Q(place__icontains=word)
            | Q(pk__in=themed)
        )
    return condition if words else Q(pk__in=[])


def by_relevance(queryset, text):
    """Best matches first. The queryset is already bounded by matching()."""
    if not uses_full_text():
        return queryset.order_by("-published_at", "-pk")
    rank = SearchRank(F("search_vector"), search_query(text))
    return queryset.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")


def add_snippets(sightings, text):
    """Give each shown sighting a snippet with the matched words marked.

    Only the rows on the page are highlighted: ts_headline reads the whole
    document, so it is never run over every match.
    """
    sightings = list(sightings)
    text = text.strip()
    if not sightings or not text:
        return sightings
    if uses_full_text():
        headlines = _headlines([sighting.pk for sighting in sightings], text)
    else:
        headlines = {s.pk: _plain_headline(s, plain_words(text)) for s in sightings}
    for sighting in sightings:
        sighting.snippet = _marked(headlines.get(sighting.pk, ""))
    return sightings


def _headlines(pks, text):
    document = Concat(
        "summary", Value(" … "), "story", Value(" … "), "place", output_field=TextField()
    )
    headline = SearchHeadline(
        document,
        search_query(text),
        config=SEARCH_CONFIG,
        start_sel=_START,
        stop_sel=_STOP,
        max_words=SNIPPET_WORDS,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    rows = Sighting.objects.filter(pk__in=pks).annotate(headline=headline)
    return dict(rows.values_list("pk", "headline"))


def _plain_headline(sighting, words):
    document = f"{sighting.summary} … {sighting.story} … {sighting.place}"
    lowered = document.lower()
    found = [lowered.find(word) for word in words if lowered.find(word) >= 0]
    if not found:
        return ""
    start = max(0, min(found) - 60)
    excerpt = document[start : start + 240]
    for word in words:
        excerpt = re.sub(
            f"({re.escape(word)})", f"{_START}\\1{_STOP}", excerpt, flags=re.IGNORECASE
        )
    return ("… " if start else "") + excerpt


def _marked(headline):
    """Escape the headline, then turn the match markers into <mark> elements."""
    if _START not in (headline or ""):
        return ""
    html = escape(headline).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(html)
