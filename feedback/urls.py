from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("vorschlagen/", views.suggest, name="suggest"),
    path("foerderungen/<slug:slug>/fehler-melden/", views.report_programme, name="report_programme"),
    path("foerderer/<slug:slug>/fehler-melden/", views.report_institution, name="report_institution"),
    path("foerderer/<slug:slug>/konto-anfragen/", views.request_account, name="request_account"),
    path("rueckmeldung/danke/", views.sent, name="sent"),
    path("angaben-pruefen/<slug:token>/", views.check, name="check"),
    path("zugang/<uidb64>/<token>/", views.SetPassword.as_view(), name="set_password"),
    path("zugang/fertig/", views.password_set, name="password_set"),
]
