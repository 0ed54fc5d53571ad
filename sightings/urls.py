from django.urls import path
app_name = "sightings"
urlpatterns = []
