"""The API's pages for people: in English at their addresses, in Welsh under /cy/."""

from django.urls import path

from api import views

urlpatterns = [
    path("api/", views.api_index, name="api-index"),
    path("embed/sightings/", views.embed_sightings, name="embed-sightings"),
]
