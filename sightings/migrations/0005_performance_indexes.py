from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sightings", "0004_theme_alias"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="sighting",
            name="sighting_status_published",
        ),
        migrations.AddIndex(
            model_name="sighting",
            index=models.Index(
                fields=["status", "-published_at", "-id"], name="sighting_newest_first"
            ),
        ),
        migrations.RemoveIndex(
            model_name="sighting",
            name="sighting_status_observed",
        ),
        migrations.AddIndex(
            model_name="sighting",
            index=models.Index(
                fields=["status", "-date_observed", "-published_at", "-id"],
                name="sighting_newest_seen",
            ),
        ),
    ]
