from django.conf import settings


def site(request):
    """Site name and operator details for every template."""
    return {
        "site_name": settings.ATLAS_SITE_NAME,
        "operator": settings.ATLAS_OPERATOR,
    }
