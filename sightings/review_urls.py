from django.urls import path

from sightings import review

app_name = "review"

urlpatterns = [
    path("", review.review_queue, name="queue"),
    path("themes/", review.review_themes, name="themes"),
    path("on-behalf/", review.record_told_sighting, name="on-behalf"),
    path("import/", review.import_sightings, name="import"),
    path("import/confirm/", review.import_confirm, name="import-confirm"),
    path("<int:pk>/", review.review_sighting, name="sighting"),
]
