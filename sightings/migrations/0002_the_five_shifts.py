from django.db import migrations

from core.markdown import render_markdown

SHIFTS = [
    (
        "doubting-to-trusting",
        "Doubting → Trusting",
        "People and institutions start from trust: neighbours help people they barely "
        "know, and front-line staff are given the budgets and judgement to act.",
        "Suspicion is expensive. It shows up as forms, sign-offs and checks that keep "
        "people at arm's length. A sighting of this shift is a moment when someone was "
        "trusted first: a stranger given the keys, a support worker allowed to spend "
        "without asking, a resident believed the first time.",
    ),
    (
        "controlling-to-enabling",
        "Controlling → Enabling",
        "Power and leadership are shared: services support people to act for "
        "themselves, and the state works as an equal partner with local groups.",
        "Enabling means stepping back so others can step forward. Look for "
        "partnerships where a council or agency let a community group lead, for "
        "leadership shared rather than held, and for support that builds people's own "
        "capacity instead of doing things to them.",
    ),
    (
        "competing-to-co-operating",
        "Competing → Co-operating",
        "Organisations that used to compete for funding and credit work together, "
        "because no single body can fix the problem alone.",
        "When the need is bigger than any one organisation, rivals become allies. "
        "Sightings here show charities sharing referrals, departments pooling budgets, "
        "or agencies meeting round one table about the same family.",
    ),
    (
        "standardised-to-personalised",
        "Standardised → Personalised",
        "Methods bend to fit the person: in teaching, care, worship and shopping, "
        "people who were long overlooked are met as individuals.",
        "A standard process treats everyone the same and so fits nobody well. This "
        "shift is visible when a service is shaped around a person's life: a lesson "
        "rebuilt for one pupil, care arranged around someone's routine, a service "
        "offered in a place and at a time that suits them.",
    ),
    (
        "me-to-we",
        "Me → We",
        "A tide of goodwill: people act for one another and for the common good, and "
        "feel they have permission to behave differently.",
        "This is the shift from looking after yourself to looking out for each other. "
        "Sightings include mutual aid groups, street networks and shared projects that "
        "carried on after the emergency that started them.",
    ),
]


def create_shifts(apps, schema_editor):
    Shift = apps.get_model("sightings", "Shift")
    for position, (slug, name, description, explanation) in enumerate(SHIFTS, start=1):
        Shift.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "explanation": explanation,
                "explanation_html": render_markdown(explanation),
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("sightings", "0001_initial")]

    operations = [migrations.RunPython(create_shifts, migrations.RunPython.noop)]
