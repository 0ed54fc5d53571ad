"""The paper sighting form prints on one sheet of A4 and is accessible on screen."""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from tests.browser.axe import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

# 210 × 297 mm in PostScript points, give or take Chromium's rounding.
A4_POINTS = (595.3, 841.9)


def test_the_paper_form_prints_on_one_sheet_of_a4(page, site):
    page.goto(site + "/sightings/paper/")
    assert serious_violations(page) == []
    assert page.locator("h1").count() == 1
    assert page.get_by_role("navigation").count() == 0

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))

    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert box.width == pytest.approx(A4_POINTS[0], abs=1)
    assert box.height == pytest.approx(A4_POINTS[1], abs=1)
    # NFKC turns the typeface's ligatures ("ﬁ") back into letters.
    text = " ".join(unicodedata.normalize("NFKC", pdf.pages[0].extract_text()).split())
    assert "No one can be identified in this sighting without their consent." in text
    assert "Me → We" in text
    assert "Back to the Observatory" not in text


def test_the_paper_form_is_reached_from_the_home_page(page, site):
    page.goto(site + "/")
    page.get_by_role("link", name="Collecting on paper?").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("The Observatory")
    assert page.url == site + "/sightings/paper/"
