"""Every page type renders, can be created in the admin, and keeps its tree rules."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from blog.models import ArticlePage, Author, BlogIndexPage, SeriesPage
from courses.models import CoursePage, LessonPage
from home.models import HomePage, StandardPage
from tests import world
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


class TestPageTypes(world.WorldPageTestCase):
    def setUp(self):
        ids = world.WORLD
        self.admin = get_user_model().objects.get(email=world.ADMIN_EMAIL)
        self.client.force_login(self.admin)
        self.home = HomePage.objects.get()
        self.blog = BlogIndexPage.objects.get(pk=ids.journal)
        self.series = SeriesPage.objects.get(pk=ids.series)
        self.author = Author.objects.get(pk=ids.lead_author)

    def test_every_page_type_renders(self):
        for page in [
            self.home,
            self.blog,
            self.series,
            ArticlePage.objects.live().first(),
            StandardPage.objects.get(pk=world.WORLD.legal["imprint"]),
        ]:
            with self.subTest(page=page.specific_class.__name__):
                self.assertPageIsRenderable(page)

    def test_blog_index_archive_routes_render(self):
        for route in [
            "themen/gehalt/",
            "schlagwort/onboarding/",
            f"autoren/{self.author.slug}/",
        ]:
            with self.subTest(route=route):
                self.assertPageIsRoutable(self.blog, route)
                self.assertPageIsRenderable(self.blog, route)

    def test_standard_page_can_be_created(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Barrierefreiheit",
                    "slug": "barrierefreiheit",
                    "intro": "Wie wir die Seite für alle lesbar machen.",
                    "body": streamfield(
                        [("paragraph_block", rich_text("<p>Erklärung.</p>"))]
                    ),
                }
            ),
        )

    def test_blog_index_can_be_created(self):
        # A second magazine only makes sense under a home page; tree rules allow it.
        self.assertCanCreate(
            self.home,
            BlogIndexPage,
            nested_form_data({"title": "Archiv", "slug": "archiv", "intro": ""}),
        )

    def test_series_page_can_be_created(self):
        self.assertCanCreate(
            self.blog,
            SeriesPage,
            nested_form_data(
                {
                    "title": "Kündigung von A bis Z",
                    "slug": "kuendigung-a-z",
                    "lead": "Eine neue Serie.",
                    "description": rich_text("<p>Beschreibung.</p>"),
                }
            ),
        )

    def test_article_page_can_be_created_with_authors_and_categories(self):
        author = self.author
        category = CategoryFactory(name="Kündigung", slug="kuendigung")
        self.assertCanCreate(
            self.series,
            ArticlePage,
            nested_form_data(
                {
                    "title": "Ein neuer Teil",
                    "slug": "ein-neuer-teil",
                    "lead": "Worum es geht.",
                    "learning_tasks": streamfield([]),
                    "body": streamfield(
                        [
                            ("heading_block", {"text": "Einleitung", "level": "h2"}),
                            ("paragraph_block", rich_text("<p>Text.</p>")),
                        ]
                    ),
                    "article_authors": inline_formset([{"author": author.pk}]),
                    "publication_date": "2026-11-01",
                    "categories": [category.pk],
                    "tags": "Probezeit, Neu",
                }
            ),
        )
        created = ArticlePage.objects.get(slug="ein-neuer-teil")
        assert created.authors == [author]
        assert created.series == self.series

    def test_home_page_can_be_created_when_there_is_none(self):
        # max_count is 1, so make room first (rolled back with the test).
        root = Page.get_first_root_node()
        self.home.delete()
        self.assertCanCreate(
            root,
            HomePage,
            nested_form_data(
                {
                    "title": "Neuer Start",
                    "slug": "start",
                    "intro": "",
                    "body": streamfield([]),
                }
            ),
        )

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage, {StandardPage, BlogIndexPage, CoursePage}
        )
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BlogIndexPage, {ArticlePage, SeriesPage})
        self.assertAllowedParentPageTypes(SeriesPage, {BlogIndexPage})
        self.assertAllowedSubpageTypes(SeriesPage, {ArticlePage})
        self.assertAllowedParentPageTypes(ArticlePage, {BlogIndexPage, SeriesPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(CoursePage, {HomePage})
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_articles_cannot_be_placed_directly_under_home(self):
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)

    def test_second_home_page_is_refused(self):
        assert not HomePage.can_create_at(Page.get_first_root_node())
