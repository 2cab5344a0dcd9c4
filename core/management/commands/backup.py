"""`manage.py backup [DIR or FILE]`: the database, media and bought files in one
archive with a manifest and checksums (core/backup.py). Safe while the site runs."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database, media and private files into one archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "target",
            nargs="?",
            default=str(settings.VAR_DIR / "backups"),
            help="a directory (a dated file is made in it) or a file name",
        )

    def handle(self, *args, target: str, **options):
        path = Path(target)
        if not path.suffix:
            path.mkdir(parents=True, exist_ok=True)
        try:
            report = backup_create(target=path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup written: {report.archive} ({report.files} files, "
            f"{report.bytes / 2**20:.1f} MiB; database "
            f"{report.seconds['database']:.1f} s, "
            f"files {report.seconds['files']:.1f} s)"
        )
