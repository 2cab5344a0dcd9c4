"""`manage.py import_subscribers FILE.csv`: the newsletter list moves in."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wpimport.subscribers import FORMATS, import_subscribers

COLUMNS = (
    "email",
    "first_name",
    "last_name",
    "status",
    "lists",
    "date",
    "confirmed",
    "ip",
    "source",
)


class DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Import newsletter subscribers from a MailPoet, Newsletter (WordPress) or "
        "Mailchimp CSV export, with their lists, status and consent."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=sorted(FORMATS), default="mailpoet")
        for column in COLUMNS:
            parser.add_argument(
                f"--{column.replace('_', '-')}-column",
                dest=f"column_{column}",
                help=f"The file's column for {column.replace('_', ' ')}.",
            )
        parser.add_argument(
            "--list-map",
            action="append",
            default=[],
            metavar="LIST=SLUG",
            help="The file's list name and the newsletter (slug) it becomes.",
        )
        parser.add_argument(
            "--newsletter", help="The newsletter (slug) for rows without a list."
        )
        parser.add_argument(
            "--status",
            default="",
            help="The status of rows without one (Mailchimp: a file per status).",
        )
        parser.add_argument(
            "--reconfirm",
            action="store_true",
            help="Ask every active address for a new double opt-in (sends mail).",
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        mapping = {}
        for entry in options["list_map"]:
            name, separator, slug = entry.partition("=")
            if not separator or not slug:
                raise CommandError(f"--list-map {entry}: LIST=SLUG expected")
            mapping[name.strip()] = slug.strip()
        columns = {column: options[f"column_{column}"] for column in COLUMNS}
        try:
            with transaction.atomic():
                result = import_subscribers(
                    file,
                    format=options["format"],
                    columns=columns,
                    newsletter_for=mapping,
                    default_newsletter=options["newsletter"],
                    default_status=options["status"],
                    reconfirm=options["reconfirm"],
                )
                if options["dry_run"]:
                    raise DryRun
        except DryRun:
            self.stdout.write("Probelauf: nichts gespeichert.")
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"neu {result.created}, aktualisiert {result.updated}, übersprungen "
            f"{result.skipped}; abgemeldet {result.unsubscribed}, unzustellbar "
            f"{result.bounced}; Bestätigungsmails {result.reconfirm_sent}"
        )
        for problem in result.problems:
            self.stdout.write(f"[!] {problem}")
