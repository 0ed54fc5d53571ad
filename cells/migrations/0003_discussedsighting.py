import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Gives the note's links to sightings a model of their own, keeping every link.

    The table Django made for the many-to-many becomes the new model's (first only in
    Django's idea of the models, then renamed in the database), so no row is copied.
    """

    dependencies = [
        ("cells", "0002_drafts_need_only_a_title"),
        ("sightings", "0005_performance_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DiscussedSighting",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "cellnote",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, to="cells.cellnote"
                            ),
                        ),
                        (
                            "sighting",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="sightings.sighting",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "cells_cellnote_sightings",
                        "unique_together": {("cellnote", "sighting")},
                    },
                ),
                migrations.AlterField(
                    model_name="cellnote",
                    name="sightings",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Published sightings the meeting discussed.",
                        limit_choices_to={"status": "published"},
                        related_name="cell_notes",
                        through="cells.DiscussedSighting",
                        to="sightings.sighting",
                        verbose_name="Linked sightings",
                    ),
                ),
            ],
        ),
        migrations.RenameField(
            model_name="discussedsighting", old_name="cellnote", new_name="note"
        ),
        migrations.AlterField(
            model_name="discussedsighting",
            name="note",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="discussed",
                to="cells.cellnote",
            ),
        ),
        migrations.AlterField(
            model_name="discussedsighting",
            name="sighting",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="discussions",
                to="sightings.sighting",
            ),
        ),
        migrations.AlterUniqueTogether(name="discussedsighting", unique_together=set()),
        migrations.AddConstraint(
            model_name="discussedsighting",
            constraint=models.UniqueConstraint(
                fields=("note", "sighting"), name="unique_sighting_per_note"
            ),
        ),
        migrations.AlterModelTable(name="discussedsighting", table=None),
        migrations.AddField(
            model_name="discussedsighting",
            name="reading",
            field=models.CharField(
                blank=True,
                choices=[
                    ("affirms", "Affirms"),
                    ("complicates", "Complicates"),
                    ("asks", "Asks for a follow-up"),
                ],
                help_text="Optional: whether the meeting found it affirms what the cell is "
                "learning, complicates it, or asks for a follow-up.",
                max_length=20,
                verbose_name="How did the meeting read it?",
            ),
        ),
        migrations.AddField(
            model_name="discussedsighting",
            name="why",
            field=models.CharField(
                blank=True,
                help_text="Optional: one line on what the meeting made of it.",
                max_length=200,
                verbose_name="Why, in a line",
            ),
        ),
    ]
