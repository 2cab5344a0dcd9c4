"""Images are resized ahead of time, never inside a listing request."""

import io

import pytest
from django.core.files.images import ImageFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.images import get_image_model

from blog.models import ArticlePage
from images.renditions import SPECS

pytestmark = pytest.mark.django_db


def test_uploading_an_image_makes_every_size_in_the_background(
    django_capture_on_commit_callbacks,
):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), (120, 40, 20)).save(buffer, "JPEG")
    with django_capture_on_commit_callbacks(execute=True):
        image = get_image_model().objects.create(
            title="Neues Foto",
            file=ImageFile(buffer, name="neu.jpg"),
            credit_line="Foto: A",
        )
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made == set(SPECS.values())


def test_listing_never_resizes_a_missing_rendition(client, settings, blog_index):
    from django_tasks_db.models import DBTaskResult

    settings.PAGE_CACHE_SECONDS = 0
    article = (
        ArticlePage.objects.live()
        .descendant_of(blog_index)
        .order_by("-publication_date", "-pk")
        .first()
    )
    image = article.hero_image
    image.renditions.all().delete()
    database_queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=database_queue):
        html = client.get(blog_index.url).content.decode()
    assert image.file.url in html  # the original, scaled by the browser
    assert not image.renditions.exists()  # nothing was resized in the request
    queued = DBTaskResult.objects.filter(
        task_path="images.renditions.renditions_generate"
    )
    assert queued.filter(args_kwargs__args=[image.pk]).exists()
