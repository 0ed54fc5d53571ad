from django.urls import path

from sightings import review

app_name = "review"

urlpatterns = [
    path("", review.review_queue, name="queue"),
    path("themes/", review.review_themes, name="themes"),
    path("places/", review.review_places, name="places"),
    path("<int:pk>/", review.review_sighting, name="sighting"),
]
