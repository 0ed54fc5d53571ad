from django.urls import path

from following import views

app_name = "following"

urlpatterns = [
    path("me/following/", views.following_list, name="list"),
    path("me/following/add/", views.follow, name="follow"),
    path("me/following/<int:pk>/", views.change, name="change"),
    path("me/following/<int:pk>/stop/", views.stop, name="stop"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
