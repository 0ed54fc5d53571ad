"""Cursor pagination that stays put when sightings are published meanwhile.

A cursor holds the sort values of the last sighting on a page (when it was seen,
when it was published, its id; or its search rank), not a position: the next page
starts strictly after that sighting in the same order, so a sighting published
while someone pages through neither repeats nor pushes another off a page. Reading
a page is one index range and a limit, however deep the page.
"""

import base64
import binascii
import datetime
import json

from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from sightings.paging import rows_after

CURSOR_PARAM = "cursor"
PAGE_SIZE_PARAM = "page_size"


def _parse(field, value):
    if field == "date_observed":
        return datetime.date.fromisoformat(value)
    if field == "published_at":
        return datetime.datetime.fromisoformat(value)
    if field == "rank":
        return float(value)
    return int(value)


def _dump(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


class KeysetPagination(BasePagination):
    """Pages through a queryset in the order it already has, by its sort values.

    The order must be on fields that never repeat together (it ends in the id) and
    all run the same way, newest first or oldest first, as the sighting list's do.
    """

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self._page_size(request)
        ordering = [name.lstrip("-") for name in queryset.query.order_by]
        self.fields = ["pk" if name in {"id", "pk"} else name for name in ordering]
        self.descending = queryset.query.order_by[0].startswith("-")
        after = self._decode(request.query_params.get(CURSOR_PARAM))
        if after is not None:
            queryset = queryset.filter(self._after(after))
        rows = list(queryset.values_list(*self.fields)[: self.page_size + 1])
        self.has_next = len(rows) > self.page_size
        rows = rows[: self.page_size]
        self.last = rows[-1] if rows else None
        # Only the sort values are read in order; the view reads the page's rows by id.
        ids = [row[self.fields.index("pk")] for row in rows]
        found = view.objects_by_id(ids)
        return [found[pk] for pk in ids if pk in found]

    def _page_size(self, request):
        raw = request.query_params.get(PAGE_SIZE_PARAM)
        if raw in (None, ""):
            return settings.API_PAGE_SIZE
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= settings.API_MAX_PAGE_SIZE:
            raise ValidationError(
                {PAGE_SIZE_PARAM: [f"Give a whole number from 1 to {settings.API_MAX_PAGE_SIZE}."]}
            )
        return size

    def _decode(self, cursor):
        if not cursor:
            return None
        try:
            padded = cursor + "=" * (-len(cursor) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
            if data["order"] != self._signature():
                raise ValueError("a cursor from another order")
            pairs = zip(self.fields, data["after"], strict=True)
            return [_parse(field, value) for field, value in pairs]
        except (ValueError, TypeError, KeyError, UnicodeError, binascii.Error):
            raise ValidationError(
                {CURSOR_PARAM: ["This cursor is not one the API gave out for this order."]}
            ) from None

    def _encode(self, values):
        data = {"order": self._signature(), "after": [_dump(value) for value in values]}
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    def _signature(self):
        return ("-" if self.descending else "+") + ",".join(self.fields)

    def _after(self, values):
        return rows_after(self.fields, values, self.descending)

    def get_next_link(self):
        if not self.has_next or self.last is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, CURSOR_PARAM, self._encode(self.last))

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The address of the next page; null on the last.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": CURSOR_PARAM,
                "required": False,
                "in": "query",
                "description": "Where the page starts: take it from the previous page's `next`.",
                "schema": {"type": "string"},
            },
            {
                "name": PAGE_SIZE_PARAM,
                "required": False,
                "in": "query",
                "description": f"How many results a page holds (default "
                f"{settings.API_PAGE_SIZE}, at most {settings.API_MAX_PAGE_SIZE}).",
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": settings.API_MAX_PAGE_SIZE,
                    "default": settings.API_PAGE_SIZE,
                },
            },
        ]
