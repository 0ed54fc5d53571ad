"""The Atom feed, the CSV and JSON downloads, the Open data page and the sitemap."""

import csv
import io
import json
import re

import feedparser
import pytest

from cells.models import CellNote
from sightings import export
from sightings.models import Sighting
from tests.factories import (
    CellFactory,
    CellNoteFactory,
    FollowUpFactory,
    SightingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# The open data's columns, in order: a contract with everyone who reads the files.
COLUMNS = [
    "id",
    "url",
    "title",
    "summary",
    "story",
    "place",
    "date_observed",
    "setting",
    "connection",
    "shifts",
    "themes",
    "source_url",
    "published_at",
    "latest_follow_up",
    "direction",
    "place_ref",
]

UNPUBLISHED = set(Sighting.Status) - {Sighting.Status.PUBLISHED}


@pytest.fixture
def sightings(db):
    made = {
        "we": SightingFactory(
            published=True,
            title="Parents share a kitchen",
            setting=Sighting.Setting.EDUCATION,
            shifts=["me-to-we", "doubting-to-trusting"],
            themes=["food", "Schools"],
        ),
        "trust": SightingFactory(
            published=True,
            title="A surgery that trusts its receptionists",
            setting=Sighting.Setting.HEALTH_AND_CARE,
            shifts=["doubting-to-trusting"],
        ),
    }
    for status in UNPUBLISHED:
        SightingFactory(status=status, title=f"Hidden {status}", shifts=["me-to-we"])
    return made


def body(response):
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def read_csv(client, query=""):
    response = client.get(f"/sightings/export.csv{query}")
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(body(response))))


def read_json(client, query=""):
    response = client.get(f"/sightings/export.json{query}")
    assert response["Content-Type"].startswith("application/json")
    return json.loads(body(response))


def test_the_feed_parses_and_lists_only_published_sightings(client, sightings):
    feed = feedparser.parse(body(client.get("/sightings/feed/")))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = {entry.title for entry in feed.entries}
    assert titles == {"Parents share a kitchen", "A surgery that trusts its receptionists"}
    entry = next(e for e in feed.entries if e.title == "Parents share a kitchen")
    assert entry.link.endswith(sightings["we"].get_absolute_url())
    assert {tag.term for tag in entry.tags} == {"Me → We", "Doubting → Trusting"}


def test_the_feed_honours_the_shift_filter(client, sightings):
    feed = feedparser.parse(body(client.get("/sightings/feed/?shift=me-to-we")))
    assert [entry.title for entry in feed.entries] == ["Parents share a kitchen"]
    assert "Me → We" in feed.feed.title
    assert feed.feed.link.endswith("/sightings/?shift=me-to-we")


def test_the_feed_honours_the_other_filters(client, sightings):
    feed = feedparser.parse(body(client.get("/sightings/feed/?setting=health-and-care")))
    assert [entry.title for entry in feed.entries] == ["A surgery that trusts its receptionists"]
    feed = feedparser.parse(body(client.get("/sightings/feed/?q=kitchen")))
    assert [entry.title for entry in feed.entries] == ["Parents share a kitchen"]


def test_the_csv_has_stable_columns_and_only_published_rows(client, sightings):
    response = client.get("/sightings/export.csv")
    text = body(response)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["title"] for row in rows} == {
        "Parents share a kitchen",
        "A surgery that trusts its receptionists",
    }
    row = next(r for r in rows if r["title"] == "Parents share a kitchen")
    we = sightings["we"]
    assert row["id"] == str(we.pk)
    assert row["url"] == f"http://testserver{we.get_absolute_url()}"
    assert row["shifts"] == "doubting-to-trusting|me-to-we"
    assert row["themes"] == "food|schools"
    assert row["setting"] == "education"
    assert row["date_observed"] == we.date_observed.isoformat()
    assert row["latest_follow_up"] == ""
    assert 'rel="license"' in response["Link"]


def test_the_csv_honours_filters(client, sightings):
    assert [r["title"] for r in read_csv(client, "?shift=me-to-we")] == ["Parents share a kitchen"]
    assert [r["title"] for r in read_csv(client, "?setting=health-and-care")] == [
        "A surgery that trusts its receptionists"
    ]
    assert read_csv(client, "?theme=food&setting=health-and-care") == []


def test_the_csv_defuses_spreadsheet_formulas(client):
    SightingFactory(published=True, title="=HYPERLINK(1)", place="@home")
    row = read_csv(client)[0]
    assert row["title"] == "'=HYPERLINK(1)"
    assert row["place"] == "'@home"


def test_the_json_carries_the_licence_and_honours_filters(client, sightings):
    FollowUpFactory(sighting=sightings["trust"], outcome="grown")
    data = read_json(client)
    assert data["licence"] == "CC BY 4.0"
    assert data["licence_url"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert data["columns"] == COLUMNS
    assert len(data["sightings"]) == 2
    assert all(list(item) == COLUMNS for item in data["sightings"])
    trust = next(i for i in data["sightings"] if i["id"] == sightings["trust"].pk)
    assert trust["latest_follow_up"] == "grown"
    filtered = read_json(client, "?shift=me-to-we&theme=food")
    assert [item["title"] for item in filtered["sightings"]] == ["Parents share a kitchen"]
    assert read_json(client, "?q=nothing-matches-this")["sightings"] == []


def test_exports_are_streamed(client, sightings):
    assert client.get("/sightings/export.csv").streaming
    assert client.get("/sightings/export.json").streaming


def test_exports_read_many_rows_chunk_by_chunk(client, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_SIZE", 2)
    author = UserFactory()
    for n in range(5):
        SightingFactory(published=True, author=author, title=f"S{n}", themes=[f"t{n}"])
    rows = read_csv(client)
    assert sorted(r["title"] for r in rows) == [f"S{n}" for n in range(5)]
    assert all(r["themes"] == f"t{r['title'][1:]}" for r in rows)


def test_the_open_data_page_documents_every_column(client):
    html = body(client.get("/open-data/"))
    for name in COLUMNS:
        assert f"<code>{name}</code>" in html
    assert "CC BY 4.0" in html
    assert "me-to-we" in html and "health-and-care" in html


def locations(xml):
    return re.findall(r"<loc>http://testserver([^<]+)</loc>", xml)


def sitemap_urls(client):
    return locations(body(client.get("/sitemap.xml")))


def test_each_section_has_its_own_sitemap_too(client, sightings):
    urls = locations(body(client.get("/sitemap-sightings.xml")))
    assert sightings["we"].get_absolute_url() in urls
    assert "/shifts/me-to-we/" not in urls


def test_the_sitemap_lists_only_what_the_public_may_see(client, sightings):
    cell = CellFactory()
    note = CellNoteFactory(cell=cell, published=True)
    draft = CellNoteFactory(cell=cell, status=CellNote.Status.DRAFT)
    SightingFactory(themes=["secret"])
    urls = sitemap_urls(client)
    assert sightings["we"].get_absolute_url() in urls
    assert sightings["trust"].get_absolute_url() in urls
    assert "/shifts/me-to-we/" in urls
    assert "/themes/food/" in urls
    assert cell.get_absolute_url() in urls
    assert note.get_absolute_url() in urls
    assert draft.get_absolute_url() not in urls
    assert "/themes/secret/" not in urls
    assert not [url for url in urls if "hidden" in url]


def test_a_control_character_in_what_people_wrote_never_breaks_a_feed(client):
    SightingFactory(published=True, title="Bell\x0bringers", summary="Escape\x1b here")
    note = CellNoteFactory(published=True, title="Minutes\x0b of March")

    cell_feed = f"{note.cell.get_absolute_url()}feed/"
    for path in ["/sightings/feed/", "/sightings/feed/?q=bell%0B", cell_feed]:
        response = client.get(path)
        assert response.status_code == 200, path
        feed = feedparser.parse(response.content)
        assert not feed.bozo, path
    assert "Bellringers" in client.get("/sightings/feed/").content.decode()


def test_the_sitemap_drops_a_withdrawn_sighting_at_once(client, sightings):
    sighting = sightings["we"]
    assert sighting.get_absolute_url() in sitemap_urls(client)

    sighting.withdraw(by=sighting.author)

    assert sighting.get_absolute_url() not in sitemap_urls(client)
