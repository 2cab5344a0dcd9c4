"""`manage.py load_demo`: set up the demo publisher. Safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Create the demo publisher: pages, authors, products, newsletter, admin."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Allow demo content (and its known admin login) in production.",
        )

    def handle(self, *args, force: bool = False, **options):
        if settings.PRODUCTION and not force:
            raise CommandError(
                "Refusing to load demo content (with a published admin password) "
                "into a production site. Pass --force if you really mean it."
            )
        report = demo_load()
        if report.created:
            self.stdout.write(f"Demo content: created {len(report.created)} objects.")
        else:
            self.stdout.write("Demo content already in place; nothing changed.")
        self.stdout.write(
            f"Admin login: {DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD} "
            "(at /admin/ for the CMS, /shop/dashboard/ for the shop)"
        )
