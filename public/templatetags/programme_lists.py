"""`{{ programmes|programme_lines }}`: the lines of a programme list, from
the Jinja2 fragment of `public.programme_list`; `|programme_lines:"roles"`
on a funder's page names the funder's roles instead of the funders."""

from django import template

from public import programme_list

register = template.Library()


@register.filter
def programme_lines(programmes, roles=""):
    return programme_list.render(programmes, roles=bool(roles))
