"""Redis is only a speed-up: with it gone every page is served uncached, logins,
the basket and the checkout keep working, nothing answers 500, and the cache is
used again once Redis is back. A Redis of the test's own, on its own port, is
started, stopped and started again."""

import logging
import shutil
import subprocess
import time

import pytest
from django.test import Client

from config import redis_cache
from pagecache import store
from tests import mailsink, world
from tests.flows.checkout import add_to_basket, as_guest

pytestmark = pytest.mark.django_db


class OwnRedis:
    def __init__(self):
        self.port = mailsink.free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind",
             "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            probe = subprocess.run(
                [shutil.which("redis-cli"), "-p", str(self.port), "ping"],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if probe.stdout.strip() == "PONG":
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture
def own_redis(settings, monkeypatch):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    redis = OwnRedis()
    redis.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "config.redis_cache.ReusingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{redis.port}/0",
            "KEY_PREFIX": "outage-test",
        }
    }
    monkeypatch.setattr(redis_cache, "RETRY_SECONDS", 0.2)
    monkeypatch.setattr(store, "GENERATION_REFRESH", 0.0)
    store.forget_local_tokens()
    yield redis
    if redis.process.poll() is None:
        redis.stop()
    store.forget_local_tokens()


def _hit(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get("X-Page-Cache", "")


def test_the_site_works_without_redis_and_uses_it_again_when_back(
    own_redis, article, ids, caplog
):
    url = article.url
    _hit(Client(), url)
    assert _hit(Client(), url) == "hit"

    own_redis.stop()
    with caplog.at_level(logging.ERROR, logger="config.redis_cache"):
        for path in (url, "/", "/shop/catalogue/", "/search/?q=Gehalt", "/newsletter/"):
            assert _hit(Client(), path) != "hit"  # served, uncached
    assert "Redis is unreachable" in caplog.text

    reader = Client()
    assert reader.get("/shop/accounts/login/").status_code == 200
    login = reader.post(
        "/shop/accounts/login/",
        {
            "login-username": world.ADMIN_EMAIL,
            "login-password": "passwort-fuer-tests",
            "login_submit": "1",
        },
    )
    assert login.status_code == 302
    assert reader.get("/shop/accounts/profile/").status_code == 200

    buyer = Client()
    add_to_basket(buyer, ids.pdf_product)
    basket = buyer.get("/shop/basket/")
    assert basket.status_code == 200 and len(basket.context["basket"].all_lines()) == 1
    assert as_guest(buyer, "ohne.redis@test.example").status_code == 302
    assert buyer.get("/shop/checkout/payment-method/").status_code == 200

    assert reader.get("/admin/").status_code == 200  # the same login, as editor

    own_redis.start()
    time.sleep(0.3)  # past RETRY_SECONDS: the next call asks Redis again
    _hit(Client(), url)
    assert _hit(Client(), url) == "hit"
