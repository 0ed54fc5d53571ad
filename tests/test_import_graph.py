"""Dependencies point one way, like the floors of a house (README.md, Layout).

`core/` is at the bottom and imports no app; `cells/` may import `sightings/`, never the
reverse; `observatory/` (settings, root URLs, the site's own pages) is the roof, and
nothing below it imports it. Read from the source with ast, so an import inside a
function counts as much as one at the top of a file.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Folders that are not part of the running site: they may import anything.
OUTSIDE_THE_SITE = {"tests", "bench", "scripts"}


def top_level_folders():
    return {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if not path.parent.name.startswith(".")
    }


FOLDERS = top_level_folders()


def imported_folders(path):
    """The other top-level folders of this repository that one file imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif _is_include(node):
            # include("sightings.urls") imports the module by its name.
            found.add(node.args[0].value.split(".")[0])
    return found & FOLDERS


def _is_include(node):
    return (
        isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "include"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def import_graph():
    """{folder: {folder it imports, ...}} over every Python file of the site."""
    graph = {}
    for folder in FOLDERS:
        imports = set()
        for path in (ROOT / folder).rglob("*.py"):
            imports |= imported_folders(path)
        graph[folder] = imports - {folder}
    return graph


GRAPH = import_graph()


def test_the_graph_is_read_from_the_source():
    assert {"core", "accounts", "sightings", "cells", "observatory"} <= FOLDERS
    assert "sightings" in GRAPH["cells"]
    assert "core" in GRAPH["sightings"]


def test_core_imports_no_app():
    assert GRAPH["core"] == set()


def test_sightings_never_imports_cells():
    assert "cells" not in GRAPH["sightings"]


def test_only_the_roof_imports_observatory():
    importers = {folder for folder, imports in GRAPH.items() if "observatory" in imports}
    assert importers <= OUTSIDE_THE_SITE


def test_only_the_roof_imports_every_other_folder_of_the_site():
    site = FOLDERS - OUTSIDE_THE_SITE
    importers = {folder for folder in site if site - {folder} <= GRAPH[folder]}
    # The roof need not import a folder it has no use for (outbox/ serves the apps below).
    assert importers <= {"observatory"}


def test_no_two_folders_import_each_other_even_through_others():
    def reachable(start):
        seen, stack = set(), [start]
        while stack:
            for folder in GRAPH[stack.pop()]:
                if folder not in seen:
                    seen.add(folder)
                    stack.append(folder)
        return seen

    cycles = sorted(folder for folder in GRAPH if folder in reachable(folder))
    assert cycles == []
