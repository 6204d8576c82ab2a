from django.conf import settings


def site(request):
    """Site name, operator details and the page's absolute address (for
    Open Graph and sharing) for every template."""
    return {
        "site_name": settings.ATLAS_SITE_NAME,
        "operator": settings.ATLAS_OPERATOR,
        "page_url": settings.ATLAS_BASE_URL.rstrip("/") + request.get_full_path(),
    }
