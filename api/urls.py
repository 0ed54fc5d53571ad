from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from api import views

# The JSON, the same in every language, outside the /cy/ prefix; the pages people read
# about it are in api/page_urls.py, in English and in Welsh.
app_name = "api"

urlpatterns = [
    path("api/openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("api/sightings/", views.SightingList.as_view(), name="sightings"),
    path("api/sightings/<str:pk>/", views.SightingDetail.as_view(), name="sighting"),
    path("api/shifts/", views.ShiftList.as_view(), name="shifts"),
    path("api/themes/", views.ThemeList.as_view(), name="themes"),
    path("api/places/", views.PlaceList.as_view(), name="places"),
    path("api/cells/", views.CellList.as_view(), name="cells"),
    path("api/cells/<str:slug>/notes/", views.CellNoteList.as_view(), name="cell-notes"),
    path("api/insights/", views.InsightList.as_view(), name="insights"),
    re_path(r"^api/(?P<rest>[\s\S]+)$", views.not_found, name="not-found"),
]
