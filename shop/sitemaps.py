"""The shop's part of the sitemap: Oscar has none, Wagtail's covers pages only."""

from django.contrib.sitemaps import Sitemap

from .selectors import products_for_sitemap


class ProductSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return products_for_sitemap()

    def lastmod(self, product):
        return product.date_updated
