from django.http import HttpResponse


def start(request):
    return HttpResponse("Förderatlas")


def programme_detail(request, slug):
    return HttpResponse(slug)


def institution_detail(request, slug):
    return HttpResponse(slug)
