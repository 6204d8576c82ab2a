"""The three forms visitors send. Each is a ModelForm of the model it fills
(Report, Programme, AccountRequest), so the fields carry the same lengths
and validators as in the back office, plus the spam guard of `guard`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import Institution, Programme, Region
from catalogue.validators import normalise_url
from public.vocabulary_labels import translate_label

from .guard import GuardedForm
from .models import TEXT_MAX, AccountRequest, Report, ReportKind

EMAIL_ERRORS = {
    "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
    "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@example.org."),
    "max_length": _("Diese E-Mail-Adresse ist zu lang."),
}
REPLY_EMAIL_HELP = _(
    "Nur wenn Sie eine Antwort möchten. Wir schreiben Ihnen einmal, was aus Ihrer Nachricht geworden ist."
)


def text_errors(what):
    return {"required": what, "max_length": _("Bitte kürzen Sie den Text auf %(limit_value)d Zeichen.")}


def reply_email(required=False, help_text=REPLY_EMAIL_HELP):
    return forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        max_length=254,
        required=required,
        help_text=help_text,
        error_messages=EMAIL_ERRORS,
    )


class CleanEmail:
    def clean_email(self):
        # One spelling per address, as the alerts store it.
        return self.cleaned_data["email"].strip().lower()


class ReportForm(CleanEmail, GuardedForm, forms.ModelForm):
    link_fields = ("text",)

    kind = forms.ChoiceField(
        label=_("Was stimmt nicht?"),
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie aus, was nicht stimmt.")},
    )
    text = forms.CharField(
        label=_("Was ist falsch, und was wäre richtig?"),
        help_text=_("Zum Beispiel: „Die Frist ist jetzt der 31. März.“ Eine Quelle hilft uns beim Prüfen."),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=text_errors(_("Bitte beschreiben Sie kurz, was nicht stimmt.")),
    )
    email = reply_email()

    class Meta:
        model = Report
        fields = ("kind", "text", "email")


class RegionField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return translate_label(obj.label)


class SuggestionForm(CleanEmail, GuardedForm, forms.ModelForm):
    """Förderung vorschlagen in plain language; the fields the Redaktion
    fills in later (vocabularies, structured amounts, dates) are left out."""

    link_fields = ("amount_text", "deadline_note", "eligible_text", "description")
    DESCRIPTION_MAX = 5000

    title = forms.CharField(
        label=_("Wie heißt die Förderung?"),
        max_length=Programme._meta.get_field("title").max_length,
        error_messages=text_errors(_("Bitte geben Sie den Namen der Förderung an.")),
    )
    funder = forms.CharField(
        label=_("Wer fördert?"),
        help_text=_("Zum Beispiel eine Stiftung, ein Ministerium oder eine Stadt."),
        max_length=Institution._meta.get_field("name").max_length,
        error_messages=text_errors(_("Bitte geben Sie an, wer fördert.")),
    )
    link = forms.URLField(
        label=_("Link zur Förderung"),
        help_text=_("Die Seite des Förderers, auf der die Förderung beschrieben ist."),
        max_length=500,
        assume_scheme="https",
        error_messages={
            "required": _("Bitte geben Sie den Link zur Förderung an."),
            "invalid": _(
                "Bitte geben Sie eine vollständige Adresse an, zum Beispiel https://example.org/foerderung."
            ),
            "max_length": _("Dieser Link ist zu lang."),
        },
    )
    deadline_note = forms.CharField(
        label=_("Bis wann kann man Anträge stellen?"),
        help_text=_("Zum Beispiel „jedes Jahr bis 31. März“ oder „laufend“."),
        max_length=Programme._meta.get_field("deadline_note").max_length,
        required=False,
        error_messages=text_errors(""),
    )
    amount_text = forms.CharField(
        label=_("Wie viel Geld gibt es?"),
        max_length=Programme._meta.get_field("amount_text").max_length,
        required=False,
        error_messages=text_errors(""),
    )
    eligible_text = forms.CharField(
        label=_("Wer kann Anträge stellen?"),
        help_text=_("Zum Beispiel Vereine, Initiativen oder Kommunen."),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=text_errors(""),
    )
    region = RegionField(
        label=_("Wo wird gefördert?"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("Weiß ich nicht"),
        error_messages={"invalid_choice": _("Bitte wählen Sie ein Gebiet aus der Liste.")},
    )
    description = forms.CharField(
        label=_("Worum geht es?"),
        help_text=_("Ein paar Sätze in eigenen Worten: was gefördert wird und für wen."),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=text_errors(""),
    )
    email = reply_email(
        help_text=_(
            "Nur für Rückfragen der Redaktion und eine Nachricht, wenn Ihr Vorschlag veröffentlicht ist."
        )
    )
    send_anyway = forms.BooleanField(
        label=_("Mein Vorschlag ist keiner der genannten Einträge. Trotzdem senden."), required=False
    )

    class Meta:
        model = Programme
        fields = ("title", "amount_text", "deadline_note", "eligible_text", "description")

    def clean_link(self):
        # The back office's and the importer's one rule for addresses (http(s), normalised).
        return normalise_url(self.cleaned_data["link"])


class AccountRequestForm(CleanEmail, GuardedForm, forms.ModelForm):
    link_fields = ("message",)

    name = forms.CharField(
        label=_("Ihr Name"),
        max_length=200,
        error_messages=text_errors(_("Bitte geben Sie Ihren Namen an.")),
    )
    position = forms.CharField(
        label=_("Ihre Funktion beim Förderer"),
        help_text=_("Zum Beispiel „Referentin für Projektförderung“."),
        max_length=200,
        error_messages=text_errors(_("Bitte geben Sie Ihre Funktion an.")),
    )
    email = reply_email(
        required=True,
        help_text=_("Möglichst die dienstliche Adresse: an sie schicken wir die Einladung zum Konto."),
    )
    message = forms.CharField(
        label=_("Nachricht an die Redaktion"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=text_errors(""),
    )

    class Meta:
        model = AccountRequest
        fields = ("name", "position", "email", "message")
