"""Authors and categories as snippets, grouped under "Editorial" in the admin menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Author, Category


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "role", "website"]
    search_fields = ["name", "role"]
    ordering = ["name"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class EditorialViewSetGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, CategoryViewSet)
    menu_icon = "doc-full"
    menu_label = _("Editorial")
    menu_name = "editorial"


register_snippet(EditorialViewSetGroup)
