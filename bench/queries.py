"""SQL queries per request for each benchmarked page, measured in-process with
Django's test client against the bench database (run by `bench/run.py`).

Prints one JSON object: the page URLs (the product URL is found in the catalogue),
the queries of an uncached request (page cache off, after one warm-up request), of a
cold one (page cache off and the whole cache emptied: the first reader after a
purge), and of a cached one (page cache on, second request).
"""

import json
import os
import re
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

from pagecache import store as pagecache

PAGES = {
    "home": "/",
    "article": "/magazin/die-ersten-100-tage/der-erste-arbeitstag/",
    # bench/discussion.py puts 200 comments in threads under it
    "discussion": "/magazin/die-ersten-100-tage/die-erste-woche-strukturieren/",
    "series": "/magazin/die-ersten-100-tage/",
    "author": "/magazin/autoren/mara-lindqvist/",
    "catalogue": "/shop/catalogue/",
    "product": None,
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
    catalogue = client.get("/shop/catalogue/").content.decode()
    product = re.search(r'href="(/shop/catalogue/(?!category/)[\w-]+_\d+/)"', catalogue)
    urls = dict(PAGES, product=product.group(1) if product else "/shop/catalogue/")

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
