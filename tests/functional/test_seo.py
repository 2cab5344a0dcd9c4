"""What search engines and social networks read: titles, canonical URLs, cards,
JSON-LD (checked by extracting it with extruct, as a crawler would) and the sitemap."""

import re
import xml.etree.ElementTree as ET

import extruct
import pytest
from oscar.core.loading import get_model

from tests.world import PUBLISHER
from tests.world import ROOT_URL as ROOT

pytestmark = pytest.mark.django_db


def metadata(client, path: str) -> dict:
    response = client.get(path)
    assert response.status_code == 200
    return extruct.extract(
        response.content.decode(),
        base_url=ROOT + path,
        syntaxes=["json-ld", "opengraph"],
        uniform=True,
    )


def items_of(data: dict, kind: str) -> list[dict]:
    found = []
    for item in data["json-ld"]:
        for node in item.get("@graph", [item]):
            if node.get("@type") == kind:
                found.append(node)
    return found


def test_article_json_ld_names_authors_publisher_and_breadcrumbs(
    client, article, series, blog_index
):
    data = metadata(client, article.url)
    (item,) = items_of(data, "Article")
    assert item["headline"] == article.title
    assert [author["@type"] for author in item["author"]] == ["Person", "Person"]
    names = [author["name"] for author in item["author"]]
    assert names == [author.name for author in article.authors]  # byline order
    assert item["author"][0]["url"] == ROOT + article.authors[0].archive_url
    assert item["publisher"]["@type"] == "Organization"
    assert item["publisher"]["name"] == PUBLISHER
    assert item["publisher"]["logo"]["url"].startswith(ROOT + "/media/")
    assert item["image"][0].endswith(".fill-1200x630.jpg")
    assert item["datePublished"] == article.publication_date.isoformat()
    assert item["dateModified"]
    assert item["isPartOf"]["name"] == series.title
    (crumbs,) = items_of(data, "BreadcrumbList")
    names = [crumb["name"] for crumb in crumbs["itemListElement"]]
    assert names == [PUBLISHER, blog_index.title, series.title, article.title]
    assert crumbs["itemListElement"][-1]["item"] == ROOT + article.url


def test_article_has_canonical_url_and_social_cards(client, article):
    html = client.get(article.url).content.decode()
    assert f'<link rel="canonical" href="{ROOT}{article.url}">' in html
    (og,) = metadata(client, article.url)["opengraph"]
    assert og["@type"] == "article"  # extruct moves og:type here
    assert og["og:url"] == ROOT + article.url
    # The share card of the live revision: hero image and title (images/share.py).
    assert re.search(r"\.fill-1200x630\.sharecard-\d+\.format-jpeg\.", og["og:image"])
    assert og["og:image:width"] == "1200"
    assert og["og:locale"] == "de_DE"
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta name="twitter:image" content="' + og["og:image"] in html


def test_editors_seo_title_and_description_win(client, article):
    article.seo_title = "Erster Tag: die Checkliste"
    article.search_description = "Was Sie am ersten Tag wirklich brauchen."
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert f"<title>Erster Tag: die Checkliste · {PUBLISHER}</title>" in html
    assert (
        '<meta name="description" content="Was Sie am ersten Tag wirklich brauchen.">'
        in html
    )
    assert '<meta property="og:title" content="Erster Tag: die Checkliste">' in html


def test_archives_and_pages_have_their_own_canonical_url(client, blog_index):
    archive = f"{blog_index.url}themen/gehalt/"
    html = client.get(archive, {"page": "2"}).content.decode()
    assert f'<link rel="canonical" href="{ROOT}{archive}?page=2">' in html
    home = client.get("/").content.decode()
    assert f'<link rel="canonical" href="{ROOT}/">' in home


@pytest.mark.parametrize(
    ("name", "kind", "price"),
    [
        ("book", "Book", "24.90"),
        ("ebook", "Book", "14.99"),
        ("course", "Course", "19.99"),
        ("pdf_product", "Product", "3.99"),
    ],
)
def test_product_pages_describe_the_product_and_its_offer(
    client, ids, name, kind, price
):
    product = get_model("catalogue", "Product").objects.get(pk=getattr(ids, name))
    (item,) = items_of(metadata(client, product.get_absolute_url()), kind)
    assert item["name"] == product.title
    offer = item["offers"]
    assert offer["@type"] == "Offer"
    assert offer["price"] == price and offer["priceCurrency"] == "EUR"
    assert offer["url"] == ROOT + product.get_absolute_url()
    if kind == "Book":
        assert item["isbn"] == product.upc
        assert item["bookFormat"] == (
            "https://schema.org/EBook"
            if name == "ebook"
            else "https://schema.org/Hardcover"
        )
    if kind == "Course":
        assert item["provider"]["name"] == PUBLISHER


def test_sitemap_gives_lastmod_for_every_page_and_product(client, article):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own)
    files = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert files
    urls = []
    for address in files:
        part = client.get(address.removeprefix(ROOT)).content
        urls += ET.fromstring(part).findall("s:url", ns)  # noqa: S314 (our own)
    locations = [url.findtext("s:loc", namespaces=ns) for url in urls]
    assert all(url.findtext("s:lastmod", namespaces=ns) for url in urls)
    products = get_model("catalogue", "Product").objects.filter(is_public=True)
    for product in products:
        assert any(loc.endswith(product.get_absolute_url()) for loc in locations)
    assert ROOT + article.url in locations
