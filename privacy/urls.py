from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("data/", views.my_data, name="data"),
    path("delete/", views.close_account, name="delete"),
]
