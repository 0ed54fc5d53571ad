from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core import page_cache
from observatory import languages, views
from observatory.sitemaps import sitemaps

# Addresses that are not pages read in one language stay outside the /cy/ prefix: the
# health check, robots and sitemaps, the API (its JSON and its guide), the admin and the
# language switch itself.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("language/", languages.switch_language, name="set-language"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # Every public address in one sitemap, paged by Django at 50,000 addresses (?p=2),
    # with one sitemap per section beside it; kept until what is published changes.
    path(
        "sitemap.xml",
        page_cache.for_visitors(sitemap_views.sitemap, params=["p"]),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        page_cache.for_visitors(sitemap_views.sitemap, params=["p"]),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path("", include("api.urls")),
    path("admin/", admin.site.urls),
]

# Every page, in English at the address it has always had and in Welsh under /cy/.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("me/", include("accounts.me_urls")),
    path("me/", include("privacy.urls")),
    path("", include("sightings.urls")),
    path("cells/", include("cells.urls")),
    path("review/", include("sightings.review_urls")),
    path("", include("following.urls")),
    path("", include("api.page_urls")),
    prefix_default_language=False,
)

handler400 = "observatory.views.bad_request"
handler403 = "observatory.views.permission_denied"
handler404 = "observatory.views.page_not_found"
handler500 = "observatory.views.server_error"

admin.site.site_header = _("The Observatory")
admin.site.site_title = _("Observatory admin")
admin.site.index_title = _("Curate the Observatory")
