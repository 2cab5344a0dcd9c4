"""Two app servers, as README's scale-out page sets them up: each with a VAR_DIR of
its own, sharing PostgreSQL, Redis, object storage (a local S3 server) and the
SECRET_KEY. A publish on one is gone from the other's page cache within a second,
and a basket started on one continues on the other."""

import os
import re
import subprocess
import sys
import time
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener, urlopen

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.core.replica_cluster import database_copy, free_port
from tests.s3server import environment, s3_server

ROOT = Path(settings.BASE_DIR)
ARTICLE = "/magazin/die-ersten-100-tage/der-erste-arbeitstag/"

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not settings.REDIS_URL,
        reason="two app servers share PostgreSQL and Redis",
    ),
    pytest.mark.django_db,
]
SLUG = ARTICLE.rstrip("/").rsplit("/", 1)[1]


def _database_copy(source: dict, name: str) -> str:
    """A committed copy of the freshly migrated test database (the tests' own small
    publisher lives only in their open transaction)."""
    admin = {
        "host": source.get("HOST") or "127.0.0.1",
        "port": source.get("PORT") or 5432,
    }
    with psycopg.connect(
        **admin, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    database_copy(source, port=int(admin["port"]), database=name, host=admin["host"])
    return f"postgres://postgres@{admin['host']}:{admin['port']}/{name}"


def _wait_for(url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urlopen(url, timeout=2)  # noqa: S310 - our own local server
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture(scope="module")
def two_servers(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        source = dict(connection.settings_dict)
    name = f"{source['NAME']}_two_servers"
    database_url = _database_copy(source, name)
    with s3_server() as endpoint:
        shared = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "MEDIA_ROOT"}
        }
        shared.update(
            environment(endpoint),
            DATABASE_URL=database_url,
            REDIS_URL=settings.REDIS_URL,
            CACHE_KEY_PREFIX=f"two-servers-{name}",
            SECRET_KEY="zwei-server-teilen-diesen-schluessel-" + "k" * 30,
            TASKS_BACKEND="immediate",
            LOG_LEVEL="ERROR",
        )
        servers, processes = [], []
        try:
            for label in ("a", "b"):
                port = free_port()
                env = {
                    **shared,
                    "VAR_DIR": str(tmp_path_factory.mktemp(f"server-{label}")),
                    "SITE_DOMAIN": f"127.0.0.1:{port}",
                }
                if label == "a":
                    subprocess.run(
                        [sys.executable, "manage.py", "load_demo"],
                        cwd=ROOT,
                        env=env,
                        check=True,
                        capture_output=True,
                    )
                processes.append(
                    subprocess.Popen(
                        [
                            sys.executable,
                            "-m",
                            "gunicorn",
                            "config.wsgi",
                            "--bind",
                            f"127.0.0.1:{port}",
                            "--workers",
                            "2",
                        ],
                        cwd=ROOT,
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                )
                servers.append((f"http://127.0.0.1:{port}", env))
            for url, _ in servers:
                _wait_for(url + "/")
            yield servers
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=20)
            with psycopg.connect(
                host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True
            ) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _h1(url: str) -> tuple[str, str]:
    with urlopen(url, timeout=10) as response:  # noqa: S310 - our own local server
        html = response.read().decode()
        return re.search(r"<h1>(.*?)</h1>", html).group(1), response.headers.get(
            "X-Page-Cache", ""
        )


def test_a_publish_on_one_server_is_gone_from_the_others_cache_within_a_second(
    two_servers,
):
    (a_url, a_env), (b_url, _) = two_servers
    title, _ = _h1(b_url + ARTICLE)
    title, cached = _h1(b_url + ARTICLE)
    assert cached == "hit", "the second reader on B is served from the page cache"

    publish = (
        "from blog.models import ArticlePage\n"
        f"page = ArticlePage.objects.get(slug='{SLUG}')\n"
        "page.title = 'Neu veröffentlicht auf Server A'\n"
        "page.save_revision().publish()\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", publish],
        cwd=ROOT,
        env=a_env,
        check=True,
        capture_output=True,
    )
    published = time.monotonic()
    while True:
        # What counts is when the stale copy stops being served: the request that
        # first shows the new title must have been sent within a second. Building
        # the fresh page itself may take longer on a busy machine.
        asked = time.monotonic()
        title, _ = _h1(b_url + ARTICLE)
        if title == "Neu veröffentlicht auf Server A":
            break
        assert asked - published < 1.0, f"B still shows {title!r}"
        time.sleep(0.05)
    assert asked - published < 1.0
    # The picture on the page comes from the shared object storage.
    html = urlopen(b_url + ARTICLE).read().decode()  # noqa: S310
    picture = re.search(r'<img[^>]+src="([^"]+)"', html).group(1)
    assert picture.startswith(a_env["AWS_S3_ENDPOINT_URL"])
    assert urlopen(picture.replace("&amp;", "&")).status == 200  # noqa: S310


def test_a_basket_started_on_one_server_continues_on_the_other(two_servers):
    (a_url, _), (b_url, _) = two_servers
    browser = build_opener(HTTPCookieProcessor(CookieJar()))
    catalogue = browser.open(a_url + "/shop/catalogue/").read().decode()
    product = re.search(r'href="(/shop/catalogue/[a-z0-9-]+_\d+/)"', catalogue).group(1)
    page = browser.open(a_url + product).read().decode()
    form = re.search(
        r'<form action="(/shop/basket/add-from-page/\d+/)"[^>]*>(.*?)</form>',
        page,
        re.S,
    )
    fields = dict(re.findall(r'<input[^>]+name="(\w+)" value="([^"]*)"', form.group(2)))
    title = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1).strip()
    # The form is on a page every reader shares from the cache: no CSRF token, a
    # signed stamp made with the SECRET_KEY both servers share, and the origin.
    browser.addheaders = [("Origin", a_url), ("Referer", a_url + product)]
    added = browser.open(a_url + form.group(1), data=urlencode(fields).encode())
    assert added.status == 200
    basket = browser.open(b_url + "/shop/basket/").read().decode()
    assert title in basket
    assert "Ihr Warenkorb ist leer" not in basket
