from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from core import page_cache
from observatory import views
from observatory.sitemaps import sitemaps

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # Every public address in one sitemap, paged by Django at 50,000 addresses (?p=2),
    # with one sitemap per section beside it; kept until what is published changes.
    path(
        "sitemap.xml",
        page_cache.for_visitors(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        page_cache.for_visitors(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path("accounts/", include("accounts.urls")),
    path("me/", include("accounts.me_urls")),
    path("me/", include("privacy.urls")),
    path("", include("sightings.urls")),
    path("cells/", include("cells.urls")),
    path("review/", include("sightings.review_urls")),
    path("", include("following.urls")),
    path("", include("api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "observatory.views.bad_request"
handler403 = "observatory.views.permission_denied"
handler404 = "observatory.views.page_not_found"
handler500 = "observatory.views.server_error"

admin.site.site_header = "The Observatory"
admin.site.site_title = "Observatory admin"
admin.site.index_title = "Curate the Observatory"
