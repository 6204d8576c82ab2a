from django import forms
from django.utils.translation import gettext_lazy as _

CONSENT_ALERT = _(
    "Ich möchte E-Mails über neue Treffer dieser Suche erhalten. Gespeichert werden dafür nur meine "
    "E-Mail-Adresse, die Suche, die Sprache und der Zeitpunkt dieser Einwilligung. Ich kann die "
    "Benachrichtigung mit dem Link in jeder E-Mail sofort abbestellen."
)
CONSENT_REMINDER = _(
    "Ich möchte 14 und 3 Tage vor den Fristen dieser Förderung per E-Mail erinnert werden. Gespeichert "
    "werden dafür nur meine E-Mail-Adresse, die Förderung, die Sprache und der Zeitpunkt dieser "
    "Einwilligung. Ich kann die Erinnerung mit dem Link in jeder E-Mail sofort abbestellen."
)


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        max_length=254,
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@example.org."),
            "max_length": _("Diese E-Mail-Adresse ist zu lang."),
        },
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Bitte bestätigen Sie die Einwilligung.")},
    )

    def __init__(self, *args, consent_text, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_text = consent_text
        self.fields["consent"].label = consent_text

    def clean_email(self):
        # One spelling per address: the unique constraints compare it as stored.
        return self.cleaned_data["email"].strip().lower()
