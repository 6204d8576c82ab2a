from django.conf import settings


def site(request):
    """Site name, operator details and the page's absolute address (for
    Open Graph and sharing) for every template."""
    return {
        "site_name": settings.ATLAS_SITE_NAME,
        "operator": settings.ATLAS_OPERATOR,
        # Printed pages name the addresses of what they list.
        "base_url": settings.ATLAS_BASE_URL.rstrip("/"),
        "page_url": settings.ATLAS_BASE_URL.rstrip("/") + request.get_full_path(),
    }
