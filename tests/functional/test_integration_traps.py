"""The traps found in the trial integration of Wagtail 8, Oscar 4.2 and
django-newsletter 1.2, each kept solved by a test."""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.core.management import get_commands
from newsletter.models import Newsletter

pytestmark = pytest.mark.django_db


def test_search_label_belongs_to_oscars_search_app_fork():
    # Wagtail's project-template `search` app would collide with Oscar's label.
    assert apps.get_app_config("search").name == "shop.search"
    assert not any(app == "search" for app in settings.INSTALLED_APPS)


def test_update_index_is_haystacks_and_wagtails_is_renamed():
    commands = get_commands()
    assert commands["update_index"] == "haystack"
    assert commands["wagtail_update_index"] == "wagtail.search"
    installed = settings.INSTALLED_APPS
    assert installed.index("haystack") < installed.index("wagtail.search")


def test_django_site_follows_wagtail_default_site(site):
    site.hostname = "verlag.example"
    site.port = 443
    site.site_name = "Verlag Beispiel"
    site.save()
    django_site = DjangoSite.objects.get_current()
    assert django_site.domain == "verlag.example"
    assert django_site.name == "Verlag Beispiel"

    site.port = 8443
    site.save()
    assert DjangoSite.objects.get_current().domain == "verlag.example:8443"


def test_newsletter_mails_link_to_the_real_domain(
    site, client, mailoutbox, ids, django_capture_on_commit_callbacks
):
    from core.cached_forms import stamp

    site.hostname = "verlag.example"
    site.port = 80
    site.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/newsletter/subscribe/",
            {
                "stamp": stamp("newsletter-signup", "any"),
                "newsletters": ids.newsletter_slug,
                "email": "lea@example.org",
            },
            HTTP_ORIGIN="http://testserver",
        )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "http://verlag.example/newsletter/confirm/" in body
    assert "example.com" not in body


def test_newsletter_created_in_code_gets_the_site_and_its_page_answers(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        newsletter = Newsletter.objects.create(
            title="Führungsbrief",
            slug="fuehrungsbrief",
            email="fuehrung@lindenblatt.example",
            sender="Lindenblatt",
        )
    assert list(newsletter.site.values_list("pk", flat=True)) == [settings.SITE_ID]
    assert "Führungsbrief" in client.get("/newsletter/").content.decode()


def test_catalogue_lists_products_without_a_search_server(client):
    # Haystack's simple backend listed nothing here; our fork lists from the database.
    from oscar.core.loading import get_model

    response = client.get("/shop/catalogue/")
    assert response.status_code == 200
    public = get_model("catalogue", "Product").objects.filter(is_public=True)
    assert {p.pk for p in response.context["products"]} == set(
        public.values_list("pk", flat=True)
    )
    assert "Sicher ankommen" in response.content.decode()
