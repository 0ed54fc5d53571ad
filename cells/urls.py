from django.urls import path
app_name = "cells"
urlpatterns = []
