"""A convenor writes a note and links sightings without JavaScript; a visitor reads it."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, CellFactory, SightingFactory, UserFactory


@pytest.fixture
def no_script_page(browser, site):
    context = browser.new_context(java_script_enabled=False, base_url=site)
    yield context.new_page()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_convenor_links_two_sightings_without_javascript_and_a_visitor_reads_the_note(
    no_script_page, page, site
):
    convenor = UserFactory(username="olu", first_name="Olu")
    cell = CellFactory(name="Changing practices", convenors=[convenor])
    lunch = SightingFactory(
        published=True, title="Neighbours run a Thursday lunch", shifts=["me-to-we"]
    )
    budget = SightingFactory(
        published=True,
        title="Support workers trusted with a budget",
        shifts=["doubting-to-trusting"],
    )
    SightingFactory(title="Neighbours draft not yet public", shifts=["me-to-we"])

    writer = no_script_page
    writer.goto(f"/accounts/login/?next=/cells/{cell.slug}/notes/new/")
    writer.get_by_label("Email address").fill("olu")
    writer.get_by_label("Password").fill(PASSWORD)
    writer.get_by_role("button", name="Sign in").click()
    expect(writer.get_by_role("heading", level=1)).to_have_text("Write a meeting note")

    writer.get_by_label("Title (required)").fill("What lockdown taught us")
    writer.get_by_label("Date met").fill("2020-06-10")
    writer.get_by_label("Summary").fill("Relationships grew stronger; we must not lose them.")
    writer.get_by_label("Body").fill("## Aims\n\nTo share what we have **seen**.")
    writer.get_by_label("Topics for next time").fill("Power between people and the state")

    # First search: by words in the title. The draft sighting is never offered.
    writer.get_by_label("Words in the title").fill("neighbours")
    writer.get_by_role("button", name="Find sightings").click()
    expect(writer.get_by_text("Neighbours draft not yet public")).to_have_count(0)
    writer.get_by_label("Neighbours run a Thursday lunch").check()

    # Second search: by shift. The first pick stays ticked, and what was typed stays.
    writer.get_by_label("Words in the title").fill("")
    writer.get_by_label("Shift", exact=True).select_option("doubting-to-trusting")
    writer.get_by_role("button", name="Find sightings").click()
    expect(writer.get_by_label("Title (required)")).to_have_value("What lockdown taught us")
    expect(writer.get_by_role("heading", name="Linked (1)")).to_be_visible()
    expect(writer.get_by_label("Neighbours run a Thursday lunch")).to_be_checked()
    writer.get_by_label("Support workers trusted with a budget").check()

    writer.get_by_role("button", name="Preview").click()
    preview = writer.locator(".note-preview")
    expect(preview.get_by_role("heading", name="What lockdown taught us")).to_be_visible()
    expect(preview.locator("strong", has_text="seen")).to_be_visible()
    expect(preview.locator(".sighting-card")).to_have_count(2)
    expect(writer.get_by_role("heading", name="Linked (2)")).to_be_visible()

    writer.get_by_role("button", name="Publish").click()
    expect(writer.get_by_role("heading", level=1)).to_have_text("What lockdown taught us")
    expect(writer.get_by_text("Note published.")).to_be_visible()

    # A visitor, signed out, with JavaScript as usual.
    page.goto(site + cell.get_absolute_url())
    page.get_by_role("link", name="What lockdown taught us").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What lockdown taught us")
    expect(page.locator(".sighting-card")).to_have_count(2)

    for sighting in (lunch, budget):
        page.goto(site + sighting.get_absolute_url())
        discussed = page.locator("section", has=page.get_by_role("heading", name="Discussed in"))
        expect(discussed.get_by_role("link", name="What lockdown taught us")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_with_javascript_the_picker_searches_without_reloading_the_page(page, site):
    convenor = UserFactory(username="gwen", first_name="Gwen")
    cell = CellFactory(convenors=[convenor])
    SightingFactory(published=True, title="Library lends tools to neighbours")
    SightingFactory(published=True, title="Council and food bank share a list")

    page.goto(f"{site}/accounts/login/?next=/cells/{cell.slug}/notes/new/")
    page.get_by_label("Email address").fill("gwen")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Title (required)").fill("Typed before searching")
    page.evaluate("window.notReloaded = true")

    page.get_by_label("Words in the title").fill("library")
    page.get_by_role("button", name="Find sightings").click()
    page.get_by_label("Library lends tools to neighbours").check()
    page.get_by_label("Words in the title").fill("food")
    page.get_by_role("button", name="Find sightings").click()

    expect(page.get_by_label("Council and food bank share a list")).not_to_be_checked()
    expect(page.get_by_label("Library lends tools to neighbours")).to_be_checked()
    expect(page.get_by_role("status")).to_have_text("1 sighting found.")
    assert page.evaluate("window.notReloaded") is True
    page.get_by_label("Words in the title").press("Enter")
    expect(page.get_by_role("status")).to_have_text("1 sighting found.")
    expect(page.get_by_label("Words in the title")).to_be_focused()
    assert page.evaluate("window.notReloaded") is True

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    note = cell.notes.get()
    assert note.title == "Typed before searching"
    assert [s.title for s in note.sightings.all()] == ["Library lends tools to neighbours"]


@pytest.mark.django_db(transaction=True)
def test_a_convenor_says_a_sighting_complicates_things_and_its_page_shows_it(
    no_script_page, page, site
):
    convenor = UserFactory(username="ifan", first_name="Ifan")
    cell = CellFactory(name="Bridging and bonding", convenors=[convenor])
    hall = SightingFactory(published=True, title="Two congregations share a hall")

    writer = no_script_page
    writer.goto(f"/accounts/login/?next=/cells/{cell.slug}/notes/new/")
    writer.get_by_label("Email address").fill("ifan")
    writer.get_by_label("Password").fill(PASSWORD)
    writer.get_by_role("button", name="Sign in").click()
    writer.get_by_label("Title (required)").fill("Who meets whom")
    writer.get_by_label("Date met").fill("2021-03-02")
    writer.get_by_label("Summary").fill("Bridging grows where a building is shared.")
    writer.get_by_label("Body").fill("We read three sightings.")

    writer.get_by_label("Words in the title").fill("hall")
    writer.get_by_role("button", name="Find sightings").click()
    writer.get_by_label("Two congregations share a hall").check()
    # Ticked, then searched again: the sighting is linked and asks how it was read.
    writer.get_by_role("button", name="Find sightings").click()
    reading = writer.get_by_role(
        "group", name="How the meeting read “Two congregations share a hall”"
    )
    reading.get_by_label("How did the meeting read it?").select_option("complicates")
    reading.get_by_label("Why, in a line").fill("Only where the hall is free of charge")
    writer.get_by_role("button", name="Publish").click()
    expect(writer.get_by_text("Note published.")).to_be_visible()
    expect(writer.locator(".reading--complicates")).to_contain_text("Complicates")

    page.goto(site + hall.get_absolute_url())
    discussed = page.locator("section", has=page.get_by_role("heading", name="Discussed in"))
    expect(discussed.get_by_role("link", name="Who meets whom")).to_be_visible()
    expect(discussed).to_contain_text("Complicates")
    expect(discussed).to_contain_text("Only where the hall is free of charge")
