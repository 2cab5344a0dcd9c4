"""Settings: production hardening passes Django's deploy check, and a half-configured
production start fails at once with a message that says what is missing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "IMPRINT_ENV": "production",
    "SECRET_KEY": "k" * 20 + "-production-test-key-that-is-long-enough-" + "z" * 10,
    "ALLOWED_HOSTS": "verlag.example",
    "SITE_DOMAIN": "verlag.example",
    "DATABASE_URL": "postgres://imprint@127.0.0.1:5432/imprint",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.verlag.example:587",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    base.pop("TASKS_BACKEND", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "needs SECRET_KEY"), ("ALLOWED_HOSTS", "needs ALLOWED_HOSTS")],
)
def test_production_start_without_required_variable_fails_clearly(missing, message):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_short_secret_key_is_refused_in_production():
    result = manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": "tooshort"})
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_unknown_environment_name_is_refused():
    result = manage("check", env={"IMPRINT_ENV": "staging"})
    assert result.returncode != 0
    assert "IMPRINT_ENV must be 'embedded' or 'production'" in result.stderr


def test_debug_cannot_be_switched_on_in_production():
    result = manage("check", env={**PRODUCTION_ENV, "DEBUG": "1"})
    assert result.returncode != 0
    assert "DEBUG must stay off" in result.stderr


def test_embedded_default_shows_no_debug_page_unless_asked():
    """`make run` serves the designed 404 and 500 to visitors; DEBUG=1 turns
    Django's debug pages on."""
    show = "from django.conf import settings; print(settings.DEBUG)"
    plain = manage("shell", "-c", show, env={"IMPRINT_ENV": "embedded"})
    asked = manage("shell", "-c", show, env={"IMPRINT_ENV": "embedded", "DEBUG": "1"})
    assert plain.stdout.strip().splitlines()[-1] == "False", plain.stderr
    assert asked.stdout.strip().splitlines()[-1] == "True", asked.stderr


def test_embedded_default_needs_no_variables():
    result = manage("check", env={"IMPRINT_ENV": "embedded"})
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_embedded_sqlite_runs_in_wal_mode_with_immediate_transactions(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings only apply to the embedded default")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


def test_env_example_lists_every_variable_the_settings_read():
    import re

    settings_source = (ROOT / "config" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    listed = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert read, "no variables found: the pattern no longer matches settings.py"
    assert read - listed == set()


def test_test_payment_cannot_be_switched_on_in_production():
    result = manage("check", env={**PRODUCTION_ENV, "TEST_PAYMENT": "1"})
    assert result.returncode != 0
    assert "TEST_PAYMENT cannot be switched on when IMPRINT_ENV=production" in (
        result.stderr
    )
