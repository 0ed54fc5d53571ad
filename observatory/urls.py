from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import cache_page

from observatory import views
from sightings.sitemaps import SITEMAP_CACHE_SECONDS, sitemaps

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # An index of one sitemap per section, each paged, so 100,000 sightings still fit;
    # kept for an hour, since counting every section's pages reads whole tables.
    path(
        "sitemap.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path("accounts/", include("accounts.urls")),
    path("", include("sightings.urls")),
    path("cells/", include("cells.urls")),
    path("review/", include("sightings.review_urls")),
    path("admin/", admin.site.urls),
]

handler400 = "observatory.views.bad_request"
handler403 = "observatory.views.permission_denied"
handler404 = "observatory.views.page_not_found"
handler500 = "observatory.views.server_error"

admin.site.site_header = "The Observatory"
admin.site.site_title = "Observatory admin"
admin.site.index_title = "Curate the Observatory"
