"""Product and category descriptions come from the dashboard's HTML editor and are
shown as HTML: they are cleaned like rich text when saved and when shown, so a
script in one never runs on the public page."""

import pytest
from django.urls import reverse
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from wagtail.test.utils.form_data import querydict_from_html

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

PAYLOAD = (
    '<p onclick="steal()">Ein <b>guter</b> Ratgeber.</p><script>steal()</script>'
    '<a href="javascript:steal()">mehr</a><img src="x" onerror="steal()">'
)


def assert_inert(html: str) -> None:
    assert "steal()" not in html  # no script, no handler, no javascript: link


def test_descriptions_saved_with_script_are_stored_clean(ids):
    product = Product.objects.get(pk=ids.book)
    product.description = PAYLOAD
    product.save()
    category = create_from_breadcrumbs("Ratgeber")
    category.description = PAYLOAD
    category.long_description = PAYLOAD
    category.save()
    for stored in (
        Product.objects.get(pk=product.pk).description,
        Category.objects.get(pk=category.pk).description,
        Category.objects.get(pk=category.pk).long_description,
    ):
        assert_inert(stored)
        assert "<b>guter</b>" in stored  # what is harmless stays


def test_descriptions_written_around_the_save_are_cleaned_when_shown(client, ids):
    # A raw UPDATE (an import, a shell) skips the field's cleaning.
    Product.objects.filter(pk=ids.book).update(description=PAYLOAD)
    category = create_from_breadcrumbs("Ratgeber")
    Category.objects.filter(pk=category.pk).update(description=PAYLOAD)
    product = Product.objects.get(pk=ids.book)
    page = client.get(product.get_absolute_url()).content.decode()
    listing = client.get(category.get_absolute_url()).content.decode()
    for html in (page, listing):
        assert "Ein <b>guter</b> Ratgeber." in html
        assert_inert(html)


def test_dashboard_description_with_script_is_saved_clean(admin_client, ids):
    url = reverse("dashboard:catalogue-product", kwargs={"pk": ids.book})
    form = querydict_from_html(
        admin_client.get(url).content.decode(), form_id="create_update_product_form"
    )
    form["description"] = PAYLOAD
    response = admin_client.post(url, form)
    assert response.status_code == 302
    stored = Product.objects.get(pk=ids.book).description
    assert_inert(stored)


def test_images_from_other_hosts_are_dropped_and_our_media_stays(client, ids):
    """Readers' browsers must not contact a third party for a description image
    (it would learn who reads what)."""
    product = Product.objects.get(pk=ids.book)
    product.description = (
        '<p>Cover:</p><img src="https://tracker.example/pixel.gif" alt="Pixel">'
        '<img src="//cdn.example/b.jpg" alt="B">'
        '<img src="/media/images/cover.jpg" alt="Unser Cover">'
    )
    product.save()
    stored = Product.objects.get(pk=ids.book).description
    assert "tracker.example" not in stored and "cdn.example" not in stored
    assert 'src="/media/images/cover.jpg"' in stored
    html = client.get(product.get_absolute_url()).content.decode()
    assert "tracker.example" not in html and "cdn.example" not in html
