"""The five shifts' fixed English, listed so that makemessages gathers it for translating.

The five are fixed: every site has exactly these, created by a data migration, and
nobody may add or delete one. So their Welsh lives in the one .po file beside every
other interface string, looked up with gettext on the stored English (Shift's
`translated_*` properties), rather than in translated columns: one place for
translators, no package or migration for five rows. A description staff have since
edited shows as edited, in English, until its Welsh is added to the .po file.
"""

from django.utils.translation import gettext_noop

SHIFT_TEXTS = [
    # doubting-to-trusting
    gettext_noop("Doubting → Trusting"),
    gettext_noop(
        "People and institutions start from trust: neighbours help people they barely "
        "know, and front-line staff are given the budgets and judgement to act."
    ),
    gettext_noop(
        "Suspicion is expensive. It shows up as forms, sign-offs and checks that keep "
        "people at arm's length. A sighting of this shift is a moment when someone was "
        "trusted first: a stranger given the keys, a support worker allowed to spend "
        "without asking, a resident believed the first time."
    ),
    # controlling-to-enabling
    gettext_noop("Controlling → Enabling"),
    gettext_noop(
        "Power and leadership are shared: services support people to act for "
        "themselves, and the state works as an equal partner with local groups."
    ),
    gettext_noop(
        "Enabling means stepping back so others can step forward. Look for partnerships"
        " where a council or agency let a community group lead, for leadership shared "
        "rather than held, and for support that builds people's own capacity instead of"
        " doing things to them."
    ),
    # competing-to-co-operating
    gettext_noop("Competing → Co-operating"),
    gettext_noop(
        "Organisations that used to compete for funding and credit work together, "
        "because no single body can fix the problem alone."
    ),
    gettext_noop(
        "When the need is bigger than any one organisation, rivals become allies. "
        "Sightings here show charities sharing referrals, departments pooling budgets, "
        "or agencies meeting round one table about the same family."
    ),
    # standardised-to-personalised
    gettext_noop("Standardised → Personalised"),
    gettext_noop(
        "Methods bend to fit the person: in teaching, care, worship and shopping, "
        "people who were long overlooked are met as individuals."
    ),
    gettext_noop(
        "A standard process treats everyone the same and so fits nobody well. This "
        "shift is visible when a service is shaped around a person's life: a lesson "
        "rebuilt for one pupil, care arranged around someone's routine, a service "
        "offered in a place and at a time that suits them."
    ),
    # me-to-we
    gettext_noop("Me → We"),
    gettext_noop(
        "A tide of goodwill: people act for one another and for the common good, and "
        "feel they have permission to behave differently."
    ),
    gettext_noop(
        "This is the shift from looking after yourself to looking out for each other. "
        "Sightings include mutual aid groups, street networks and shared projects that "
        "carried on after the emergency that started them."
    ),
]
