from django.http import HttpResponse
from django.shortcuts import render


def start(request):
    return render(request, "public/start.html")


def programme_detail(request, slug):
    return HttpResponse(slug)


def institution_detail(request, slug):
    return HttpResponse(slug)


def page(request, name):
    """Static pages: Über den Atlas, Impressum, Datenschutz, Barrierefreiheit."""
    return render(request, f"public/pages/{name}.html")
