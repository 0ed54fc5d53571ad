from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited

from privacy import closure, data
from privacy.forms import CloseAccountForm

# A stolen session must not be able to guess the password here for long.
PASSWORD_CHECK_RATE = "10/h"


@never_cache
@login_required
@require_safe
def my_data(request):
    chunks = data.json_chunks(request.user, generated_at=timezone.now())
    response = StreamingHttpResponse(chunks, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-observatory-data.json"'
    return response


@never_cache
@login_required
def close_account(request):
    reasons = closure.refusals(request.user)
    form = CloseAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and not reasons:
        if too_many_tries(request):
            form.add_error(None, _("Too many tries. Wait an hour and try again."))
        elif form.is_valid():
            closure.close_account(request.user, keep_published=form.keep_published)
            logout(request)
            messages.success(
                request,
                _("Your account is closed and your name removed. Thank you for taking part."),
            )
            return redirect("home")
    status = 403 if reasons and request.method == "POST" else 200
    return render(
        request, "privacy/close_account.html", {"form": form, "reasons": reasons}, status=status
    )


def too_many_tries(request):
    return is_ratelimited(
        request,
        group="privacy:close-account",
        key="user",
        rate=PASSWORD_CHECK_RATE,
        method="POST",
        increment=True,
    )
