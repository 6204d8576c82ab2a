from django.conf import settings


def site(request):
    """Site name and operator details for every template."""
    return {
        "site_name": settings.ATLAS_SITE_NAME,
        "operator": settings.ATLAS_OPERATOR,
        # Printed pages name the addresses of what they list.
        "base_url": settings.ATLAS_BASE_URL.rstrip("/"),
    }
