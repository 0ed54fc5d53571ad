import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sightings.models import Shift, Sighting, StatusChange, Theme
from tests.factories import SightingFactory, UserFactory

pytestmark = pytest.mark.django_db

S = Sighting.Status
ALL_STATUSES = list(S)

# Each transition: the method call, who may make it, and the statuses it may leave.
TRANSITIONS = {
    "submit": (lambda s, by: s.submit(by=by), "author", {S.DRAFT, S.RETURNED}, S.SUBMITTED),
    "publish": (lambda s, by: s.publish(by=by), "convenor", {S.SUBMITTED}, S.PUBLISHED),
    "return": (
        lambda s, by: s.return_to_author(by=by, feedback="Add the place."),
        "convenor",
        {S.SUBMITTED},
        S.RETURNED,
    ),
    "decline": (
        lambda s, by: s.decline(by=by, reason="It is an advert."),
        "convenor",
        {S.SUBMITTED},
        S.DECLINED,
    ),
    "withdraw": (
        lambda s, by: s.withdraw(by=by),
        "author",
        set(ALL_STATUSES) - {S.WITHDRAWN},
        S.WITHDRAWN,
    ),
}
CASES = [(name, status) for name in TRANSITIONS for status in ALL_STATUSES]


@pytest.fixture
def people(author, convenor, practitioner):
    return {"author": author, "convenor": convenor, "practitioner": practitioner}


@pytest.mark.parametrize(("name", "status"), CASES)
def test_every_transition_from_every_status(
    name, status, people, django_capture_on_commit_callbacks
):
    act, role, allowed_from, to = TRANSITIONS[name]
    sighting = SightingFactory(author=people["author"], status=status)
    if status in allowed_from:
        with django_capture_on_commit_callbacks(execute=True):
            act(sighting, people[role])
        sighting.refresh_from_db()
        assert sighting.status == to
        change = sighting.changes.get()
        assert (change.actor, change.from_status, change.to_status) == (people[role], status, to)
    else:
        with pytest.raises(ValidationError):
            act(sighting, people[role])
        sighting.refresh_from_db()
        assert sighting.status == status
        assert not sighting.changes.exists()


@pytest.mark.parametrize(
    ("name", "who"),
    [
        ("submit", "practitioner"),
        ("submit", "convenor"),
        ("publish", "author"),
        ("publish", "practitioner"),
        ("return", "practitioner"),
        ("decline", "author"),
        ("withdraw", "practitioner"),
        ("withdraw", "convenor"),
    ],
)
def test_a_transition_by_the_wrong_person_is_refused_and_changes_nothing(name, who, people):
    act, _, allowed_from, _ = TRANSITIONS[name]
    status = S.SUBMITTED if S.SUBMITTED in allowed_from else S.DRAFT
    sighting = SightingFactory(author=people["author"], status=status)
    with pytest.raises(PermissionDenied):
        act(sighting, people[who])
    sighting.refresh_from_db()
    assert sighting.status == status
    assert not StatusChange.objects.exists()


def test_staff_may_review_like_a_convenor(staff):
    sighting = SightingFactory(submitted=True)
    sighting.publish(by=staff)
    assert sighting.status == S.PUBLISHED


@pytest.mark.parametrize("blank", ["", "   "])
def test_returning_or_declining_needs_words(blank, convenor):
    sighting = SightingFactory(submitted=True)
    with pytest.raises(ValidationError):
        sighting.return_to_author(by=convenor, feedback=blank)
    with pytest.raises(ValidationError):
        sighting.decline(by=convenor, reason=blank)
    sighting.refresh_from_db()
    assert sighting.status == S.SUBMITTED


def test_a_sighting_dated_in_the_future_cannot_be_submitted(author):
    sighting = SightingFactory(
        author=author, date_observed=timezone.localdate() + datetime.timedelta(days=2)
    )
    with pytest.raises(ValidationError, match="future"):
        sighting.submit(by=author)


def test_a_sighting_with_eleven_themes_cannot_be_submitted(author):
    sighting = SightingFactory(author=author, themes=[f"t{n}" for n in range(11)])
    with pytest.raises(ValidationError, match="at most 10"):
        sighting.submit(by=author)


def test_a_sighting_without_shifts_cannot_be_published(convenor):
    sighting = SightingFactory(submitted=True, shifts=[])
    with pytest.raises(ValidationError):
        sighting.publish(by=convenor)
    assert Sighting.objects.get().status == S.SUBMITTED


@pytest.mark.parametrize(
    ("name", "subject", "words"),
    [
        ("publish", "Your sighting is published", "anyone can now read it"),
        ("return", "Your sighting needs a few changes", "Add the place."),
        ("decline", "Your sighting was not published", "It is an advert."),
    ],
)
def test_each_decision_emails_the_author(
    name, subject, words, people, mailoutbox, django_capture_on_commit_callbacks
):
    act, role, _, _ = TRANSITIONS[name]
    sighting = SightingFactory(author=people["author"], submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        act(sighting, people[role])
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [people["author"].email]
    assert message.subject.startswith(subject)
    assert words in message.body
    assert sighting.title in message.body


def test_an_email_subject_carries_the_title_as_typed(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    sighting = SightingFactory(author=people["author"], submitted=True, title="Tom's <café> & co")
    with django_capture_on_commit_callbacks(execute=True):
        sighting.publish(by=people["convenor"])
    assert mailoutbox[0].subject == "Your sighting is published: Tom's <café> & co"


def test_a_refused_decision_sends_no_email(
    convenor, mailoutbox, django_capture_on_commit_callbacks
):
    sighting = SightingFactory(status=S.DRAFT)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        sighting.publish(by=convenor)
    assert mailoutbox == []


# The review pages


@pytest.fixture
def as_convenor(client, convenor):
    client.force_login(convenor)
    return client


def review_url(sighting):
    return reverse("review:sighting", kwargs={"pk": sighting.pk})


def test_the_queue_lists_submitted_sightings_oldest_first_with_their_wait(as_convenor):
    now = timezone.now()
    SightingFactory(
        submitted=True, title="Newer one", submitted_at=now - datetime.timedelta(hours=2)
    )
    SightingFactory(
        submitted=True, title="Older one", submitted_at=now - datetime.timedelta(days=3)
    )
    SightingFactory(title="A draft")
    SightingFactory(published=True, title="Done already")
    html = as_convenor.get("/review/").content.decode()
    assert html.index("Older one") < html.index("Newer one")
    assert "3\xa0days" in html
    assert "A draft" not in html
    assert "Done already" not in html


def test_the_decision_page_shows_the_sighting_as_it_will_appear(as_convenor):
    sighting = SightingFactory(submitted=True, story="A *bold* move.", themes=["food"])
    html = as_convenor.get(review_url(sighting)).content.decode()
    assert "As it will appear" in html
    assert "<em>bold</em>" in html
    assert 'value="food"' in html
    for label in ("Publish", "Return with feedback", "Decline"):
        assert f">{label}</button>" in html


def test_a_convenor_adjusts_shifts_and_themes_then_publishes(as_convenor, convenor, mailoutbox):
    sighting = SightingFactory(submitted=True, shifts=["me-to-we"], themes=["Food"])
    wanted = Shift.objects.filter(slug__in=["doubting-to-trusting", "controlling-to-enabling"])
    response = as_convenor.post(
        review_url(sighting),
        {
            "shifts": [shift.pk for shift in wanted],
            "themes": "food, Mutual Aid",
            "feedback": "",
            "decision": "publish",
        },
    )
    assert response["Location"] == reverse("review:queue")
    sighting.refresh_from_db()
    assert sighting.status == S.PUBLISHED
    assert set(sighting.shifts.all()) == set(wanted)
    assert sorted(theme.name for theme in sighting.themes.all()) == ["food", "mutual aid"]
    assert sighting.changes.get().actor == convenor


def test_show_the_changes_comes_first_and_saves_nothing(as_convenor, mailoutbox):
    sighting = SightingFactory(submitted=True, shifts=["me-to-we"], themes=["food"])
    trusting = Shift.objects.get(slug="doubting-to-trusting")
    page = as_convenor.get(review_url(sighting)).content.decode()
    assert page.index('value="preview"') < page.index('value="publish"')

    response = as_convenor.post(
        review_url(sighting),
        {"shifts": [trusting.pk], "themes": "food, parks", "feedback": "", "decision": "preview"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    preview = html[html.index('id="as-published"') : html.index('id="decision-heading"')]
    assert "Doubting → Trusting" in preview and "parks" in preview
    assert "Me → We" not in preview
    sighting.refresh_from_db()
    assert sighting.status == S.SUBMITTED
    assert [shift.slug for shift in sighting.shifts.all()] == ["me-to-we"]
    assert mailoutbox == []


def test_returning_without_feedback_is_refused_and_keeps_the_changes(as_convenor):
    sighting = SightingFactory(submitted=True, themes=["food"])
    response = as_convenor.post(
        review_url(sighting),
        {"shifts": [], "themes": "food, parks", "feedback": "", "decision": "return"},
    )
    html = response.content.decode()
    assert "Tell the author what to change before returning it." in html
    assert 'value="food, parks"' in html
    sighting.refresh_from_db()
    assert sighting.status == S.SUBMITTED
    assert [theme.name for theme in sighting.themes.all()] == ["food"]
    assert sighting.shifts.exists()


def test_declining_without_a_reason_is_refused(as_convenor):
    sighting = SightingFactory(submitted=True)
    html = as_convenor.post(
        review_url(sighting), {"shifts": [], "themes": "", "decision": "decline"}
    ).content.decode()
    assert "Give the author a reason for declining it." in html
    assert Sighting.objects.get().status == S.SUBMITTED


def test_publishing_without_a_shift_is_refused(as_convenor):
    sighting = SightingFactory(submitted=True)
    html = as_convenor.post(
        review_url(sighting), {"themes": "", "decision": "publish"}
    ).content.decode()
    assert "Choose at least one shift before publishing." in html
    assert Sighting.objects.get().status == S.SUBMITTED


@pytest.mark.parametrize(("decision", "status"), [("return", S.RETURNED), ("decline", S.DECLINED)])
def test_return_and_decline_record_the_text(as_convenor, decision, status):
    sighting = SightingFactory(submitted=True)
    as_convenor.post(
        review_url(sighting),
        {
            "shifts": list(sighting.shifts.values_list("pk", flat=True)),
            "themes": "",
            "feedback": "Please say where.",
            "decision": decision,
        },
    )
    sighting.refresh_from_db()
    assert sighting.status == status
    assert sighting.feedback == "Please say where."
    assert sighting.changes.get().note == "Please say where."


def test_a_decision_on_a_sighting_already_decided_changes_nothing(as_convenor, convenor):
    sighting = SightingFactory(submitted=True, themes=["food"])
    sighting.publish(by=convenor)
    response = as_convenor.post(
        review_url(sighting),
        {"shifts": [], "themes": "other", "feedback": "No.", "decision": "decline"},
        follow=True,
    )
    assert "nothing to decide" in response.content.decode()
    sighting.refresh_from_db()
    assert sighting.status == S.PUBLISHED
    assert [theme.name for theme in sighting.themes.all()] == ["food"]


def test_an_unknown_decision_is_an_error_not_a_crash(as_convenor):
    sighting = SightingFactory(submitted=True)
    response = as_convenor.post(review_url(sighting), {"decision": "burn", "shifts": ["x"]})
    assert response.status_code == 200
    assert Sighting.objects.get().status == S.SUBMITTED


def test_the_decision_page_shows_the_history(as_convenor, author, convenor):
    sighting = SightingFactory(author=author, submitted=True)
    sighting.return_to_author(by=convenor, feedback="Name the borough.")
    sighting.submit(by=author)
    html = as_convenor.get(review_url(sighting)).content.decode()
    assert "Returned with feedback" in html
    assert "Name the borough." in html
    assert html.count("Submitted for review</strong>") == 2


# Themes


def test_renaming_a_theme_keeps_every_sightings_tag(as_convenor):
    first = SightingFactory(published=True, themes=["lonliness"])
    second = SightingFactory(themes=["lonliness", "food"])
    theme = Theme.objects.get(name="lonliness")
    response = as_convenor.post(
        "/review/themes/",
        {"action": "rename", "rename-theme": "Lonliness", "rename-new_name": "Loneliness"},
    )
    assert response["Location"] == reverse("review:themes")
    theme.refresh_from_db()
    assert (theme.name, theme.slug) == ("loneliness", "loneliness")
    assert [t.name for t in first.themes.all()] == ["loneliness"]
    assert sorted(t.name for t in second.themes.all()) == ["food", "loneliness"]


def test_renaming_onto_an_existing_theme_is_refused(as_convenor):
    SightingFactory(themes=["parks", "green spaces"])
    html = as_convenor.post(
        "/review/themes/",
        {"action": "rename", "rename-theme": "parks", "rename-new_name": "Green spaces"},
    ).content.decode()
    assert "merge them instead" in html
    assert Theme.objects.filter(name="parks").exists()


def test_merging_themes_moves_every_sighting_without_doubles(as_convenor):
    both = SightingFactory(themes=["older people", "elderly"])
    only_old = SightingFactory(published=True, themes=["elderly"])
    only_new = SightingFactory(themes=["older people"])
    response = as_convenor.post(
        "/review/themes/",
        {"action": "merge", "merge-source": "elderly", "merge-target": "older people"},
        follow=True,
    )
    assert "Merged “elderly” into “older people”" in response.content.decode()
    assert not Theme.objects.filter(name="elderly").exists()
    for sighting in (both, only_old, only_new):
        assert [t.name for t in sighting.themes.all()] == ["older people"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"merge-source": "food", "merge-target": "food"}, "Choose a different theme"),
        ({"merge-source": "nothing like it", "merge-target": "food"}, "no theme called that"),
        ({"merge-source": "", "merge-target": ""}, "This field is required."),
    ],
)
def test_a_bad_merge_is_explained_and_changes_nothing(as_convenor, data, message):
    SightingFactory(themes=["food"])
    html = as_convenor.post("/review/themes/", {"action": "merge", **data}).content.decode()
    assert message in html
    assert Theme.objects.filter(name="food").exists()


def test_a_practitioner_cannot_rename_themes(client):
    SightingFactory(themes=["food"])
    client.force_login(UserFactory())
    response = client.post(
        "/review/themes/",
        {"action": "rename", "rename-theme": "food", "rename-new_name": "meals"},
    )
    assert response.status_code == 403
    assert Theme.objects.filter(name="food").exists()


def test_every_demo_account_sees_its_own_pages(client):
    call_command("load_demo_data", stdout=io.StringIO())
    for user in get_user_model().objects.all():
        client.force_login(user)
        assert client.get("/me/").status_code == 200
        for sighting in Sighting.objects.by(user):
            assert client.get(sighting.get_absolute_url()).status_code == 200
        if user.groups.exists():
            assert client.get("/review/").status_code == 200
            assert client.get("/review/themes/").status_code == 200
            for sighting in Sighting.objects.awaiting_review():
                assert client.get(review_url(sighting)).status_code == 200


def test_a_renamed_or_merged_theme_keeps_its_old_address_working(client):
    SightingFactory(published=True, themes=["befriending"])
    SightingFactory(published=True, themes=["loneliness"])

    Theme.objects.get(slug="befriending").merge_into(Theme.objects.get(slug="loneliness"))
    Theme.objects.get(slug="loneliness").rename("Social isolation")

    for old in ["/themes/befriending/", "/themes/loneliness/"]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == "/themes/social-isolation/"
    assert client.get("/themes/social-isolation/").status_code == 200
    assert client.get("/themes/never-was/").status_code == 404


@pytest.mark.parametrize("status", ALL_STATUSES)
def test_the_queryset_and_the_method_agree_on_who_sees_what(status, author, convenor, practitioner):
    sighting = SightingFactory(author=author, status=status)
    for user in [author, convenor, practitioner, AnonymousUser()]:
        listed = Sighting.objects.visible_to(user).filter(pk=sighting.pk).exists()
        assert listed == sighting.is_visible_to(user), (status, user)


@pytest.mark.parametrize("name", ["publish", "return", "decline"])
def test_nobody_reviews_their_own_sighting(name, convenor):
    act, _, _, _ = TRANSITIONS[name]
    sighting = SightingFactory(author=convenor, submitted=True)
    with pytest.raises(PermissionDenied):
        act(sighting, convenor)
    sighting.refresh_from_db()
    assert sighting.status == S.SUBMITTED
    assert not sighting.changes.exists()


def test_a_convenors_own_sighting_waits_for_another_convenor(as_convenor, convenor):
    own = SightingFactory(author=convenor, submitted=True, title="My own sighting")
    SightingFactory(submitted=True, title="Someone else's")

    queue = as_convenor.get("/review/").content.decode()
    page = as_convenor.get(review_url(own)).content.decode()
    response = as_convenor.post(
        review_url(own), {"decision": "publish", "shifts": [], "themes": ""}
    )

    assert "Someone else" in queue and "My own sighting" not in queue
    assert "another convenor reviews it" in page
    assert 'value="publish"' not in page
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == S.SUBMITTED
