import os
import shutil

import pytest

from tests.browser.shifts import ensure_five_shifts

CHROMIUM = os.environ.get("OBSERVATORY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    browser_missing = not shutil.which(CHROMIUM)
    for item in items:
        if "tests/browser/" not in str(item.fspath).replace(os.sep, "/"):
            continue
        item.add_marker(pytest.mark.browser)
        if browser_missing and not os.environ.get("OBSERVATORY_REQUIRE_BROWSER"):
            item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM} (apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def site(live_server):
    """The live server's address, for building URLs in browser tests."""
    return live_server.url


@pytest.fixture(autouse=True)
def five_shifts(transactional_db):
    """Every live-server test starts with the five shifts (see tests/browser/shifts.py)."""
    ensure_five_shifts()
