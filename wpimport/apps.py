from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WpimportConfig(AppConfig):
    """The move from WordPress: a WXR export's content, people, terms, images,
    comments and URLs become the site's."""

    name = "wpimport"
    label = "wpimport"
    verbose_name = _("WordPress import")
    default_auto_field = "django.db.models.BigAutoField"
