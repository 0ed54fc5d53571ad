"""Bad input never breaks the site, and when something does break, nothing leaks.

Hypothesis throws arbitrary text (NUL bytes, lone surrogates' neighbours, right-to-left
marks, enormous numbers, broken percent-encoding) at the sighting list's query
parameters; every answer must be a page, never a server error. The error pages are the
site's own, in its layout, and a server error never shows a traceback.
"""

import string
from urllib.parse import quote, urlencode

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path, reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cells.models import CellNote
from observatory import urls as site_urls
from sightings.models import Sighting
from tests.factories import CellFactory, SightingFactory

LIST_PARAMETERS = [
    "shift",
    "theme",
    "setting",
    "place",
    "page",
    "from",
    "to",
    "q",
    "sort",
    "connection",
]

# Text people and robots actually send: any character, with the awkward ones (NUL,
# quotes, SQL and full-text search operators, dates and numbers) made likely.
awkward = st.sampled_from(
    ["\x00", "'", '"', "\\", "%", "_", "&", "|", "!", ":*", "<->", "(", ")", "-", "or", "--"]
)
number = st.integers(min_value=-(10**30), max_value=10**30).map(str)
date_like = st.dates().map(str) | st.from_regex(r"\A\d{1,6}-\d{1,3}-\d{1,3}\Z")
value = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=string.printable, max_size=60),
    awkward,
    number,
    date_like,
    st.lists(awkward | st.text(max_size=5), max_size=6).map("".join),
)
query = st.lists(st.tuples(st.sampled_from(LIST_PARAMETERS), value), max_size=8)

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def some_sightings(db):
    SightingFactory(published=True, themes=["mutual aid"], shifts=["me-to-we"])
    SightingFactory(published=True, themes=["food"], shifts=["doubting-to-trusting"])


@FUZZ
@given(pairs=query)
def test_the_sighting_list_answers_any_query_without_a_server_error(client, some_sightings, pairs):
    response = client.get("/sightings/?" + urlencode(pairs))
    assert response.status_code < 500


@settings(FUZZ, max_examples=30)
@given(raw=st.binary(max_size=40), name=st.sampled_from(LIST_PARAMETERS))
def test_the_sighting_list_survives_bytes_that_are_not_utf8(client, some_sightings, raw, name):
    response = client.get(f"/sightings/?{name}={quote(raw)}")
    assert response.status_code < 500


@pytest.mark.parametrize(
    "query_string",
    [
        "page=99999999999999999999999",
        "page=-1",
        "page=last",
        "page=0",
        "shift=me-to-we&shift=\x00",
        "theme=%00",
        "q=%00",
        "q=" + "a" * 5000,
        "from=2024-02-30&to=0000-00-00",
        "sort=relevance&q=",
        "connection=bridging%00",
    ],
)
def test_known_awkward_queries_are_answered(client, some_sightings, query_string):
    response = client.get("/sightings/?" + query_string)
    assert response.status_code < 500


@settings(FUZZ, max_examples=25)
@given(slug=st.text(min_size=1, max_size=80))
def test_any_slug_in_a_detail_address_is_a_page_or_not_found(client, some_sightings, slug):
    for prefix in ["/sightings/", "/shifts/", "/themes/", "/cells/"]:
        response = client.get(prefix + quote(slug, safe="") + "/")
        assert response.status_code in {200, 301, 404}


@settings(FUZZ, max_examples=30)
@given(username=value, password=value, next_url=value)
def test_the_sign_in_form_answers_any_input_without_a_server_error(
    client, db, username, password, next_url
):
    response = client.post(
        "/accounts/login/", {"username": username, "password": password, "next": next_url}
    )
    # 200: the form again, with errors; 429: locked out after repeated failures.
    assert response.status_code in {200, 400, 429}


@pytest.mark.parametrize("query_string", ["theme=%00", "q=a%00b", "%00=x", "shift=me-to-we%00"])
def test_a_nul_character_in_the_query_is_dropped_not_a_database_error(client, db, query_string):
    response = client.get("/sightings/?" + query_string)
    assert response.status_code == 200
    assert "\x00" not in response.text


def test_a_nul_character_in_a_form_is_dropped(client, db):
    response = client.post("/accounts/login/", {"username": "a\x00b", "password": "x"})
    assert response.status_code == 200
    assert 'value="ab"' in response.text


# --- The writing forms: whatever is typed, the answer is a page, and nothing is lost.

# Text for a form field: the list's awkward values, and some too long for any field.
typed = value | st.text(min_size=100, max_size=400)
SIGHTING_TEXT_FIELDS = ["title", "summary", "story", "place", "date_observed", "themes"]
NOTE_TEXT_FIELDS = ["title", "met_on", "summary", "body", "topics_next", "next_meeting", "find-q"]


def as_list(value):
    return value if isinstance(value, list) else [value]


def assert_nothing_typed_was_lost(response, sent, text_fields):
    """Saved, or the form comes back filled in: with everything but NUL, which is dropped."""
    assert response.status_code in {200, 302}
    if response.status_code == 200:
        for name in text_fields:
            assert escape(sent[name].replace("\x00", "")) in response.text, name


@pytest.fixture
def writer(client, author):
    client.force_login(author)
    return client


@FUZZ
@pytest.mark.parametrize("action", ["draft", "preview", "submit"])
@given(
    fields=st.fixed_dictionaries(
        {
            **dict.fromkeys(SIGHTING_TEXT_FIELDS, typed),
            "date_observed": date_like | typed,
            "setting": typed | st.sampled_from(["education", "other", ""]),
            "connection": typed | st.sampled_from(["both", "bonding", ""]),
            "source_url": typed | st.just("https://example.org/a?b=c"),
            "shifts": st.lists(typed | st.sampled_from(["1", "2", "me-to-we"]), max_size=3),
            "consent": st.sampled_from(["on", "", "yes"]),
        }
    )
)
def test_the_sighting_form_keeps_whatever_is_typed(writer, action, fields):
    sent = {**fields, "action": action}
    response = writer.post(reverse("sightings:new"), sent)
    assert_nothing_typed_was_lost(response, sent, [*SIGHTING_TEXT_FIELDS, "source_url"])
    if response.status_code == 302:
        saved = Sighting.objects.get(slug=response["Location"].split("/")[-3])
        assert saved.title == fields["title"].replace("\x00", "").strip()


@pytest.mark.parametrize("action", ["draft", "preview", "submit"])
def test_a_nul_character_in_the_sighting_form_is_dropped_and_the_rest_kept(writer, action):
    response = writer.post(reverse("sightings:new"), {"title": "a\x00b", "action": action})
    assert response.status_code in {200, 302}
    assert "a\x00b" not in response.text
    assert [sighting.title for sighting in Sighting.objects.all()] in ([], ["ab"])


@pytest.fixture
def note_writer(client, convenor):
    cell = CellFactory(convenors=[convenor])
    client.force_login(convenor)
    return client, reverse("cells:note-create", kwargs={"slug": cell.slug})


@settings(FUZZ, max_examples=40)
@pytest.mark.parametrize("action", ["save", "preview", "publish", "search"])
@given(
    fields=st.fixed_dictionaries(
        {
            **dict.fromkeys(NOTE_TEXT_FIELDS, typed),
            "met_on": date_like | typed,
            "next_meeting": date_like | typed | st.just("2031-05-01T18:30"),
            "sightings": st.lists(typed | st.sampled_from(["1", "99999999999"]), max_size=3),
            "find-shift": typed | st.just("me-to-we"),
        }
    )
)
def test_the_note_form_keeps_whatever_is_typed(note_writer, action, fields):
    client, url = note_writer
    sent = {**fields, "action": action}
    response = client.post(url, sent)
    assert_nothing_typed_was_lost(response, sent, NOTE_TEXT_FIELDS)
    if response.status_code == 302:
        assert CellNote.objects.filter(title=fields["title"].replace("\x00", "").strip()).exists()


# --- The site's own error pages.


def explode(request):
    raise RuntimeError("secret detail: the database password is hunter2")


def forbid(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("a tampered request")


urlpatterns = [
    path("explode/", explode),
    path("forbid/", forbid),
    path("suspicious/", suspicious),
    # The site's own patterns, spread rather than included: its pages are in i18n_patterns.
    *site_urls.urlpatterns,
]
handler400 = "observatory.views.bad_request"
handler403 = "observatory.views.permission_denied"
handler404 = "observatory.views.page_not_found"
handler500 = "observatory.views.server_error"


def in_site_layout(html):
    return all(part in html for part in ['class="site-header"', '<main id="main"', "</footer>"])


@pytest.mark.urls(__name__)
def test_a_server_error_shows_the_sites_page_and_no_traceback(client, db):
    client.raise_request_exception = False
    response = client.get("/explode/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    for leak in ["Traceback", "hunter2", "RuntimeError", "explode", "site-packages"]:
        assert leak not in response.text


@pytest.mark.urls(__name__)
def test_permission_denied_is_the_sites_403_page(client, db):
    response = client.get("/forbid/")
    assert response.status_code == 403
    assert "You cannot do that" in response.text
    assert in_site_layout(response.text)


@pytest.mark.urls(__name__)
def test_a_suspicious_request_is_the_sites_400_page(client, db):
    response = client.get("/suspicious/")
    assert response.status_code == 400
    assert "Bad request" in response.text
    assert "tampered" not in response.text
    assert in_site_layout(response.text)


def test_an_unknown_host_is_refused_with_the_sites_400_page(client, db):
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert "Bad request" in response.text


def test_a_missing_page_is_the_sites_404_page(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert in_site_layout(response.text)


def test_a_failed_csrf_check_is_the_sites_403_page(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert response.status_code == 403
    assert in_site_layout(response.text)
    assert "cookies" in response.text
