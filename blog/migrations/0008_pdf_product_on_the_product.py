# The link between a page and the product that sells it as a PDF is kept once, on
# the product (`Product.page`). Links that only the page had are moved there; the
# pages' own fields go in the next migration (a transaction of its own: PostgreSQL
# alters no table while the checks of rows written here are pending).

from django.db import migrations


def links_to_products(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    for model_name in ("ArticlePage", "SeriesPage"):
        model = apps.get_model("blog", model_name)
        rows = model.objects.exclude(pdf_product=None).values_list(
            "pk", "pdf_product_id"
        )
        for page_id, product_id in rows:
            # A product already linked to a page keeps that page: it is the
            # link delivery has always read first.
            Product.objects.filter(pk=product_id, page=None).update(page_id=page_id)


def links_to_pages(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    for model_name in ("ArticlePage", "SeriesPage"):
        model = apps.get_model("blog", model_name)
        for product in Product.objects.filter(page_id__in=model.objects.values("pk")):
            model.objects.filter(pk=product.page_id).update(pdf_product=product)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0007_comments"),
        ("catalogue", "0040_product_download_limits"),
    ]

    operations = [
        migrations.RunPython(links_to_products, links_to_pages),
    ]
