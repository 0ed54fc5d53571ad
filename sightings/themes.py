"""How the free-text themes a person types become one shared vocabulary."""

import re

MAX_THEMES = 10
MAX_THEME_LENGTH = 50

_SEPARATORS = re.compile(r"[,;\n]")


def normalise_theme(name):
    return " ".join(name.replace('"', " ").split()).lower()


def parse_themes(text):
    """Split themes at commas, trimmed and lower-cased, without repeats.

    Only commas separate, so "mutual aid" stays one theme; taggit's own parser would
    split a comma-free string at its spaces. Used by taggit for every string it
    parses, so "Loneliness" and "loneliness " become one theme wherever typed.
    """
    themes = []
    for name in _SEPARATORS.split(text or ""):
        theme = normalise_theme(name)
        if theme and theme not in themes:
            themes.append(theme)
    return themes


def themes_to_text(themes):
    return ", ".join(theme.name for theme in themes)
