from playwright.sync_api import expect

from tests.factories import SightingFactory


def test_visitor_follows_a_shift_from_the_home_page_to_a_sighting(page, site):
    SightingFactory(
        title="Receptionists trusted to book home visits",
        published=True,
        shifts=["doubting-to-trusting"],
    )
    SightingFactory(
        title="Food bank and council share one list", published=True, shifts=["me-to-we"]
    )

    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The Observatory")
    page.get_by_role("link", name="Doubting → Trusting").first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Doubting → Trusting")
    expect(page.get_by_text("Food bank and council share one list")).to_have_count(0)
    page.get_by_role("link", name="Receptionists trusted to book home visits").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Receptionists trusted to book home visits"
    )
    expect(page.get_by_role("link", name="Doubting → Trusting")).to_be_visible()
