from django.core.exceptions import SuspiciousOperation


class RejectNullCharactersMiddleware:
    """Refuse, as a bad request, any query or form value holding a NUL character.

    No person types one, PostgreSQL cannot store or compare text holding one (the
    query fails, which would be a server error), and every view would otherwise have to
    remember to strip it. Django's form fields already refuse it; this covers the
    query-string filters and anything read from request.GET or POST by hand.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request.GET) or (request.method == "POST" and has_nul(request.POST)):
            raise SuspiciousOperation("A NUL character in the request's data.")
        return self.get_response(request)


def has_nul(data):
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in data.lists()
    )
