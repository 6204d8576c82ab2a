from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("gesendet/", views.sent, name="sent"),
    path("frist/<slug:slug>/", views.remind, name="remind"),
    path("bestaetigen/<slug:token>/", views.confirm, name="confirm"),
    path("verwalten/<slug:token>/", views.manage, name="manage"),
    path("abmelden/<slug:token>/", views.unsubscribe, name="unsubscribe"),
]
