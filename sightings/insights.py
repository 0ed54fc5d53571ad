"""The /insights/ page: what the published sightings show, as charts drawn on the server.

The numbers come from sightings/insight_counts.py, read from the tallies kept as
sightings are published or counted from the sightings the list's filters choose
(sightings/filters.py); they are laid out here as plain numbers (bars, panels, ticks)
that the templates draw as SVG. Nothing needs JavaScript; every chart has a data
table, a sentence written from its numbers and a CSV of them; only published sightings
count.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.utils import dateformat, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.generation import cached
from sightings.filters import SightingFilter
from sightings.insight_counts import counts_for
from sightings.models import FollowUp, Place, Shift, Sighting

QUARTERS = 8
# Below this many sightings in the busiest month, months are too sparse to compare and
# the counts are drawn by quarter instead.
BUSY_MONTH = 5
WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 40
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH = 22, 10, 200
# Room to the right of the longest bar for its figure ("100% of 12").
FIGURE_ROOM = 80
PANEL_HEIGHT, PANEL_GAP = 64, 34


@dataclass
class Series:
    name: str
    css_class: str
    values: list
    points: str = ""


@dataclass
class Insight:
    slug: str
    title: str
    sentence: str
    description: str
    kind: str
    columns: list
    rows: list
    chart: dict = field(default_factory=dict)
    # What a reader should know before trusting the chart, such as what was left out.
    note: str = ""


@dataclass
class Period:
    """The stretch of time the charts over time cover: QUARTERS quarters up to today."""

    quarters: list
    months: list

    @classmethod
    def ending(cls, today):
        quarter = _quarter_start(today)
        quarters = [quarter]
        for _earlier in range(QUARTERS - 1):
            quarters.insert(0, _quarter_start(quarters[0] - datetime.timedelta(days=1)))
        months, month = [], quarters[0]
        while month <= today:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return cls(quarters, months)

    @property
    def start(self):
        return self.quarters[0]

    @property
    def words(self):
        return _("from %(start)s to %(end)s") % {
            "start": dateformat.format(self.months[0], "F Y"),
            "end": dateformat.format(self.months[-1], "F Y"),
        }

    @property
    def midpoint(self):
        """The start of the later half, for comparing the earlier year with the later."""
        return self.quarters[QUARTERS // 2]

    def half_words(self, later):
        quarters = self.quarters[QUARTERS // 2 :] if later else self.quarters[: QUARTERS // 2]
        return _("%(start)s to %(end)s") % {
            "start": quarter_label(quarters[0]),
            "end": quarter_label(quarters[-1]),
        }


def quarter_label(day):
    # Translators: a quarter of the year, as in "Q1 2026".
    return _("Q%(quarter)s %(year)s") % {"quarter": (day.month - 1) // 3 + 1, "year": day.year}


def _quarter_start(day):
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def _share(part, whole):
    return round(100 * part / whole) if whole else 0


# Part of every entry's key; changed whenever the shape of the insights changes.
FORMAT = 3


def insights_for(sighting_filter, today=None):
    """The charts for the sightings the filter chooses, counted again only once what is
    published has changed (or the month has)."""
    today = today or timezone.localdate()
    # The words of the charts are in the reader's language, so each language has its own.
    language = translation.get_language() or "en"
    key = f"insights:{FORMAT}:{language}:{_filter_key(sighting_filter)}:{today:%Y-%m}"
    return cached({key: lambda: build_insights(sighting_filter, today)})[key]


def _filter_key(sighting_filter):
    # The filters as understood, not as typed: values the form drops share one entry.
    chosen = {}
    if sighting_filter.is_bound:
        sighting_filter.form.is_valid()
        chosen = sighting_filter.form.cleaned_data
    text = repr(
        sorted(
            (name, sorted(map(_as_key, value)) if isinstance(value, list) else _as_key(value))
            for name, value in chosen.items()
            if value not in (None, "", [], False) and name != "sort"
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _as_key(value):
    # A filter may clean to an object, such as the Place a slug names.
    return f"pk:{value.pk}" if hasattr(value, "pk") else str(value)


def build_insights(sighting_filter=None, today=None):
    """The charts for the sightings the filter chooses; every published one without."""
    today = today or timezone.localdate()
    if sighting_filter is None:
        sighting_filter = SightingFilter(None, queryset=Sighting.objects.published())
    chosen = set(sighting_filter.selected("shift"))
    shifts = [
        shift for shift in Shift.objects.order_by("position") if not chosen or shift.slug in chosen
    ]
    period = Period.ending(today)
    counts = counts_for(sighting_filter, shifts)
    seen = counts.links_in_period(period)
    return [
        shifts_over_time(seen, shifts, period),
        forward_and_back(seen, shifts, period),
        shifts_by_setting(counts.links_by_setting(), shifts),
        places_compared(counts.place_totals(), counts.links_by_place(), shifts),
        bonding_and_bridging(counts.sightings_in_period(period, seen), period),
        bridging_share_per_shift(seen, shifts, period),
        how_shifts_last(counts.sightings_by_outcome()),
        outcomes_per_shift(counts.links_by_outcome(), shifts),
    ]


def _summed(rows, key):
    """The rows' totals summed by `key` of each row, leaving out rows whose key is None."""
    tally = {}
    for row in rows:
        if (kept := key(row)) is not None:
            tally[kept] = tally.get(kept, 0) + row.total
    return tally


def shifts_over_time(seen, shifts, period):
    by_month = _summed(seen, lambda row: (row.shift, row.month))
    busiest = max(by_month.values(), default=0)
    if busiest >= BUSY_MONTH:
        labels = [dateformat.format(month, "M Y") for month in period.months]
        keys, by_month_chart, every = [[month] for month in period.months], True, 3
    else:
        labels = [quarter_label(quarter) for quarter in period.quarters]
        keys = [
            [month for month in period.months if _quarter_start(month) == quarter]
            for quarter in period.quarters
        ]
        by_month_chart, every = False, 1
    series = [
        Series(
            shift.translated_name,
            f"series--shift-{shift.position}",
            [sum(by_month.get((shift.pk, month), 0) for month in group) for group in keys],
        )
        for shift in shifts
    ]
    totals = [sum(s.values) for s in series]
    if sum(totals):
        ranked = sorted(zip(totals, (s.name for s in series), strict=True), reverse=True)
        most = {"period": capfirst(period.words), "shift": ranked[0][1], "count": ranked[0][0]}
        if len(ranked) > 1:
            sentence = ngettext(
                "%(period)s, %(shift)s was the shift seen most often (%(count)s sighting) "
                "and %(least)s the least (%(least_count)s).",
                "%(period)s, %(shift)s was the shift seen most often (%(count)s sightings) "
                "and %(least)s the least (%(least_count)s).",
                ranked[0][0],
            ) % {**most, "least": ranked[-1][1], "least_count": ranked[-1][0]}
        else:
            sentence = (
                ngettext(
                    "%(period)s, %(shift)s was the shift seen most often (%(count)s sighting).",
                    "%(period)s, %(shift)s was the shift seen most often (%(count)s sightings).",
                    ranked[0][0],
                )
                % most
            )
        if not by_month_chart:
            sentence += " " + _("Counts are by quarter, because no month had more than a few.")
    else:
        sentence = _("No published sighting was seen %(period)s.") % {"period": period.words}
    return Insight(
        slug="shifts-over-time",
        title=(
            _("Sightings of each shift, month by month")
            if by_month_chart
            else _("Sightings of each shift, quarter by quarter")
        ),
        sentence=sentence,
        description=(
            _(
                "A small chart for each shift, all on the same scale, counting the published "
                "sightings that show it by the month they were seen, %(period)s."
            )
            if by_month_chart
            else _(
                "A small chart for each shift, all on the same scale, counting the published "
                "sightings that show it by the quarter they were seen, %(period)s."
            )
        )
        % {"period": period.words},
        kind="multiples",
        columns=[_("Month") if by_month_chart else _("Quarter"), *[s.name for s in series]],
        rows=[[label, *[s.values[i] for s in series]] for i, label in enumerate(labels)]
        + [[_("Total"), *totals]],
        chart=_small_multiples(
            [(s.name, [(s.css_class, s.values)], sum(s.values)) for s in series],
            labels,
            every,
        ),
    )


def forward_and_back(seen, shifts, period):
    tally = _summed(seen, lambda row: (row.shift, row.direction, _quarter_start(row.month)))
    labels = [quarter_label(quarter) for quarter in period.quarters]

    def counted(shift, direction):
        return [tally.get((shift.pk, direction, quarter), 0) for quarter in period.quarters]

    forward, back = Sighting.Direction.FORWARD, Sighting.Direction.BACK
    panels, rows, slipping = [], [], []
    for shift in shifts:
        ahead, behind = counted(shift, forward), counted(shift, back)
        panels.append(
            (
                shift.translated_name,
                [("series--forward", ahead), ("series--back", behind)],
                _forward_back_words(sum(ahead), sum(behind)),
            )
        )
        rows.append([f"{shift.translated_name}: {_('moving forward')}", *ahead, sum(ahead)])
        rows.append([f"{shift.translated_name}: {_('slipping back')}", *behind, sum(behind)])
        if sum(ahead) + sum(behind):
            slipping.append(
                (_share(sum(behind), sum(ahead) + sum(behind)), sum(behind), sum(ahead), shift)
            )
    return Insight(
        slug="forward-and-back",
        title=_("Moving forward and slipping back, quarter by quarter"),
        sentence=_forward_back_sentence(slipping, period, tally, shifts),
        description=_(
            "A small chart for each shift, all on the same scale: above its line, the "
            "published sightings moving the shift forward in each quarter; below it, those "
            "slipping back, %(period)s."
        )
        % {"period": period.words},
        kind="multiples",
        columns=[_("Shift and direction"), *labels, _("Total")],
        rows=rows,
        chart=_small_multiples(panels, labels, every=1)
        | {
            "legend": [
                (_("Moving forward (above each line)"), "series--forward"),
                (_("Slipping back (below each line)"), "series--back"),
            ]
        },
    )


def _forward_back_words(ahead, behind):
    return _("%(forward)s forward, %(back)s back") % {"forward": ahead, "back": behind}


def _forward_back_sentence(slipping, period, tally, shifts):
    if not slipping:
        return _("No published sighting of these shifts was seen %(period)s.") % {
            "period": period.words
        }
    behind = sum(back for _share_back, back, _ahead, _shift in slipping)
    seen = sum(back + ahead for _share_back, back, ahead, _shift in slipping)
    if not behind:
        return _(
            "%(Period)s, each of these shifts was seen moving forward every time "
            "(%(seen)s times in all); none was seen slipping back."
        ) % {"Period": period.words[0].upper() + period.words[1:], "seen": seen}
    worst = max(slipping, key=lambda item: (item[0], item[1]))
    sentence = ngettext(
        "%(Period)s, these shifts were seen %(seen)s times and %(behind)s of them (%(share)s%%) "
        "was slipping back; %(shift)s slipped back most often: %(worst_back)s of "
        "%(worst_seen)s (%(worst_share)s%%).",
        "%(Period)s, these shifts were seen %(seen)s times and %(behind)s of them (%(share)s%%) "
        "were slipping back; %(shift)s slipped back most often: %(worst_back)s of "
        "%(worst_seen)s (%(worst_share)s%%).",
        behind,
    ) % {
        "Period": period.words[0].upper() + period.words[1:],
        "behind": behind,
        "seen": seen,
        "share": _share(behind, seen),
        "shift": worst[3].translated_name,
        "worst_back": worst[1],
        "worst_seen": worst[1] + worst[2],
        "worst_share": worst[0],
    }
    latest = period.quarters[-1]
    back_now = sum(tally.get((shift.pk, Sighting.Direction.BACK, latest), 0) for shift in shifts)
    if back_now:
        sentence += " " + ngettext(
            "%(count)s was seen slipping back in %(quarter)s, so far.",
            "%(count)s were seen slipping back in %(quarter)s, so far.",
            back_now,
        ) % {
            "count": back_now,
            "quarter": quarter_label(latest),
        }
    return sentence


# A place is compared only once it has this many sightings among those the filters
# choose: with fewer, one sighting more or less swings its shares by a fifth or more.
ENOUGH_AT_A_PLACE = 5


def places_compared(totals, by_place, shifts):
    """`totals`: each place's sightings; `by_place`: its links to each shift shown."""
    enough = {place: total for place, total in totals.items() if total >= ENOUGH_AT_A_PLACE}
    names = dict(Place.objects.filter(pk__in=enough).values_list("pk", "name"))
    rows, bars, gaps = [], [], []
    for shift in shifts:
        ranked = sorted(
            (
                (
                    _share(by_place.get((place, shift.pk), 0), total),
                    by_place.get((place, shift.pk), 0),
                    total,
                    names[place],
                )
                for place, total in enough.items()
                if place in names
            ),
            key=lambda item: (-item[0], -item[2], item[3]),
        )
        if len(ranked) < 2:
            continue
        most, least = ranked[0], ranked[-1]
        rows.append([shift.translated_name, *_place_cells(most), *_place_cells(least)])
        bars.append((f"{shift.translated_name}:", [], ""))
        for place, css, word in (
            (most, "series--most", _("most")),
            (least, "series--least", _("least")),
        ):
            bars.append(
                (
                    _short(place[3]),
                    [(word, css, place[0])],
                    _("%(share)s%% (%(count)s of %(total)s)")
                    % {"share": place[0], "count": place[1], "total": place[2]},
                )
            )
        gaps.append((most[0] - least[0], shift.translated_name, most, least))
    left_out = len(totals) - len(enough)
    note = ngettext(
        "Only places with at least %(enough)s published sightings among those chosen are "
        "compared, because with fewer one sighting swings the shares too far; "
        "%(left_out)s place with fewer is left out.",
        "Only places with at least %(enough)s published sightings among those chosen are "
        "compared, because with fewer one sighting swings the shares too far; "
        "%(left_out)s places with fewer are left out.",
        left_out,
    ) % {"enough": ENOUGH_AT_A_PLACE, "left_out": left_out}
    if gaps:
        gap, name, most, least = max(gaps, key=lambda item: item[0])
        sentence = _(
            "Of %(places)s places with enough sightings to compare, the widest gap is in "
            "%(shift)s: it is in %(most_share)s%% of %(most)s’s sightings (%(most_count)s of "
            "%(most_total)s) but %(least_share)s%% of %(least)s’s (%(least_count)s of "
            "%(least_total)s)."
        ) % {
            "places": len(enough),
            "shift": name,
            "most": most[3],
            "most_share": most[0],
            "most_count": most[1],
            "most_total": most[2],
            "least": least[3],
            "least_share": least[0],
            "least_count": least[1],
            "least_total": least[2],
        }
    else:
        sentence = _(
            "Fewer than two places have %(enough)s or more published sightings among those "
            "chosen, so no places can be compared yet."
        ) % {"enough": ENOUGH_AT_A_PLACE}
    return Insight(
        slug="places-compared",
        title=_("Places compared: where each shift is most and least reported"),
        sentence=sentence,
        description=_(
            "For each shift, the place where the largest share of its published sightings "
            "show that shift, and the place where the smallest share do, with the counts."
        ),
        kind="bar",
        columns=[
            _("Shift"),
            _("Most reported in"),
            _("Share there"),
            _("Sightings there"),
            _("Least reported in"),
            _("Share there"),
            _("Sightings there"),
        ],
        rows=rows,
        chart=_bar_chart(
            bars,
            legend=[(_("Most reported"), "series--most"), (_("Least reported"), "series--least")],
            top=100,
            suffix="%",
        ),
        note=note,
    )


def _place_cells(place):
    share, count, total, name = place
    return [name, f"{share}%", _("%(count)s of %(total)s") % {"count": count, "total": total}]


# Beyond this many characters a place's name would run off the left of the chart; the
# table beneath gives it in full.
LONGEST_LABEL = 26


def _short(name):
    return name if len(name) <= LONGEST_LABEL else name[: LONGEST_LABEL - 1] + "…"


def shifts_by_setting(by_setting, shifts):
    """`by_setting`: the links to each shift shown, counted by setting and shift."""
    settings_seen = [
        (value, label)
        for value, label in Sighting.Setting.choices
        if any(by_setting.get((value, shift.pk)) for shift in shifts)
    ]
    rows = [
        [str(label), *[by_setting.get((value, s.pk), 0) for s in shifts]]
        for value, label in settings_seen
    ]
    if rows:
        busiest = max(rows, key=lambda row: sum(row[1:]))
        top_shift = shifts[busiest[1:].index(max(busiest[1:]))]
        sentence = _(
            "%(setting)s is the setting with the most sightings, and there %(shift)s is the "
            "shift seen most often (%(count)s)."
        ) % {"setting": busiest[0], "shift": top_shift.translated_name, "count": max(busiest[1:])}
    else:
        sentence = _("No published sighting has a setting and a shift yet.")
    bars = [(row[0], _shift_segments(shifts, row[1:])) for row in rows]
    return Insight(
        slug="shifts-by-setting",
        title=_("Shifts by setting"),
        sentence=sentence,
        description=_(
            "A bar for each setting, divided by how many of its published sightings show "
            "each shift."
        ),
        kind="bar",
        columns=[_("Setting"), *[s.translated_name for s in shifts]],
        rows=rows,
        chart=_bar_chart(
            bars, legend=[(s.translated_name, f"series--shift-{s.position}") for s in shifts]
        ),
    )


def _shift_segments(shifts, values):
    return [
        (shift.translated_name, f"series--shift-{shift.position}", value)
        for shift, value in zip(shifts, values, strict=True)
    ]


CONNECTIONS = [
    (
        Sighting.Connection.BONDING,
        gettext_lazy("Bonding (people like each other)"),
        "series--bonding",
    ),
    (
        Sighting.Connection.BRIDGING,
        gettext_lazy("Bridging (people unlike each other)"),
        "series--bridging",
    ),
    (Sighting.Connection.BOTH, gettext_lazy("Both"), "series--both"),
]
BRIDGING = [Sighting.Connection.BRIDGING, Sighting.Connection.BOTH]
SAYS_WHO = [Sighting.Connection.BONDING, *BRIDGING]


def bonding_and_bridging(by_month, period):
    """`by_month`: the sightings seen in the period, counted by month and connection."""
    by_quarter = {}
    for (month, connection), total in by_month.items():
        key = (_quarter_start(month), connection)
        by_quarter[key] = by_quarter.get(key, 0) + total
    series = [
        Series(
            str(label), css, [by_quarter.get((quarter, value), 0) for quarter in period.quarters]
        )
        for value, label, css in CONNECTIONS
    ]
    labels = [quarter_label(quarter) for quarter in period.quarters]
    bonding, bridging = sum(series[0].values), sum(series[1].values)
    if bonding or bridging:
        half = QUARTERS // 2
        recent = sum(series[1].values[half:]) - sum(series[0].values[half:])
        trend = (
            _("Bridging outnumbered bonding in the most recent year.")
            if recent > 0
            else _("Bonding outnumbered bridging in the most recent year.")
            if recent < 0
            else _("In the most recent year the two were level.")
        )
        sentence = ngettext(
            "%(period)s, %(bridging)s published sighting brought together people unlike each "
            "other and %(bonding)s brought together people like each other.",
            "%(period)s, %(bridging)s published sightings brought together people unlike each "
            "other and %(bonding)s brought together people like each other.",
            bridging,
        ) % {"period": capfirst(period.words), "bridging": bridging, "bonding": bonding}
        sentence += " " + trend
    else:
        sentence = _("No published sighting seen %(period)s says who it brought together.") % {
            "period": period.words
        }
    return Insight(
        slug="bonding-and-bridging",
        title=_("Bonding and bridging over time"),
        sentence=sentence,
        description=_(
            "Lines counting, quarter by quarter, the published sightings that brought together "
            "people like each other (bonding), unlike each other (bridging), or both, %(period)s."
        )
        % {"period": period.words},
        kind="line",
        columns=[_("Quarter"), *[s.name for s in series]],
        rows=[[label, *[s.values[i] for s in series]] for i, label in enumerate(labels)],
        chart=_line_chart(series, labels, every=1),
    )


def bridging_share_per_shift(seen, shifts, period):
    tally = _summed(
        seen,
        lambda row: (
            (row.shift, row.month >= period.midpoint, row.connection in BRIDGING)
            if row.connection in SAYS_WHO
            else None
        ),
    )

    def counted(shift, is_later):
        bridging = tally.get((shift.pk, is_later, True), 0)
        return bridging, bridging + tally.get((shift.pk, is_later, False), 0)

    earlier_words, later_words = period.half_words(False), period.half_words(True)
    rows, bars, changes = [], [], []
    for shift in shifts:
        before, after = counted(shift, False), counted(shift, True)
        rows.append([shift.translated_name, _share_words(*before), _share_words(*after)])
        # The shift is named once, beside the first of its two bars; the key tells them apart.
        for label, words, css, (bridging, said) in [
            (shift.translated_name, earlier_words, "series--earlier", before),
            ("", later_words, "series--bridging", after),
        ]:
            bars.append(
                (
                    label,
                    [(words, css, _share(bridging, said))],
                    _("%(share)s%% of %(count)s") % {"share": _share(bridging, said), "count": said}
                    if said
                    else _("no sightings"),
                )
            )
        if before[1] and after[1]:
            changes.append((_share(*after) - _share(*before), shift.translated_name, before, after))
    if changes:
        change, name, before, after = min(changes)
        fell = sum(1 for c in changes if c[0] < 0)
        if change < 0:
            sentence = ngettext(
                "Bridging’s share fell in %(fell)s shift of the %(count)s with sightings in "
                "both years, most in %(shift)s: from %(before)s to %(after)s.",
                "Bridging’s share fell in %(fell)s shifts of the %(count)s with sightings in "
                "both years, most in %(shift)s: from %(before)s to %(after)s.",
                fell,
            ) % {
                "fell": fell,
                "count": len(changes),
                "shift": name,
                "before": _share_words(*before),
                "after": _share_words(*after),
            }
        elif max(changes)[0] > 0:
            change, name, before, after = max(changes)
            grew = sum(1 for c in changes if c[0] > 0)
            sentence = _(
                "Bridging’s share fell in none of the %(count)s shifts with sightings in both "
                "years and grew in %(grew)s, most in %(shift)s: from %(before)s to %(after)s."
            ) % {
                "count": len(changes),
                "grew": grew,
                "shift": name,
                "before": _share_words(*before),
                "after": _share_words(*after),
            }
        else:
            sentence = _(
                "Bridging’s share held level in each of the %(count)s shifts with sightings in "
                "both years."
            ) % {"count": len(changes)}
    else:
        sentence = _(
            "Too few sightings say who they brought together to compare the two years yet."
        )
    return Insight(
        slug="bridging-share",
        title=_("The share of bridging in each shift, year on year"),
        sentence=sentence,
        description=_(
            "For each shift, the share of its published sightings that brought together people "
            "unlike each other (bridging, or both bridging and bonding), of those that say who "
            "they brought together: %(earlier)s beside %(later)s."
        )
        % {"earlier": earlier_words, "later": later_words},
        kind="bar",
        columns=[_("Shift"), earlier_words, later_words],
        rows=rows,
        chart=_bar_chart(
            bars,
            legend=[(earlier_words, "series--earlier"), (later_words, "series--bridging")],
            top=100,
            suffix="%",
        ),
    )


def _share_words(part, whole):
    if not whole:
        return _("no sightings")
    return _("%(share)s%% (%(part)s of %(whole)s)") % {
        "share": _share(part, whole),
        "part": part,
        "whole": whole,
    }


def how_shifts_last(by_outcome):
    """`by_outcome`: the sightings with a follow-up, by their newest one's answer."""
    rows = [[str(label), by_outcome.get(value, 0)] for value, label in FollowUp.Outcome.choices]
    followed = sum(by_outcome.values())
    lasting = sum(by_outcome.get(value, 0) for value in FollowUp.LASTING)
    if followed:
        sentence = ngettext(
            "Of the %(count)s published sighting with a follow-up, %(lasting)s (%(share)s%%) "
            "were still happening or had grown when last checked.",
            "Of the %(count)s published sightings with a follow-up, %(lasting)s (%(share)s%%) "
            "were still happening or had grown when last checked.",
            followed,
        ) % {"count": followed, "lasting": lasting, "share": _share(lasting, followed)}
    else:
        sentence = _("No published sighting has a follow-up yet.")
    bars = [
        (str(label), [(str(label), f"series--{value}", by_outcome.get(value, 0))])
        for value, label in FollowUp.Outcome.choices
    ]
    return Insight(
        slug="how-shifts-last",
        title=_("Do the shifts last?"),
        sentence=sentence,
        description=_(
            "A bar for each answer to “Is it still happening?”, counting published sightings "
            "by their newest follow-up."
        ),
        kind="bar",
        columns=[_("Newest follow-up"), _("Sightings")],
        rows=rows,
        chart=_bar_chart(bars),
    )


def outcomes_per_shift(by_shift, shifts):
    """`by_shift`: the links to each shift shown, by shift and newest follow-up's answer."""
    outcomes = [(value, str(label)) for value, label in FollowUp.Outcome.choices]
    rows, bars, lasting = [], [], []
    for shift in shifts:
        values = [by_shift.get((shift.pk, value), 0) for value, _label in outcomes]
        rows.append([shift.translated_name, *values, sum(values)])
        bars.append(
            (
                shift.translated_name,
                [
                    (label, f"series--{value}", n)
                    for (value, label), n in zip(outcomes, values, strict=True)
                ],
            )
        )
        if sum(values):
            kept = sum(by_shift.get((shift.pk, value), 0) for value in FollowUp.LASTING)
            lasting.append((_share(kept, sum(values)), kept, sum(values), shift.translated_name))
    if len(lasting) > 1:
        best, worst = max(lasting), min(lasting)
        sentence = ngettext(
            "%(best)s lasts best: %(kept)s of its %(count)s followed-up sighting (%(share)s%%) "
            "were still happening or had grown; %(worst)s least: %(worst_kept)s of "
            "%(worst_count)s (%(worst_share)s%%).",
            "%(best)s lasts best: %(kept)s of its %(count)s followed-up sightings (%(share)s%%) "
            "were still happening or had grown; %(worst)s least: %(worst_kept)s of "
            "%(worst_count)s (%(worst_share)s%%).",
            best[2],
        ) % {
            "best": best[3],
            "kept": best[1],
            "count": best[2],
            "share": best[0],
            "worst": worst[3],
            "worst_kept": worst[1],
            "worst_count": worst[2],
            "worst_share": worst[0],
        }
    elif lasting:
        only = lasting[0]
        sentence = ngettext(
            "%(shift)s: %(kept)s of its %(count)s followed-up sighting (%(share)s%%) were "
            "still happening or had grown when last checked.",
            "%(shift)s: %(kept)s of its %(count)s followed-up sightings (%(share)s%%) were "
            "still happening or had grown when last checked.",
            only[2],
        ) % {"shift": only[3], "kept": only[1], "count": only[2], "share": only[0]}
    else:
        sentence = _("No published sighting of these shifts has a follow-up yet.")
    return Insight(
        slug="outcomes-per-shift",
        title=_("Do the shifts last? Shift by shift"),
        sentence=sentence,
        description=_(
            "A bar for each shift, divided by the newest follow-up of each of its published "
            "sightings that has one."
        ),
        kind="bar",
        columns=[_("Shift"), *[label for _value, label in outcomes], _("Followed up")],
        rows=rows,
        chart=_bar_chart(bars, legend=[(label, f"series--{value}") for value, label in outcomes]),
    )


def _nice_top(value):
    """A round number at or above the largest value, for the axis."""
    if value <= 4:
        return 4
    step = 10 ** (len(str(value)) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if value <= step * factor:
            return int(step * factor)
    return value


def _small_multiples(panels, labels, every):
    """One small column chart per panel, every one on the same scale.

    `panels` holds (name, [(css class, values), ...], total); a second series is drawn
    below the axis, so one panel can set forward against slipping back.
    """
    top = _nice_top(
        max(
            (max(values, default=0) for _n, series, _t in panels for _c, values in series),
            default=0,
        )
    )
    inner_width = WIDTH - LEFT - RIGHT
    slot = inner_width / max(len(labels), 1)
    bar_width = round(max(slot * 0.7, 1), 1)
    drawn, y = [], TOP
    for name, series, total in panels:
        below = len(series) > 1
        axis = y + 18 + PANEL_HEIGHT
        scale = PANEL_HEIGHT / top
        bars = []
        for index, label in enumerate(labels):
            x = round(LEFT + index * slot + (slot - bar_width) / 2, 1)
            for position, (css, values) in enumerate(series):
                height = round(values[index] * scale, 1)
                if not values[index]:
                    continue
                bars.append(
                    {
                        "x": x,
                        "y": axis if position else round(axis - height, 1),
                        "width": bar_width,
                        "height": height,
                        "css": css,
                        "title": f"{name}, {label}: {values[index]}",
                    }
                )
        drawn.append(
            {
                "name": name,
                "total": total,
                "title_y": y + 10,
                "axis_y": axis,
                "top_y": axis - PANEL_HEIGHT,
                "bottom_y": axis + PANEL_HEIGHT if below else axis,
                "bars": bars,
            }
        )
        y = axis + (PANEL_HEIGHT if below else 0) + PANEL_GAP
    last_axis = drawn[-1]["bottom_y"] if drawn else TOP
    return {
        "width": WIDTH,
        "height": last_axis + 26,
        "panels": drawn,
        "top": top,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "tick_x": LEFT - 6,
        "x_labels": [
            {
                "x": round(LEFT + index * slot + slot / 2, 1),
                "y": last_axis + 18,
                "text": label,
            }
            for index, label in enumerate(labels)
            if index % every == 0
        ],
    }


def _line_chart(series, labels, every):
    top = _nice_top(max((max(s.values) for s in series if s.values), default=0))
    inner_width, inner_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_width / max(len(labels) - 1, 1)

    def x(index):
        return round(LEFT + index * step, 1)

    def y(value):
        return round(TOP + inner_height - value / top * inner_height, 1)

    for s in series:
        s.points = " ".join(f"{x(i)},{y(v)}" for i, v in enumerate(s.values))
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "series": series,
        "x_labels": [
            {"x": x(i), "y": HEIGHT - BOTTOM + 18, "text": label}
            for i, label in enumerate(labels)
            if i % every == 0
        ],
        "y_ticks": [
            {"y": y(value), "text": f"{value:g}", "x": LEFT - 6} for value in (0, top / 2, top)
        ],
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "legend": [(s.name, s.css_class) for s in series],
    }


def _bar_chart(bars, legend=None, top=None, suffix=""):
    top = top or _nice_top(max((sum(n for *_, n in bar[1]) for bar in bars), default=0))
    inner_width = WIDTH - LABEL_WIDTH - FIGURE_ROOM
    rows = []
    for index, (label, segments, *said) in enumerate(bars):
        y = TOP + index * (BAR_HEIGHT + BAR_GAP)
        x, parts = LABEL_WIDTH, []
        for name, css, value in segments:
            width = round(value / top * inner_width, 1)
            if value:
                parts.append(
                    {"x": x, "width": width, "css": css, "value": f"{value}{suffix}", "name": name}
                )
            x += width
        total = sum(n for *_, n in segments)
        rows.append(
            {
                "label": label,
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "segments": parts,
                "total": said[0] if said else f"{total}{suffix}",
                "total_x": round(x + 6, 1),
            }
        )
    height = TOP + len(bars) * (BAR_HEIGHT + BAR_GAP) + 24
    return {
        "width": WIDTH,
        "height": height,
        "rows": rows,
        "bar_height": BAR_HEIGHT,
        "label_x": LABEL_WIDTH - 8,
        "left": LABEL_WIDTH,
        "axis_y": height - 20,
        "legend": legend or [],
    }
