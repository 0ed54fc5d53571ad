"""Search: web-search syntax and ranking on PostgreSQL, a contains search on SQLite."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightings import search
from sightings.models import Sighting, Theme
from tests.factories import SightingFactory, UserFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search (tsvector, websearch_to_tsquery) needs PostgreSQL; "
    "SQLite uses the contains search tested above",
)

STORY = "They met every week in the library."


def found(client, query):
    # Rendered afresh, for a signed-in reader: some changes here go behind the ORM's back
    # (QuerySet.update), which the pages kept for visitors only notice when they expire.
    if "_auth_user_id" not in client.session:
        client.force_login(UserFactory())
    response = client.get(f"/sightings/?{query}")
    assert response.status_code == 200
    return [sighting.title for sighting in response.context["page"].object_list]


def test_search_looks_in_title_summary_story_place_and_themes(client):
    SightingFactory(published=True, title="Allotment swap", story=STORY)
    SightingFactory(published=True, title="B", summary="A choir for carers.", story=STORY)
    SightingFactory(published=True, title="C", story="The allotment gave way to a choir.")
    SightingFactory(published=True, title="D", place="Aberystwyth", story=STORY)
    SightingFactory(published=True, title="E", themes=["befriending"], story=STORY)
    assert set(found(client, "q=allotment")) == {"Allotment swap", "C"}
    assert set(found(client, "q=choir")) == {"B", "C"}
    assert found(client, "q=aberystwyth") == ["D"]
    assert found(client, "q=befriending") == ["E"]


def test_every_word_must_match(client):
    SightingFactory(published=True, title="Allotment choir", story=STORY)
    SightingFactory(published=True, title="Allotment only", story=STORY)
    assert found(client, "q=allotment+choir") == ["Allotment choir"]


def test_search_never_shows_anything_unpublished(client):
    SightingFactory(published=True, title="Published allotment", story=STORY)
    for status in set(Sighting.Status) - {Sighting.Status.PUBLISHED}:
        SightingFactory(status=status, title=f"{status} allotment", story=STORY)
    assert found(client, "q=allotment") == ["Published allotment"]
    assert found(client, "q=allotment&sort=relevance") == ["Published allotment"]


def test_matched_words_are_highlighted_and_the_rest_escaped(client):
    SightingFactory(
        published=True,
        title="Allotment",
        summary="<script>alert(1)</script> The allotment grew.",
        story=STORY,
    )
    html = client.get("/sightings/?q=allotment").content.decode()
    assert "<mark>allotment</mark>" in html.lower()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_search_reaches_at_most_the_newest_matches(client, settings, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_LIMIT", 3)
    SightingFactory.create_batch(5, published=True, title="Allotment", story=STORY)
    response = client.get("/sightings/?q=allotment")
    assert response.context["page"].paginator.count == 3
    assert response.context["search_capped"]
    assert "At least 3 sightings match" in response.content.decode()


def test_a_capped_search_keeps_the_matches_seen_most_recently(client, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_LIMIT", 2)
    # Published last, but seen longest ago: the list's order is by the day seen.
    for title, seen in [("Seen 2024", "2024-05-01"), ("Seen 2023", "2023-05-01")]:
        SightingFactory(published=True, title=title, date_observed=seen, story=STORY)
    SightingFactory(published=True, title="Seen 2019", date_observed="2019-05-01", story=STORY)
    assert found(client, "q=library&sort=newest") == ["Seen 2024", "Seen 2023"]
    assert found(client, "q=library&sort=newest&to=2023-12-31") == ["Seen 2023", "Seen 2019"]


@postgresql_only
def test_a_title_match_ranks_above_a_story_only_match(client):
    story_only = SightingFactory(
        published=True, title="Shared meals", story="The allotment fed the street."
    )
    title_match = SightingFactory(published=True, title="The allotment", story=STORY)
    # The story-only match is the newer one, so only ranking can put the title first.
    Sighting.objects.filter(pk=story_only.pk).update(
        published_at=title_match.published_at.replace(year=title_match.published_at.year + 1)
    )
    assert found(client, "q=allotment&sort=relevance") == ["The allotment", "Shared meals"]
    assert found(client, "q=allotment&sort=newest") == ["Shared meals", "The allotment"]
    # With a search and no sort chosen, the best match comes first.
    assert found(client, "q=allotment") == ["The allotment", "Shared meals"]


@postgresql_only
def test_a_theme_match_ranks_above_a_summary_match(client):
    SightingFactory(published=True, title="A", summary="Gardening together.", story=STORY)
    SightingFactory(published=True, title="B", themes=["gardening"], story=STORY)
    assert found(client, "q=gardening&sort=relevance") == ["B", "A"]


@postgresql_only
def test_web_search_syntax(client):
    SightingFactory(published=True, title="Mutual aid in lockdown", story="Covid changed it.")
    SightingFactory(published=True, title="Mutual aid today", story="A food bank.")
    SightingFactory(published=True, title="Aid that was mutual", story="Words apart.")
    SightingFactory(published=True, title="Trust at the surgery", story=STORY)
    assert set(found(client, "q=%22mutual+aid%22")) == {
        "Mutual aid in lockdown",
        "Mutual aid today",
    }
    assert found(client, "q=%22mutual+aid%22+-covid") == ["Mutual aid today"]
    assert set(found(client, "q=%22mutual+aid%22+-covid+OR+trust")) == {
        "Mutual aid today",
        "Trust at the surgery",
    }


@postgresql_only
def test_stemming_finds_other_forms_of_a_word(client):
    SightingFactory(published=True, title="Neighbours trusted each other", story=STORY)
    assert found(client, "q=trusting") == ["Neighbours trusted each other"]


@postgresql_only
def test_the_search_vector_follows_every_save_and_theme_change(client):
    sighting = SightingFactory(published=True, title="Lunch club", story=STORY)
    assert found(client, "q=allotment") == []
    sighting.title = "Allotment club"
    sighting.save()
    assert found(client, "q=allotment") == ["Allotment club"]
    Sighting.objects.filter(pk=sighting.pk).update(summary="Now about beekeeping.")
    assert found(client, "q=beekeeping") == ["Allotment club"]
    sighting.themes.add("orchards")
    assert found(client, "q=orchards") == ["Allotment club"]
    Theme.objects.filter(name="orchards").update(name="cider")
    assert found(client, "q=cider") == ["Allotment club"]
    assert found(client, "q=orchards") == []
    sighting.themes.clear()
    assert found(client, "q=cider") == []


@postgresql_only
def test_the_search_vector_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'sightings_sighting' "
            "AND indexname = 'sighting_search_vector'"
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (search_vector)" in definition


@postgresql_only
def test_the_search_uses_websearch_to_tsquery_and_the_stored_vector(
    client, django_assert_max_num_queries
):

    SightingFactory(published=True, title="Allotment", story=STORY)
    with CaptureQueriesContext(connection) as queries:
        client.get("/sightings/?q=allotment&sort=relevance")
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "websearch_to_tsquery" in sql
    assert '"search_vector" @@' in sql
    assert "ts_rank" in sql
    assert "ts_headline" in sql


@pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="PostgreSQL reads the operators; see test_web_search_syntax",
)
def test_sqlite_search_ignores_web_search_operators(client):
    SightingFactory(published=True, title="Mutual aid today", story=STORY)
    assert found(client, "q=%22mutual+aid%22") == ["Mutual aid today"]
    assert search.plain_words('"mutual aid" -covid OR trust') == ["mutual", "aid", "covid", "trust"]
