from django.urls import path

from sightings import views

app_name = "sightings"

urlpatterns = [
    path("sightings/", views.sighting_list, name="list"),
    path("sightings/<slug:slug>/", views.sighting_detail, name="detail"),
    path("shifts/", views.shift_list, name="shift-list"),
    path("shifts/<slug:slug>/", views.shift_detail, name="shift-detail"),
    path("themes/", views.theme_list, name="theme-list"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme-detail"),
]
