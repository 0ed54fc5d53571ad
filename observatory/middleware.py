class StripNullCharactersMiddleware:
    """Remove NUL characters from every query and form value before a view reads them.

    No person means to type one, yet one can arrive in pasted text; PostgreSQL cannot
    store or compare text holding one, so left in place it would fail the query. Taking
    it out, rather than refusing the request, keeps everything else a person typed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request.GET):
            request.GET = without_nul(request.GET)
        if request.method == "POST" and has_nul(request.POST):
            request.POST = without_nul(request.POST)
        return self.get_response(request)


def has_nul(data):
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in data.lists()
    )


def without_nul(data):
    cleaned = data.copy()
    cleaned.clear()
    for key, values in data.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned
