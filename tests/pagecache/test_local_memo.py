"""Routing, site and navigation answers kept per process (`pagecache.memo`) and
fragments kept in local memory (`config.near_cache`): a change made in another
process (a scheduled publish in `run_schedule`, an editor on another gunicorn worker)
reaches this one within `GENERATION_REFRESH` seconds, and nothing built from old
copies is stored in the page cache."""

import time

import pytest
from django.core.cache import cache
from django.test import Client

from blog.models import ArticlePage
from pagecache import memo
from pagecache import store as pagecache

pytestmark = pytest.mark.django_db

ARTICLE_URL = "/journal/gut-gestartet/der-erste-tag/"


def another_process_bumps(key: str) -> None:
    """What `routing.expire` or `fragments_expire` write, from another process: the
    shared token changes, this process's copy does not."""
    cache.set(key, time.time_ns(), None)


def later(monkeypatch, seconds: float) -> None:
    moment = time.monotonic() + seconds
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: moment)
    monkeypatch.setattr(memo.time, "monotonic", lambda: moment)


def test_a_page_published_elsewhere_is_served_here_within_five_seconds(
    blog_index, monkeypatch
):
    address = "/journal/neu-im-team/"
    assert Client().get(address).status_code == 404
    page = ArticlePage(title="Neu im Team", slug="neu-im-team", lead="Ein Anfang.")
    blog_index.add_child(instance=page)
    # Published without this process's signals running: as if another process did.
    page.save_revision().publish()
    another_process_bumps(pagecache.STRUCTURE_KEY)
    later(monkeypatch, pagecache.GENERATION_REFRESH + 0.01)
    response = Client().get(address)
    assert response.status_code == 200
    assert "Neu im Team" in response.content.decode()
    assert pagecache.GENERATION_REFRESH < 5


def test_a_new_menu_page_reaches_the_navigation_of_every_process(
    home_page, monkeypatch
):
    from home.models import StandardPage

    assert "Über uns heute" not in Client().get("/").content.decode()
    page = StandardPage(title="Über uns heute", slug="ueber-uns-heute")
    page.show_in_menus = True
    home_page.add_child(instance=page)
    page.save_revision().publish()
    another_process_bumps(pagecache.STRUCTURE_KEY)
    later(monkeypatch, pagecache.GENERATION_REFRESH + 0.01)
    assert "Über uns heute" in Client().get(ARTICLE_URL).content.decode()


def test_a_page_rendered_from_old_copies_is_not_stored(settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 600
    # The clock stands still: on a busy machine GENERATION_REFRESH could pass
    # between two requests and this process would see the new tokens in time.
    later(monkeypatch, 0)
    assert Client().get(ARTICLE_URL)["X-Page-Cache"] == "miss"
    # Another process changes the tree and purges the page; this process still
    # holds the old token for up to GENERATION_REFRESH seconds.
    another_process_bumps(pagecache.STRUCTURE_KEY)
    cache.delete(pagecache.key_for(ARTICLE_URL))
    another_process_bumps(pagecache.ENTRIES_KEY)
    # This process keeps no copy of the entry (it never read it from the cache, or
    # it was evicted): the page is rendered here from the old tokens.
    pagecache._near.clear()
    response = Client().get(ARTICLE_URL)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response  # served, not stored
    # The refused store made this process read the tokens afresh: stored again.
    assert Client().get(ARTICLE_URL)["X-Page-Cache"] == "miss"
    assert Client().get(ARTICLE_URL)["X-Page-Cache"] == "hit"


def test_local_answers_expire_after_local_memo_seconds(settings, monkeypatch):
    """Answers are kept no longer than LOCAL_MEMO_SECONDS, even if no token
    changes (a token lost to a cache flush is replaced, never reused)."""
    builds = []
    kept = memo.TokenMemo(lambda: 1)
    kept.get("navigation", lambda: builds.append(1))
    kept.get("navigation", lambda: builds.append(1))
    assert len(builds) == 1
    later(monkeypatch, settings.LOCAL_MEMO_SECONDS + 1)
    kept.get("navigation", lambda: builds.append(1))
    assert len(builds) == 2


def test_kept_answers_are_bounded():
    kept = memo.TokenMemo(lambda: 1, max_entries=3)
    for number in range(10):
        kept.get(("route", number), lambda number=number: number)
    assert len(kept._values) <= 3
    assert kept.get(("route", 9), lambda: "built again") == 9


def test_near_cache_reads_what_another_process_wrote_and_forgets_on_delete():
    from config.near_cache import NearCache

    near = NearCache("test-fragments", {"OPTIONS": {"FAR": "default"}})
    cache.set("fragment-a", "<p>vom anderen Prozess</p>")
    assert near.get("fragment-a") == "<p>vom anderen Prozess</p>"
    near.set("fragment-b", "<p>hier</p>", 60)
    assert cache.get("fragment-b") == "<p>hier</p>"  # shared with other processes
    near.delete("fragment-a")
    assert near.get("fragment-a") is None
    assert cache.get("fragment-a") is None
    assert near.get("missing", "default") == "default"
