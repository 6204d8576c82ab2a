from django.urls import path

from . import views

app_name = "shortlist"

urlpatterns = [
    path("", views.current, name="current"),
    path("merken/", views.add, name="add"),
    path("<slug:token>/", views.show, name="list"),
    path("<slug:token>/entfernen/", views.remove, name="remove"),
    path("<slug:token>/vergleich/", views.compare, name="compare"),
    path("<slug:token>/merkliste.<str:extension>", views.download, name="download"),
]
