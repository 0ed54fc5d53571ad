"""The signed-in person's own pages under /me/ (My sightings itself is the sightings app's)."""

from django.urls import path

from accounts import views

app_name = "me"

urlpatterns = [
    path("settings/", views.my_settings, name="settings"),
]
