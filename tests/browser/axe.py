"""axe-core, bundled with axe-playwright-python, run on the page a browser test has open."""

from axe_playwright_python.sync_playwright import Axe

# Every page passes axe-core with no violation of impact serious or critical.
SERIOUS = {"serious", "critical"}


def serious_violations(page):
    """Each serious or critical violation, named with up to three of the elements at fault."""
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]
