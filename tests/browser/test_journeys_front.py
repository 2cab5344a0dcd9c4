"""The front of the house in the browser, on a desktop and on a phone, with
JavaScript and without: the front page's shelves, the header menu folded on a
phone, a topic, an article's reading column and sidebar, its series and its
author, the authors' index. Every page is photographed and checked by axe-core."""

import re

import pytest
from playwright.sync_api import expect

SIZES = pytest.mark.parametrize(
    ("width", "height"), [(1280, 900), (375, 667)], ids=["desktop", "phone"]
)
JS = pytest.mark.parametrize("js", [True, False], ids=["js", "ohne-js"])
# German with and without JavaScript; English, the reader's choice, with it.
LANGUAGES = pytest.mark.parametrize(
    ("language", "js"),
    [("de", True), ("de", False), ("en", True)],
    ids=["de-js", "de-ohne-js", "en-js"],
)
LABELS = {
    "de": {
        "search": "Suchen",
        "part_one": "Teil 1 lesen",
        "all_authors": "Alle Autorinnen und Autoren",
        "authors_title": "Unsere Autorinnen und Autoren",
        "minutes": "Lesezeit",
        "series_pdf": "Ganze Serie als PDF",
    },
    "en": {
        "search": "Search",
        "part_one": "Read part 1",
        "all_authors": "All authors",
        "authors_title": "Our authors",
        "minutes": "minute read",
        "series_pdf": "Whole series as PDF",
    },
}


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return {x: r.x, y: r.y + scrollY, right: r.right, bottom: r.bottom + scrollY,"
        " width: r.width, height: r.height}; }"
    )


def _characters_per_line(page) -> float:
    """The measure of the reading column: its width over the average width of a
    character of its own text (set on one line in the column's font)."""
    return page.evaluate(
        """() => {
            const body = document.querySelector('.article__body');
            const p = body.querySelector('p');
            const probe = document.createElement('span');
            probe.style.whiteSpace = 'nowrap';
            probe.style.position = 'absolute';
            probe.textContent = body.innerText.replace(/\\s+/g, ' ').slice(0, 600);
            p.appendChild(probe);
            const perCharacter =
                probe.getBoundingClientRect().width / probe.textContent.length;
            probe.remove();
            return p.getBoundingClientRect().width / perCharacter;
        }"""
    )


@LANGUAGES
@SIZES
def test_reader_walks_from_the_front_page_to_topic_article_series_and_author(
    journey, language, js, width, height
):
    phone = width < 600
    words = LABELS[language]
    trip = journey(
        f"vorne-{language}-{'telefon' if phone else 'desktop'}",
        js=js,
        width=width,
        height=height,
    )
    page = trip.page
    trip.go("/")
    if language == "en":
        page.get_by_role("link", name="EN", exact=True).click()
    # The series shelf offers the whole finished series as a PDF, with its price.
    expect(page.locator(".series-shelf")).to_contain_text(words["series_pdf"])
    trip.step("startseite")
    header = _box(page, ".site-header")
    if phone:
        # The header takes at most a fifth of the screen; search is one tap.
        assert header["height"] <= height / 5
        expect(page.get_by_role("link", name=words["search"])).to_be_visible()
        topic = page.locator(".site-nav__topics").get_by_role("link", name="Gehalt")
        expect(topic).to_be_hidden()
        page.locator(".site-menu > summary").click()
        expect(topic).to_be_visible()
        trip.step("menue-offen")
        topic.click()
    else:
        expect(page.get_by_role("searchbox")).to_be_visible()
        page.locator(".site-nav__topics").get_by_role("link", name="Gehalt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gehalt")
    trip.step("thema")
    page.locator(".cards").get_by_role(
        "link", name="Das Gehaltsgespräch führen"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Das Gehaltsgespräch führen"
    )
    trip.step("artikel")
    body = _box(page, ".article__body")
    author_box = _box(page, ".aside-box--author")
    if phone:
        assert author_box["y"] >= body["bottom"] - 1  # stacked after the text
    else:
        assert author_box["x"] >= body["right"]  # beside the text
        assert 65 <= _characters_per_line(page) <= 75
        # Printed: the text and its pictures, without menus, offers or forms.
        page.emulate_media(media="print")
        expect(page.locator(".article__body")).to_be_visible()
        for hidden in (".site-header", ".article-end", ".aside-box--offer", "form"):
            expect(page.locator(hidden).first).to_be_hidden()
        page.emulate_media(media="screen")
    page.locator(".aside-box--series h2").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gehalt verhandeln")
    expect(page.get_by_text(re.compile(words["minutes"])).first).to_be_visible()
    trip.step("serie")
    page.get_by_role("link", name=words["part_one"]).first.click()
    page.locator(".aside-box--author").get_by_role("link").first.click()
    expect(page.locator(".author-head h1")).to_be_visible()
    trip.step("autorin")
    page.get_by_role("link", name=words["all_authors"]).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["authors_title"])
    trip.step("autoren")
    trip.finish()


@JS
def test_reader_puts_a_book_into_the_basket_from_the_front_page_shelf(journey, js):
    trip = journey("vorne-regal", js=js)
    trip.go("/")
    shelf = trip.page.locator(".home-section--shelf")
    card = shelf.locator(".product-card").filter(has_text="Gut ankommen").first
    title = card.locator(".product-card__title").inner_text()
    card.get_by_role("button").click()
    # Oscar's way: back to the page the reader came from, with a message.
    expect(trip.page.locator(".alert").first).to_contain_text(title)
    trip.step("hinzugefuegt")
    trip.go("/shop/basket/")
    expect(trip.page.get_by_role("link", name=title).first).to_be_visible()
    trip.step("warenkorb")
    trip.finish()
