"""What search engines and social networks read: titles, canonical URLs, cards,
JSON-LD (checked by extracting it with extruct, as a crawler would) and the sitemap."""

import xml.etree.ElementTree as ET

import extruct
import pytest
from oscar.core.loading import get_model

pytestmark = pytest.mark.django_db

ROOT = "http://127.0.0.1:8000"
FIRST_DAY = "/magazin/die-ersten-100-tage/der-erste-arbeitstag/"


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


def test_article_json_ld_names_authors_publisher_and_breadcrumbs(client):
    data = metadata(client, FIRST_DAY)
    (article,) = items_of(data, "Article")
    assert article["headline"] == "Der erste Arbeitstag: Was wirklich zählt"
    assert [author["@type"] for author in article["author"]] == ["Person"]
    assert article["author"][0]["name"] == "Mara Lindqvist"
    assert article["author"][0]["url"] == f"{ROOT}/magazin/author/mara-lindqvist/"
    assert article["publisher"]["@type"] == "Organization"
    assert article["publisher"]["name"] == "Kompass Karriereverlag"
    assert article["publisher"]["logo"]["url"].startswith(ROOT + "/media/")
    assert article["image"][0].endswith(".fill-1200x630.jpg")
    assert article["datePublished"] and article["dateModified"]
    assert article["isPartOf"]["name"] == "Die ersten 100 Tage"
    (crumbs,) = items_of(data, "BreadcrumbList")
    names = [item["name"] for item in crumbs["itemListElement"]]
    assert names == [
        "Kompass Karriereverlag",
        "Magazin",
        "Die ersten 100 Tage",
        "Der erste Arbeitstag: Was wirklich zählt",
    ]
    assert crumbs["itemListElement"][-1]["item"] == ROOT + FIRST_DAY


def test_article_has_canonical_url_and_social_cards(client):
    html = client.get(FIRST_DAY).content.decode()
    assert f'<link rel="canonical" href="{ROOT}{FIRST_DAY}">' in html
    (og,) = metadata(client, FIRST_DAY)["opengraph"]
    assert og["@type"] == "article"  # extruct moves og:type here
    assert og["og:url"] == ROOT + FIRST_DAY
    assert og["og:image"].endswith(".fill-1200x630.jpg")
    assert og["og:image:width"] == "1200"
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta name="twitter:image" content="' + og["og:image"] in html


def test_editors_seo_title_and_description_win(client, article):
    article.seo_title = "Erster Arbeitstag: die Checkliste"
    article.search_description = "Was Sie am ersten Tag wirklich brauchen."
    article.save_revision().publish()
    html = client.get(FIRST_DAY).content.decode()
    assert (
        "<title>Erster Arbeitstag: die Checkliste · Kompass Karriereverlag</title>"
        in html
    )
    assert (
        '<meta name="description" content="Was Sie am ersten Tag wirklich brauchen.">'
        in html
    )
    assert (
        '<meta property="og:title" content="Erster Arbeitstag: die Checkliste">' in html
    )


def test_archives_and_pages_have_their_own_canonical_url(client):
    html = client.get("/magazin/category/gehalt/", {"page": "2"}).content.decode()
    assert (
        f'<link rel="canonical" href="{ROOT}/magazin/category/gehalt/?page=2">' in html
    )
    home = client.get("/").content.decode()
    assert f'<link rel="canonical" href="{ROOT}/">' in home


@pytest.mark.parametrize(
    ("upc", "kind", "price"),
    [
        ("978-3-00-000001-0", "Book", "24.90"),
        ("978-3-00-000002-7", "Book", "17.99"),
        ("KOMPASS-KURS-0001", "Course", "19.99"),
        ("KOMPASS-PDF-0001", "Product", "3.99"),
    ],
)
def test_product_pages_describe_the_product_and_its_offer(client, upc, kind, price):
    product = get_model("catalogue", "Product").objects.get(upc=upc)
    (item,) = items_of(metadata(client, product.get_absolute_url()), kind)
    assert item["name"] == product.title
    offer = item["offers"]
    assert offer["@type"] == "Offer"
    assert offer["price"] == price and offer["priceCurrency"] == "EUR"
    assert offer["url"] == ROOT + product.get_absolute_url()
    if kind == "Book":
        assert item["isbn"] == upc
        assert item["bookFormat"].startswith("https://schema.org/")
    if kind == "Course":
        assert item["provider"]["name"] == "Kompass Karriereverlag"


def test_sitemap_gives_lastmod_for_every_page_and_product(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = root.findall("s:url", ns)
    locations = [url.findtext("s:loc", namespaces=ns) for url in urls]
    assert all(url.findtext("s:lastmod", namespaces=ns) for url in urls)
    products = get_model("catalogue", "Product").objects.filter(is_public=True)
    for product in products:
        assert any(loc.endswith(product.get_absolute_url()) for loc in locations)
    assert any(loc.endswith(FIRST_DAY) for loc in locations)
