"""Django's own words that its Welsh catalogue lacks, gathered here for translating.

Django's timesince and its password confirmation help are translated by Django's
catalogues, but its Welsh one predates their present wording, so a Welsh page would
show them in English. Listed here, makemessages brings them into this project's .po,
which Django reads before its own.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_TEXTS = [
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
    gettext_noop("Enter the same password as before, for verification."),
]
