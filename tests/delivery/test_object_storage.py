"""Media and bought files on S3-compatible object storage (django-storages), as a
second app server needs them. boto3 talks to a local S3 server on loopback (moto's
server mode) exactly as it would to AWS, MinIO or Hetzner."""

import io
import re
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import boto3
import pytest
from oscar.core.loading import get_model
from pypdf import PdfReader
from wagtail.images import get_image_model

from delivery.models import Grant
from delivery.storage import NoPublicURL
from tests import factories as f
from tests.flows.checkout import guest_buys
from tests.s3server import (
    ACCESS_KEY,
    BUCKET,
    REGION,
    SECRET_KEY,
    client_options,
    s3_server,
)

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_endpoint():
    with s3_server() as endpoint:
        yield endpoint


@pytest.fixture
def on_s3(s3_endpoint, settings):
    """The STORAGES that settings.py builds from AWS_STORAGE_BUCKET_NAME and
    AWS_S3_ENDPOINT_URL; the objects of one test are gone before the next."""
    client = boto3.client(**client_options(s3_endpoint))
    # Moving onto object storage starts by copying the media (`aws s3 sync`): the
    # small publisher's images go to the bucket under the same names.
    media = Path(settings.MEDIA_ROOT)
    for image in get_image_model().objects.all():
        path = media / image.file.name
        if path.is_file():
            client.upload_file(str(path), BUCKET, image.file.name)
    common = {
        "bucket_name": BUCKET,
        "endpoint_url": s3_endpoint,
        "access_key": ACCESS_KEY,
        "secret_key": SECRET_KEY,
        "region_name": REGION,
        "default_acl": None,
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": common},
        "private": {
            "BACKEND": "delivery.storage.PrivateS3Storage",
            "OPTIONS": {**common, "location": "private", "querystring_auth": True},
        },
    }
    yield client
    for key in _keys(client):
        client.delete_object(Bucket=BUCKET, Key=key)


def _keys(client, prefix: str = "") -> list[str]:
    pages = client.get_paginator("list_objects_v2").paginate(
        Bucket=BUCKET, Prefix=prefix
    )
    return [item["Key"] for page in pages for item in page.get("Contents", [])]


def test_an_image_and_its_renditions_are_stored_in_the_bucket(on_s3):
    image = f.ImageFactory(title="Titelbild Verhandlung")
    rendition = image.get_rendition("fill-300x200")
    keys = _keys(on_s3)
    assert image.file.name in keys
    assert rendition.file.name in keys
    # Media URLs are signed by the storage and expire (AWS_QUERYSTRING_AUTH).
    url = rendition.url
    assert "Signature=" in url or "X-Amz-Signature=" in url
    picture = urlopen(url).read()  # noqa: S310 - the signed URL of our test server
    assert picture[:3] in (b"\x89PN", b"\xff\xd8\xff")


def test_a_bought_pdf_lives_privately_in_the_bucket_and_is_streamed_through_the_grant(
    on_s3, s3_endpoint, client, ids, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.pdf_product)
    order = Order.objects.get(guest_email="leser@test.example")
    edition = Grant.objects.get(line__order=order).edition
    assert edition.file.name in [
        key.removeprefix("private/") for key in _keys(on_s3, "private/")
    ]

    # No public address: the storage refuses one, and the object refuses a stranger.
    with pytest.raises(NoPublicURL):
        edition.file.storage.url(edition.file.name)
    with pytest.raises(HTTPError) as refused:
        urlopen(f"{s3_endpoint}/{BUCKET}/private/{edition.file.name}")  # noqa: S310
    assert refused.value.code == 403

    thanks = client.get("/shop/checkout/thank-you/").content.decode()
    path = re.search(r'href="(/shop/downloads/[^"]+/)"', thanks).group(1)
    response = client.get(path)
    assert response.status_code == 200
    assert response.streaming
    data = b"".join(response.streaming_content)
    pages = PdfReader(io.BytesIO(data)).pages
    text = "".join(page.extract_text() for page in pages)
    assert f"Bestellung {order.number}" in text.replace("\xa0", " ")
    # The cover's picture was read from the bucket (through the storage, never over
    # a public URL) when the edition was rendered.
    assert len(pages[0].images) >= 1
