"""Every published revision of a legal page is numbered and kept with its text."""

import pytest

from consent.models import PolicyVersion
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_publishing_a_legal_page_records_numbered_versions_with_text():
    privacy = StandardPage.objects.get(role="privacy")
    assert [v.number for v in privacy.policy_versions.all()] == [1]

    privacy.title = "Datenschutzerklärung (neu)"
    privacy.intro = "Neu gefasst."
    privacy.save_revision().publish()

    latest = privacy.policy_versions.order_by("-number").first()
    assert latest.number == 2
    assert latest.title == "Datenschutzerklärung (neu)"
    assert "Neu gefasst." in latest.text
    assert "Was zu Datenschutz zu sagen ist." in latest.text  # the body, as text
    assert latest.revision == privacy.latest_revision
    assert latest.label.startswith("Fassung 2 vom")  # German, the default UI


def test_republishing_the_same_revision_records_nothing_new():
    imprint = StandardPage.objects.get(role="imprint")
    imprint.latest_revision.publish()
    assert imprint.policy_versions.count() == 1


def test_pages_without_a_legal_role_are_not_versioned(home_page):
    page = StandardPage(title="Über uns", slug="ueber-uns")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert not PolicyVersion.objects.filter(page=page).exists()


def test_legal_page_shows_its_version(client):
    html = client.get("/datenschutz/").content.decode()
    label = StandardPage.objects.get(role="privacy").policy_versions.get().label
    assert label.startswith("Fassung 1 vom")
    assert label in html


def test_policy_text_survives_deletion_of_the_page():
    debate = StandardPage.objects.get(role="debate_rules")
    version = debate.policy_versions.get()
    debate.delete()
    version.refresh_from_db()
    assert version.page is None
    assert "Was zu Debattenregeln zu sagen ist." in version.text
    assert PolicyVersion.objects.filter(role="debate_rules").exists()


def test_only_one_page_per_legal_role(home_page):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        home_page.add_child(
            instance=StandardPage(
                title="Zweites Impressum", slug="impressum-2", role="imprint"
            )
        )
