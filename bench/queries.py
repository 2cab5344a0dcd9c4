"""SQL queries per request for each benchmarked page, measured in-process with
Django's test client against the bench database (run by `bench/run.py`).

Prints one JSON object: the page URLs (the product is the demo's book),
the queries of an uncached request (page cache off, after one warm-up request), of a
cold one (page cache off and the whole cache emptied: the first reader after a
purge), and of a cached one (page cache on, second request).
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from pagecache import store as pagecache

PAGES = {
    "home": "/",
    "article": "/magazin/die-ersten-100-tage/der-erste-arbeitstag/",
    # bench/discussion.py puts 200 comments in threads under it
    "discussion": "/magazin/die-ersten-100-tage/die-erste-woche-strukturieren/",
    "series": "/magazin/die-ersten-100-tage/",
    "author": "/magazin/autoren/mara-lindqvist/",
    "catalogue": "/shop/catalogue/",
    "product": None,  # the demo book (main)
    "search": "/search/?q=Gehalt",
    "basket": "/shop/basket/",
}


def count(client: Client, url: str) -> int:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def clear_cache() -> None:
    """Empty the shared cache and this process's copies of its tokens, and so
    everything kept per process under them (`pagecache.memo`)."""
    cache.clear()
    pagecache.forget_local_tokens()


def main() -> None:
    client = Client()
    # The demo's printed book (it has topics, so its page lists articles), not
    # whichever product the catalogue shows first: that changes with what a run
    # adds.
    book = (
        get_model("catalogue", "Product")
        .objects.filter(is_public=True, product_class__slug="buch")
        .order_by("pk")
        .first()
    )
    urls = dict(PAGES, product=book.get_absolute_url() if book else "/shop/catalogue/")

    settings.PAGE_CACHE_SECONDS = 0
    uncached = {name: count(client, url) for name, url in urls.items()}
    cold = {}
    for name, url in urls.items():
        clear_cache()  # the first reader after a purge: no fragments, no navigation
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        cold[name] = len(queries)
    settings.PAGE_CACHE_SECONDS = 600
    clear_cache()
    cached = {name: count(Client(), url) for name, url in urls.items()}
    result = {"urls": urls, "uncached": uncached, "cold": cold, "cached": cached}
    print(json.dumps(result))  # noqa: T201


if __name__ == "__main__":
    main()
