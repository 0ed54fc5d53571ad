from accounts.roles import is_convenor


def roles(request):
    return {"is_convenor": is_convenor(request.user) if hasattr(request, "user") else False}
