"""The Jinja2 environment for the few hot fragments that Django's template
engine renders too slowly (see docs/adr/0010-jinja2-for-hot-fragments.md).

Pages stay Django templates; a fragment under `<app>/jinja2/` is rendered
with `public.fragments.fragment(name, context)` and put into the page as safe HTML. The
environment offers what those fragments need from Django: its translations
(`_`, `gettext`, `ngettext`, `{% trans %}`), `url()`, `static()`, the one
status line of a programme (`public.status_line`) and the public pages'
helpers (`public.search_fragments.HELPERS`).
"""

from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import Environment

from public.status_line import status_line


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options):
    from public.search_fragments import HELPERS  # they render with this environment

    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    # newstyle: `_("%(n)s Treffer", n=3)` formats and escapes like Django's blocktranslate.
    env.install_gettext_translations(translation, newstyle=True)
    env.globals.update(url=url, static=static, status_line=status_line, **HELPERS)
    return env
