"""The demo publisher and the versioning of legal pages."""

import pytest
from django.core.management import call_command

from blog.models import ArticlePage, Author, SeriesPage
from home.models import PolicyVersion, StandardPage

pytestmark = pytest.mark.django_db


def test_demo_has_what_the_brief_asks_for():
    from newsletter.models import Newsletter
    from oscar.core.loading import get_model

    assert Author.objects.count() >= 3
    assert SeriesPage.objects.live().count() == 2
    articles = ArticlePage.objects.all()
    assert articles.count() >= 12
    assert all(article.hero_image and article.hero_image.credit for article in articles)
    classes = set(
        get_model("catalogue", "Product").objects.values_list(
            "product_class__slug", flat=True
        )
    )
    assert classes == {"artikel-pdf", "buch", "e-book", "e-kurs"}
    assert Newsletter.objects.filter(slug="kompass-brief", site__isnull=False).exists()


def test_load_demo_twice_changes_nothing(capsys):
    from django.apps import apps

    def counts():
        return {
            model._meta.label: model._default_manager.count()
            for model in apps.get_models()
            if model._meta.managed
            and not model._meta.label.startswith(("django_tasks", "wagtailsearch"))
        }

    before = counts()
    call_command("load_demo")
    assert "nothing changed" in capsys.readouterr().out
    assert counts() == before


def test_load_demo_refuses_production_without_force(settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="Refusing"):
        call_command("load_demo")


def test_publishing_a_legal_page_records_numbered_versions_with_text():
    privacy = StandardPage.objects.get(role="privacy")
    assert [v.number for v in privacy.versions.all()] == [1]

    privacy.title = "Datenschutzerklärung (neu)"
    privacy.intro = "Neu gefasst."
    privacy.save_revision().publish()

    latest = privacy.versions.order_by("-number").first()
    assert latest.number == 2
    assert latest.title == "Datenschutzerklärung (neu)"
    assert "Neu gefasst." in latest.text
    assert "Einwilligungen" in latest.text
    assert latest.revision == privacy.latest_revision
    assert latest.label.startswith("Fassung 2 vom")  # German, the default UI


def test_republishing_the_same_revision_records_nothing_new():
    imprint = StandardPage.objects.get(role="imprint")
    imprint.latest_revision.publish()
    assert imprint.versions.count() == 1


def test_pages_without_a_legal_role_are_not_versioned(home_page):
    page = StandardPage(title="Über uns", slug="ueber-uns")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert not PolicyVersion.objects.filter(page=page).exists()


def test_legal_page_shows_its_version(client):
    html = client.get("/datenschutz/").content.decode()
    label = StandardPage.objects.get(role="privacy").versions.get().label
    assert label.startswith("Fassung 1 vom")
    assert label in html


def test_policy_text_survives_deletion_of_the_page():
    debate = StandardPage.objects.get(role="debate_rules")
    version = debate.versions.get()
    debate.delete()
    version.refresh_from_db()
    assert version.page is None
    assert "Widerspruch" in version.text
    assert PolicyVersion.objects.filter(role="debate_rules").exists()


def test_only_one_page_per_legal_role(home_page):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        home_page.add_child(
            instance=StandardPage(
                title="Zweites Impressum", slug="impressum-2", role="imprint"
            )
        )
