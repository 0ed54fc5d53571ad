"""/insights/: server-drawn charts, each with a sentence and a data table."""

import datetime
import re

import pytest
from django.utils import timezone

from sightings.insights import build_insights
from sightings.models import FollowUp, Sighting
from tests.factories import FollowUpFactory, SightingFactory, UserFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def seen(db):
    author = UserFactory()
    made = [
        SightingFactory(
            published=True,
            author=author,
            shifts=["me-to-we"],
            setting=Sighting.Setting.EDUCATION,
            connection=Sighting.Connection.BRIDGING,
            date_observed=days_ago(10),
        ),
        SightingFactory(
            published=True,
            author=author,
            shifts=["me-to-we", "doubting-to-trusting"],
            setting=Sighting.Setting.EDUCATION,
            connection=Sighting.Connection.BONDING,
            date_observed=days_ago(10),
        ),
        SightingFactory(
            published=True,
            author=author,
            shifts=["doubting-to-trusting"],
            setting=Sighting.Setting.HEALTH_AND_CARE,
            connection=Sighting.Connection.BRIDGING,
            date_observed=days_ago(400),
        ),
    ]
    # Never counted: a draft, a declined and a withdrawn sighting, and one seen too long ago.
    for status in [Sighting.Status.DRAFT, Sighting.Status.DECLINED, Sighting.Status.WITHDRAWN]:
        SightingFactory(
            status=status,
            shifts=["me-to-we"],
            setting=Sighting.Setting.EDUCATION,
            connection=Sighting.Connection.BONDING,
            date_observed=days_ago(10),
        )
    FollowUpFactory(sighting=made[0], outcome=FollowUp.Outcome.STILL_HAPPENING)
    FollowUpFactory(sighting=made[1], outcome=FollowUp.Outcome.STOPPED)
    return made


def by_slug():
    return {insight.slug: insight for insight in build_insights()}


def test_shifts_per_month_counts_published_sightings_in_the_last_24_months(seen):
    insight = by_slug()["shifts-per-month"]
    assert len(insight.rows) == 24
    assert insight.columns[0] == "Month"
    me_to_we = insight.columns.index("Me → We")
    trusting = insight.columns.index("Doubting → Trusting")
    assert sum(row[me_to_we] for row in insight.rows) == 2
    assert sum(row[trusting] for row in insight.rows) == 2
    this_month = days_ago(10).strftime("%b %Y")
    row = next(r for r in insight.rows if r[0] == this_month)
    assert row[me_to_we] == 2


def test_shifts_by_setting(seen):
    insight = by_slug()["shifts-by-setting"]
    rows = {row[0]: row[1:] for row in insight.rows}
    assert set(rows) == {"Education", "Health and care"}
    assert rows["Education"] == [1, 0, 0, 0, 2]
    assert rows["Health and care"] == [1, 0, 0, 0, 0]
    assert insight.sentence.startswith("Education is the setting with the most sightings")


def test_bonding_and_bridging_over_time(seen):
    insight = by_slug()["bonding-and-bridging"]
    bonding = sum(row[1] for row in insight.rows)
    bridging = sum(row[2] for row in insight.rows)
    assert (bonding, bridging) == (1, 2)
    assert "2 published sightings brought together people unlike each other" in insight.sentence


def test_how_shifts_last_uses_the_newest_follow_up(seen):
    FollowUpFactory(
        sighting=seen[1],
        outcome=FollowUp.Outcome.GROWN,
        observed_on=days_ago(-1) + datetime.timedelta(days=1),
    )
    insight = by_slug()["how-shifts-last"]
    assert dict(insight.rows) == {"Still happening": 1, "Grown": 1, "Faded": 0, "Stopped": 0}
    assert "Of the 2 published sightings with a follow-up, 2 (100%)" in insight.sentence


def test_the_page_draws_accessible_svg_with_tables_and_sentences(client, seen):
    html = client.get("/insights/").content.decode()
    assert html.count('<svg class="chart__svg"') == 4
    assert html.count('role="img"') == 4
    for slug in [
        "shifts-per-month",
        "shifts-by-setting",
        "bonding-and-bridging",
        "how-shifts-last",
    ]:
        assert f'<title id="{slug}-title">' in html
        assert f'<desc id="{slug}-desc">' in html
        assert f'aria-labelledby="{slug}-title {slug}-desc"' in html
    assert html.count("<table") == 4
    assert html.count('class="insight__sentence"') == 4
    # The Content Security Policy forbids inline styles; charts use attributes and classes.
    assert "style=" not in html
    assert "<script" not in html


def test_the_page_works_with_nothing_published(client):
    SightingFactory(shifts=["me-to-we"])
    response = client.get("/insights/")
    assert response.status_code == 200
    assert "No published sighting has a follow-up yet." in response.content.decode()


def test_unpublished_sightings_never_count(client, seen):
    html = client.get("/insights/").content.decode()
    education = re.search(r'<th scope="row">Education</th>(.*?)</tr>', html).group(1)
    assert re.findall(r"<td>(\d+)</td>", education) == ["1", "0", "0", "0", "2"]


@pytest.mark.parametrize("count", [5, 50])
def test_insights_run_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    author = UserFactory()
    for n in range(count):
        sighting = SightingFactory(
            published=True,
            author=author,
            shifts=["me-to-we", "competing-to-co-operating"][: 1 + n % 2],
            date_observed=days_ago(30 * (n % 20)),
            connection=[Sighting.Connection.BONDING, Sighting.Connection.BRIDGING][n % 2],
        )
        if n % 3 == 0:
            FollowUpFactory(sighting=sighting)
    # Five counting queries, then the database cache's read, write and savepoints.
    with django_assert_max_num_queries(12):
        assert client.get("/insights/").status_code == 200
    # Counted once, then served from the cache until it expires.
    with django_assert_max_num_queries(1):
        assert client.get("/insights/").status_code == 200


def test_a_withdrawn_sighting_stops_counting_at_once(client, seen):
    def education_row():
        html = client.get("/insights/").content.decode()
        return re.search(r'<th scope="row">Education</th>(.*?)</tr>', html).group(1)

    before = education_row()
    withdrawn = Sighting.objects.published().filter(setting=Sighting.Setting.EDUCATION).first()
    withdrawn.withdraw(by=withdrawn.author)

    assert education_row() != before
