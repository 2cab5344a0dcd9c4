"""URL map: fixed paths first, Oscar under /shop/, Wagtail's page tree last so it can
serve every path the others leave."""

from django.apps import apps
from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailPageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.sitemaps import ProductSitemap
from newsletters.views import PrefilledSubscribeRequestView

sitemaps = {"pages": WagtailPageSitemap, "products": ProductSitemap}

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path(
        "newsletter/<slug:newsletter_slug>/subscribe/",
        PrefilledSubscribeRequestView.as_view(),
        name="newsletter_subscribe_request",
    ),
    path("newsletter/", include("newsletter.urls")),
    path("search/", home_views.search, name="search"),
    path("language/<str:code>/", home_views.language_switch, name="language_switch"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
