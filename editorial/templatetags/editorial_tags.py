from django import template
from django.urls import reverse

register = template.Library()


@register.filter
def admin_change_url(entry):
    """The admin change page of any model instance."""
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])


@register.filter
def entry_kind(entry):
    """ "Förderprogramm" or "Förderer"."""
    return entry._meta.verbose_name
