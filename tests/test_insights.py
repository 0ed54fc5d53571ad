"""/insights/: server-drawn charts, each with a sentence, a data table and a CSV,
narrowed by the list's filters."""

import csv
import datetime
import io
import re

import pytest
from django.http import QueryDict
from django.utils import timezone

from sightings.filters import SightingFilter
from sightings.insights import BUSY_MONTH, ENOUGH_AT_A_PLACE, Period, build_insights
from sightings.models import FollowUp, Sighting
from tests.factories import FollowUpFactory, SightingFactory, UserFactory

pytestmark = pytest.mark.django_db

CHARTS = [
    "shifts-over-time",
    "forward-and-back",
    "shifts-by-setting",
    "places-compared",
    "bonding-and-bridging",
    "bridging-share",
    "how-shifts-last",
    "outcomes-per-shift",
]


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
    # Never counted: a draft, a declined and a withdrawn sighting.
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


def by_slug(query=""):
    sighting_filter = SightingFilter(
        QueryDict(query) if query else None, queryset=Sighting.objects.published()
    )
    return {insight.slug: insight for insight in build_insights(sighting_filter)}


def column(insight, name):
    return insight.columns.index(name)


def test_the_period_is_eight_whole_quarters_up_to_today():
    period = Period.ending(datetime.date(2026, 12, 1))
    assert period.quarters[0] == datetime.date(2025, 1, 1)
    assert period.quarters[-1] == datetime.date(2026, 10, 1)
    assert len(period.months) == 24
    assert period.words == "from January 2025 to December 2026"


def test_sparse_months_are_counted_by_quarter_and_the_totals_stated(seen):
    insight = by_slug()["shifts-over-time"]
    assert insight.title == "Sightings of each shift, quarter by quarter"
    assert insight.columns[0] == "Quarter"
    assert len(insight.rows) == 8 + 1
    assert insight.rows[-1] == ["Total", 2, 0, 0, 0, 2]
    me_to_we = column(insight, "Me → We")
    assert insight.rows[-2][me_to_we] == 2  # this quarter
    assert "Counts are by quarter" in insight.sentence
    assert insight.sentence.startswith("From ")
    # One small chart per shift, all on one scale.
    assert [panel["name"] for panel in insight.chart["panels"]] == insight.columns[1:]
    assert insight.chart["top"] == 4


def test_busy_months_are_counted_by_month(db):
    author = UserFactory()
    for _ in range(BUSY_MONTH):
        SightingFactory(published=True, author=author, date_observed=days_ago(0))
    insight = by_slug()["shifts-over-time"]
    assert insight.title == "Sightings of each shift, month by month"
    assert insight.columns[0] == "Month"
    this_month = timezone.localdate().strftime("%b %Y")
    row = next(r for r in insight.rows if r[0] == this_month)
    assert row[column(insight, "Me → We")] == BUSY_MONTH
    assert "by quarter" not in insight.sentence


def test_forward_and_back_per_shift_per_quarter(seen):
    seen[1].direction = Sighting.Direction.BACK
    seen[1].save()
    insight = by_slug()["forward-and-back"]
    assert insight.columns[0] == "Shift and direction"
    assert len(insight.columns) == 1 + 8 + 1
    rows = {row[0]: row[1:] for row in insight.rows}
    assert rows["Me → We: moving forward"][-2:] == [1, 1]  # this quarter, and the total
    assert rows["Me → We: slipping back"][-2:] == [1, 1]
    assert rows["Doubting → Trusting: slipping back"][-1] == 1
    assert rows["Doubting → Trusting: moving forward"][-1] == 1
    assert rows["Me → We: slipping back"][:-2] == [0] * 7
    # Each shift's panel draws forward above its line and slipping back below it.
    panel = next(p for p in insight.chart["panels"] if p["name"] == "Me → We")
    assert {bar["css"] for bar in panel["bars"]} == {"series--forward", "series--back"}
    back = next(bar for bar in panel["bars"] if bar["css"] == "series--back")
    assert back["y"] == panel["axis_y"]
    assert panel["total"] == "1 forward, 1 back"
    assert insight.sentence.startswith("From ")
    assert "seen 4 times and 2 of them (50%) were slipping back" in insight.sentence
    assert "2 were seen slipping back in Q" in insight.sentence


def test_forward_and_back_says_when_nothing_slips_back(seen):
    insight = by_slug()["forward-and-back"]
    assert "seen moving forward every time (4 times in all)" in insight.sentence
    assert "none was seen slipping back" in insight.sentence


def test_one_sighting_slipping_back_this_quarter_is_said_in_the_singular(seen):
    seen[0].direction = Sighting.Direction.BACK
    seen[0].save()
    insight = by_slug()["forward-and-back"]
    assert "1 was seen slipping back in Q" in insight.sentence
    assert "1 of them (25%) was slipping back" in insight.sentence


def _at(place, count, shifts, author):
    for _ in range(count):
        sighting = SightingFactory(published=True, author=author, place=place, shifts=shifts)
        sighting.match_place()
        sighting.save()


@pytest.fixture
def places(db):
    """Swansea mostly Me → We, Hull mostly Doubting → Trusting, Leeds too small to compare."""
    author = UserFactory()
    _at("Swansea", 4, ["me-to-we"], author)
    _at("Swansea", 1, ["doubting-to-trusting"], author)
    _at("Hull", 1, ["me-to-we"], author)
    _at("Hull", 5, ["doubting-to-trusting"], author)
    _at("Leeds", ENOUGH_AT_A_PLACE - 1, ["me-to-we"], author)


def test_places_compared_names_where_each_shift_is_most_and_least_reported(places):
    insight = by_slug()["places-compared"]
    rows = {row[0]: row[1:] for row in insight.rows}
    assert rows["Me → We"] == ["Swansea", "80%", "4 of 5", "Hull", "17%", "1 of 6"]
    assert rows["Doubting → Trusting"] == ["Hull", "83%", "5 of 6", "Swansea", "20%", "1 of 5"]
    assert "Leeds" not in str(insight.rows)
    assert f"at least {ENOUGH_AT_A_PLACE} published sightings" in insight.note
    assert "1 place with fewer is left out" in insight.note
    assert insight.sentence == (
        "Of 2 places with enough sightings to compare, the widest gap is in Doubting → "
        "Trusting: it is in 83% of Hull’s sightings (5 of 6) but 20% of Swansea’s (1 of 5)."
    )


def test_places_compared_count_every_shift_at_a_place_when_one_shift_is_chosen(places):
    insight = by_slug("shift=me-to-we")["places-compared"]
    assert [row[:4] for row in insight.rows] == [["Me → We", "Swansea", "80%", "4 of 5"]]


def test_places_compared_say_so_when_too_few_places_have_enough(client, places):
    insight = by_slug("place_ref=swansea")["places-compared"]
    assert insight.rows == []
    assert insight.sentence.startswith("Fewer than two places have")
    html = client.get("/insights/?place_ref=swansea").content.decode()
    section = html[html.index('id="places-compared"') : html.index('id="bonding-and-bridging"')]
    assert "Fewer than two places have" in section
    assert "<svg" not in section
    assert "<table" in section


def test_a_place_narrows_every_chart_and_its_csv(client, places):
    insights = by_slug("place_ref=hull")
    assert insights["shifts-over-time"].rows[-1] == ["Total", 5, 0, 0, 0, 1]
    assert insights["shifts-by-setting"].rows == [["Neighbourhood and community", 5, 0, 0, 0, 1]]
    response = client.get("/insights/shifts-by-setting.csv?place_ref=hull&direction=forward")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1:] == [["Neighbourhood and community", "5", "0", "0", "0", "1"]]
    html = client.get("/insights/?place_ref=hull").content.decode()
    assert "Place: Hull" in html
    assert '<input type="hidden" name="place_ref" value="hull">' in html
    for slug in CHARTS:
        assert f'href="/insights/{slug}.csv?place_ref=hull"' in html
    assert 'href="/insights/?place_ref=hull"' in client.get("/places/hull/").content.decode()


@pytest.mark.parametrize("query", ["place_ref=no-such-place", "place_ref=%00", "direction=up"])
def test_an_unknown_place_or_direction_leaves_the_charts_unfiltered(client, seen, query):
    response = client.get(f"/insights/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    education = re.search(r'<th scope="row">Education</th>(.*?)</tr>', html).group(1)
    assert re.findall(r"<td>(\d+)</td>", education) == ["1", "0", "0", "0", "2"]
    csv_response = client.get(f"/insights/shifts-by-setting.csv?{query}")
    assert csv_response.status_code == 200


def test_a_direction_narrows_every_chart(seen):
    seen[1].direction = Sighting.Direction.BACK
    seen[1].save()
    insights = by_slug("direction=back")
    assert insights["shifts-over-time"].rows[-1] == ["Total", 1, 0, 0, 0, 1]
    rows = {row[0]: row[-1] for row in insights["forward-and-back"].rows}
    assert rows["Me → We: moving forward"] == 0
    assert rows["Me → We: slipping back"] == 1


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


def test_the_share_of_bridging_compares_the_earlier_year_with_the_later(db):
    author = UserFactory()
    earlier, later = days_ago(600), days_ago(5)
    for connection, seen_on in [
        ("bridging", earlier),
        ("both", earlier),
        ("bonding", earlier),
        ("bridging", later),
        ("bonding", later),
        ("bonding", later),
        ("bonding", later),
        ("not-sure", later),
    ]:
        SightingFactory(
            published=True,
            author=author,
            shifts=["me-to-we"],
            connection=connection,
            date_observed=seen_on,
        )
    insight = by_slug()["bridging-share"]
    row = next(r for r in insight.rows if r[0] == "Me → We")
    assert row[1:] == ["67% (2 of 3)", "25% (1 of 4)"]
    assert insight.sentence == (
        "Bridging’s share fell in 1 shift of the 1 with sightings in both years, most in "
        "Me → We: from 67% (2 of 3) to 25% (1 of 4)."
    )


def test_how_shifts_last_uses_the_newest_follow_up(seen):
    FollowUpFactory(
        sighting=seen[1],
        outcome=FollowUp.Outcome.GROWN,
        observed_on=days_ago(-1) + datetime.timedelta(days=1),
    )
    insight = by_slug()["how-shifts-last"]
    assert dict(insight.rows) == {"Still happening": 1, "Grown": 1, "Faded": 0, "Stopped": 0}
    assert "Of the 2 published sightings with a follow-up, 2 (100%)" in insight.sentence


def test_follow_up_outcomes_per_shift(seen):
    insight = by_slug()["outcomes-per-shift"]
    rows = {row[0]: row[1:] for row in insight.rows}
    # Still happening, grown, faded, stopped, followed up.
    assert rows["Me → We"] == [1, 0, 0, 1, 2]
    assert rows["Doubting → Trusting"] == [0, 0, 0, 1, 1]
    assert insight.sentence == (
        "Me → We lasts best: 1 of its 2 followed-up sightings (50%) were still happening or "
        "had grown; Doubting → Trusting least: 0 of 1 (0%)."
    )


def test_a_shift_filter_narrows_every_chart_to_that_shift(seen):
    insights = by_slug("shift=doubting-to-trusting")
    assert insights["shifts-over-time"].columns == ["Quarter", "Doubting → Trusting"]
    assert insights["shifts-by-setting"].columns == ["Setting", "Doubting → Trusting"]
    assert [row[0] for row in insights["outcomes-per-shift"].rows] == ["Doubting → Trusting"]
    # Sightings showing the shift, whatever else they show.
    assert dict(insights["how-shifts-last"].rows)["Stopped"] == 1
    assert dict(insights["how-shifts-last"].rows)["Still happening"] == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The second sighting shows both shifts and is counted once, not once a shift.
        ("shift=me-to-we", (1, 1)),
        ("shift=doubting-to-trusting", (1, 1)),
        ("shift=me-to-we&shift=doubting-to-trusting", (1, 2)),
    ],
)
def test_bonding_and_bridging_counts_each_sighting_of_the_chosen_shifts_once(seen, query, expected):
    insight = by_slug(query)["bonding-and-bridging"]
    bonding = sum(row[1] for row in insight.rows)
    bridging = sum(row[2] for row in insight.rows)
    assert (bonding, bridging) == expected


def test_a_setting_filter_narrows_every_chart(seen):
    insights = by_slug("setting=health-and-care")
    assert [row[0] for row in insights["shifts-by-setting"].rows] == ["Health and care"]
    assert insights["shifts-over-time"].rows[-1] == ["Total", 1, 0, 0, 0, 0]
    assert insights["how-shifts-last"].sentence == "No published sighting has a follow-up yet."


def test_the_page_draws_accessible_svg_with_tables_sentences_and_csvs(client, seen, places):
    html = client.get("/insights/").content.decode()
    assert html.count('<svg class="chart__svg"') == len(CHARTS)
    assert html.count('role="img"') == len(CHARTS)
    for slug in CHARTS:
        assert f'<title id="{slug}-title">' in html
        assert f'<desc id="{slug}-desc">' in html
        assert f'aria-labelledby="{slug}-title {slug}-desc"' in html
        assert f'href="/insights/{slug}.csv"' in html
    assert html.count("<table") == len(CHARTS)
    assert html.count('class="insight__sentence"') == len(CHARTS)
    # The Content Security Policy forbids inline styles; charts use attributes and classes.
    assert "style=" not in html
    assert "<script" not in html


def test_the_page_keeps_the_filters_in_every_csv_link_and_shows_them(client, seen):
    html = client.get("/insights/?shift=me-to-we&setting=education&page=3").content.decode()
    assert 'href="/insights/shifts-by-setting.csv?shift=me-to-we&amp;setting=education"' in html
    assert "Shift: Me → We" in html
    assert 'href="/sightings/?shift=me-to-we&amp;setting=education"' in html


def test_each_chart_downloads_its_numbers_as_csv(client, seen):
    response = client.get("/insights/shifts-by-setting.csv?setting=education")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "observatory-shifts-by-setting.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Setting"
    assert rows[1:] == [["Education", "1", "0", "0", "0", "2"]]


def test_an_unknown_chart_is_404(client):
    assert client.get("/insights/no-such-chart.csv").status_code == 404


def test_unknown_filter_values_are_ignored_not_an_error(client, seen):
    response = client.get("/insights/?shift=nonsense&setting=moon&theme=&from=yesterday")
    assert response.status_code == 200
    html = response.content.decode()
    education = re.search(r'<th scope="row">Education</th>(.*?)</tr>', html).group(1)
    assert re.findall(r"<td>(\d+)</td>", education) == ["1", "0", "0", "0", "2"]


def test_the_page_works_with_nothing_published(client):
    SightingFactory(shifts=["me-to-we"])
    response = client.get("/insights/")
    assert response.status_code == 200
    assert "No published sighting has a follow-up yet." in response.content.decode()


def test_unpublished_sightings_never_count(client, seen):
    html = client.get("/insights/").content.decode()
    education = re.search(r'<th scope="row">Education</th>(.*?)</tr>', html).group(1)
    assert re.findall(r"<td>(\d+)</td>", education) == ["1", "0", "0", "0", "2"]


def test_a_withdrawn_sighting_stops_counting_at_once(client, seen):
    def education_row():
        html = client.get("/insights/").content.decode()
        return re.search(r'<th scope="row">Education</th>(.*?)</tr>', html).group(1)

    before = education_row()
    withdrawn = Sighting.objects.published().filter(setting=Sighting.Setting.EDUCATION).first()
    withdrawn.withdraw(by=withdrawn.author)

    assert education_row() != before


def test_hidden_follow_ups_count_in_no_chart(seen, convenor):
    stopped = FollowUp.objects.get(outcome=FollowUp.Outcome.STOPPED)
    stopped.hide(by=convenor, reason="Posted by a script.")
    insights = by_slug()
    rows = {row[0]: row[1:] for row in insights["outcomes-per-shift"].rows}
    assert rows["Me → We"] == [1, 0, 0, 0, 1]
    assert rows["Doubting → Trusting"] == [0, 0, 0, 0, 0]
    assert dict(insights["how-shifts-last"].rows)["Stopped"] == 0
