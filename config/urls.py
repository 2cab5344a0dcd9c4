"""URL map: fixed paths first, Oscar under /shop/, Wagtail's page tree last so it can
serve every path the others leave."""

from django.apps import apps
from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView, TemplateView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailPageSitemap
from wagtail.contrib.sitemaps.views import index as sitemap_index
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from shop.sitemaps import ProductSitemap
from sitesearch import views as search_views

sitemaps = {"pages": WagtailPageSitemap, "products": ProductSitemap}

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("shop/downloads/", include("delivery.urls")),
    path("shop/", include("shop.urls")),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    # Our newsletter pages replace django-newsletter's (newsletters/views.py).
    path("newsletter/", include("newsletters.urls")),
    path("kurse/nach-wunsch/", include("ondemand.urls")),
    path("kurse/", include("courses.urls")),
    path("vertrag-widerrufen/", include("withdrawals.urls")),
    path("", include("comments.urls")),
    path("search/", search_views.search, name="search"),
    path("language/<str:code>/", home_views.language_switch, name="language_switch"),
    # An index of sitemap files, each of at most 50,000 addresses (sitemaps.org's
    # limit; Sitemap.limit): /sitemap-pages.xml, /sitemap-pages.xml?p=2 …
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path(
        "favicon.ico",
        RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.ico", permanent=True),
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "home.views.bad_request"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
