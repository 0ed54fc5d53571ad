"""What the API shows of each object: public fields only, named explicitly.

Nothing here reads the author, their email, a reviewer's feedback or any status but
published; the views hand these serializers published objects alone.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cells.models import Cell, CellNote, DiscussedSighting
from sightings.models import FollowUp, Shift, Sighting


@extend_schema_field(OpenApiTypes.URI)
class AbsoluteURLField(serializers.Field):
    """The object's public page on the Observatory, as a full address."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        url = value.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class SightingSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField(help_text="The sighting's page on the Observatory.")
    shifts = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text="The slugs of its shifts."
    )
    themes = serializers.SerializerMethodField(help_text="The slugs of its themes, by name.")
    source_url = serializers.SerializerMethodField(
        help_text="A link to a published source, or null when the author gave none."
    )
    latest_follow_up = serializers.SerializerMethodField(
        help_text="The newest follow-up's answer to “Is it still happening?”, or null."
    )
    place_ref = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="The slug of the place it was matched to (see /api/places/), or null; "
        "the list's place_ref filter takes the same value.",
    )

    class Meta:
        model = Sighting
        fields = [
            "id",
            "url",
            "slug",
            "title",
            "summary",
            "story",
            "place",
            "date_observed",
            "setting",
            "connection",
            "direction",
            "place_ref",
            "shifts",
            "themes",
            "source_url",
            "published_at",
            "latest_follow_up",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_themes(self, sighting):
        return [theme.slug for theme in sighting.themes_in_order]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_source_url(self, sighting):
        return sighting.source_url or None

    @extend_schema_field(
        {
            "type": "string",
            "nullable": True,
            "enum": [*FollowUp.Outcome.values, None],
        }
    )
    def get_latest_follow_up(self, sighting):
        return getattr(sighting, "latest_outcome", None) or None


class ShiftSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField()
    published_count = serializers.IntegerField(
        read_only=True, help_text="How many published sightings show it."
    )

    class Meta:
        model = Shift
        fields = ["id", "slug", "name", "description", "position", "url", "published_count"]
        read_only_fields = fields


class ThemeSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    url = AbsoluteURLField()
    published_count = serializers.IntegerField(
        read_only=True, help_text="How many published sightings carry it."
    )


class PlaceSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(read_only=True, help_text="What place_ref takes.")
    name = serializers.CharField(read_only=True)
    url = AbsoluteURLField(help_text="The place's page on the Observatory.")
    region = serializers.CharField(read_only=True, help_text="The region, or an empty string.")
    latitude = serializers.FloatField(
        read_only=True, allow_null=True, help_text="Degrees north, or null when not located."
    )
    longitude = serializers.FloatField(
        read_only=True, allow_null=True, help_text="Degrees east (west is negative), or null."
    )
    published_count = serializers.IntegerField(
        read_only=True, help_text="How many published sightings were seen there."
    )
    shift_counts = serializers.SerializerMethodField(
        help_text="How many of its published sightings show each shift, by the shift's slug."
    )

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "integer"}})
    def get_shift_counts(self, place):
        slugs = self.context["shift_slugs"]
        return dict(zip(slugs, place.shift_counts, strict=True))


class CellSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField()
    is_active = serializers.BooleanField(read_only=True, help_text="False once the cell closed.")
    published_note_count = serializers.IntegerField(read_only=True)
    last_met = serializers.DateField(read_only=True, allow_null=True)
    next_meeting = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Cell
        fields = [
            "id",
            "slug",
            "name",
            "url",
            "purpose",
            "is_active",
            "published_note_count",
            "last_met",
            "next_meeting",
        ]
        read_only_fields = fields


class ReadingSerializer(serializers.ModelSerializer):
    sighting = serializers.IntegerField(
        source="sighting_id", read_only=True, help_text="The sighting's id."
    )
    reading = serializers.SerializerMethodField(
        help_text="How the meeting read it: affirms, complicates, asks (for a follow-up), "
        "or null when the note does not say."
    )
    why = serializers.CharField(read_only=True, help_text="One line of why, or an empty string.")

    class Meta:
        model = DiscussedSighting
        fields = ["sighting", "reading", "why"]
        read_only_fields = fields

    @extend_schema_field(
        {"type": "string", "nullable": True, "enum": [*DiscussedSighting.Reading.values, None]}
    )
    def get_reading(self, discussed):
        return discussed.reading or None


class CellNoteSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField()
    sightings = serializers.SerializerMethodField(
        help_text="The ids of the published sightings the meeting discussed."
    )
    readings = ReadingSerializer(
        source="published_readings",
        many=True,
        read_only=True,
        help_text="Each published sighting the meeting discussed, with how it read it.",
    )

    class Meta:
        model = CellNote
        fields = [
            "id",
            "slug",
            "title",
            "url",
            "met_on",
            "summary",
            "body",
            "topics_next",
            "next_meeting",
            "published_at",
            "sightings",
            "readings",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "array", "items": {"type": "integer"}})
    def get_sightings(self, note):
        return [discussed.sighting_id for discussed in note.published_readings]


class InsightSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    sentence = serializers.CharField(read_only=True, help_text="What the chart shows, in words.")
    note = serializers.CharField(
        read_only=True,
        help_text="What to know before trusting the numbers, such as what was left out; "
        "an empty string when nothing needs saying.",
    )
    columns = serializers.ListField(child=serializers.CharField(), read_only=True)
    rows = serializers.ListField(
        child=serializers.ListField(child=serializers.JSONField()),
        read_only=True,
        help_text="The numbers behind the chart: one list per row, in the columns' order.",
    )
