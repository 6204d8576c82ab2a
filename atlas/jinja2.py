"""The Jinja2 environment for the few hot fragments that Django's template
engine renders too slowly (see docs/adr/0010-jinja2-for-hot-fragments.md).

Pages stay Django templates; a fragment under `<app>/jinja2/` is rendered
with `render_to_string(name, context, using="jinja2")` and put into the page
as safe HTML. The environment offers what those fragments need from Django:
its translations (`_`, `gettext`, `ngettext`, `{% trans %}`), `url()` and
`static()`.
"""

from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import Environment


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options):
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    # newstyle: `_("%(n)s Treffer", n=3)` formats and escapes like Django's blocktranslate.
    env.install_gettext_translations(translation, newstyle=True)
    env.globals.update(url=url, static=static)
    return env
