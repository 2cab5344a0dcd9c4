"""A database from before the structure change (links kept on the pages, the
publisher's settings in `home`) migrates with every link and setting kept: the
PDF products learn the page they sell (`Product.page`), a live course's product
learns its course, and the publisher's row and permissions move with their app.

On PostgreSQL, where the round trip (back, data written with the old models,
forward again) runs inside the test's transaction and is rolled back.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from oscar.core.loading import get_model

from publisher.models import PublisherSettings
from tests import factories
from tests.functional.test_layout_migration import (
    STRUCTURE_BEFORE,
    check_pending_rows,
    migrate,
    migrate_forward,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the migration path is tested on PostgreSQL, where DDL is transactional",
    ),
]

BEFORE = STRUCTURE_BEFORE


def test_links_and_settings_survive_the_structure_change(ids, site, home_page):
    Product = get_model("catalogue", "Product")
    course_product = factories.product("E-Kurs: alt", "19.99", kind="e-kurs")
    course = factories.course_with_lessons(home_page, slug="alt", lessons=1)
    settings_row = PublisherSettings.for_site(site)
    settings_row.name = "Verlag vor dem Umzug"
    settings_row.save()
    editors = Group.objects.create(name="Verlagsdaten")
    editors.permissions.add(Permission.objects.get(codename="change_publishersettings"))
    article_id, series_id = ids.first_part, ids.series
    Product.objects.filter(pk__in=[ids.pdf_product, ids.series_pdf]).update(page=None)

    check_pending_rows()
    executor = migrate(BEFORE)
    old = executor.loader.project_state(
        [target for target in BEFORE if target[1]], at_end=True
    ).apps
    assert ContentType.objects.get(model="publishersettings").app_label == "home"
    # The links as the old layout kept them: on the pages.
    old.get_model("blog", "ArticlePage").objects.filter(pk=article_id).update(
        pdf_product_id=ids.pdf_product
    )
    old.get_model("blog", "SeriesPage").objects.filter(pk=series_id).update(
        pdf_product_id=ids.series_pdf
    )
    old.get_model("courses", "CoursePage").objects.filter(pk=course.pk).update(
        product_id=course_product.pk
    )

    check_pending_rows()
    migrate_forward(executor)
    ContentType.objects.clear_cache()

    assert Product.objects.get(pk=ids.pdf_product).page_id == article_id
    assert Product.objects.get(pk=ids.series_pdf).page_id == series_id
    assert Product.objects.get(pk=course_product.pk).page_id == course.pk
    assert PublisherSettings.for_site(site).name == "Verlag vor dem Umzug"
    assert ContentType.objects.get(model="publishersettings").app_label == "publisher"
    assert editors.permissions.filter(
        content_type__app_label="publisher", codename="change_publishersettings"
    ).exists()
