from django.http import HttpResponse
def home(request): return HttpResponse("")
def healthz(request): return HttpResponse("")
def robots_txt(request): return HttpResponse("")
def bad_request(request, exception=None): return HttpResponse("")
def permission_denied(request, exception=None): return HttpResponse("")
def page_not_found(request, exception=None): return HttpResponse("")
def server_error(request): return HttpResponse("")
