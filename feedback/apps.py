from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Rückmeldungen")

    def ready(self):
        # The Redaktion's worklist shows open reports and account requests
        # without the editorial app importing this one.
        from editorial.worklist import register_section

        from .worklist import open_feedback

        register_section(open_feedback)
