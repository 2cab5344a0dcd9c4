"""`manage.py import_wordpress EXPORT.xml`: a WordPress export (WXR) moves in."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from wagtail.models import Page

from wpimport import wxr
from wpimport.importer import Importer

KINDS = {
    "posts": "Artikel",
    "pages": "Seiten",
    "images": "Bilder",
    "comments": "Kommentare",
    "mentions": "Pingbacks/Trackbacks",
    "authors": "Autorinnen/Autoren",
    "categories": "Kategorien",
    "tags": "Schlagwörter",
    "redirects": "Weiterleitungen",
}


class DryRun(Exception):
    """Rolls the dry run's transaction back."""


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.1 or 1.2): posts, pages, people, terms, "
        "images, comments and URLs."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Import and roll back: shows what would change.",
        )
        parser.add_argument(
            "--media-dir", type=Path, help="A copy of wp-content/uploads."
        )
        parser.add_argument(
            "--parent", type=int, help="The id of the magazine page posts go under."
        )
        parser.add_argument(
            "--author-map",
            type=Path,
            help="Lines of 'wordpress-login author-slug' naming existing authors.",
        )

    def handle(
        self,
        *args,
        export: Path,
        dry_run: bool,
        media_dir,
        parent,
        author_map,
        **options,
    ):
        if not export.is_file():
            raise CommandError(f"{export}: no such file")
        if media_dir and not media_dir.is_dir():
            raise CommandError(f"{media_dir}: no such directory")
        parent_page = None
        if parent:
            parent_page = Page.objects.filter(pk=parent).first()
            if parent_page is None:
                raise CommandError(f"--parent {parent}: no such page")
            parent_page = parent_page.specific
        mapping = {}
        if author_map:
            for number, line in enumerate(author_map.read_text().splitlines(), start=1):
                if line.strip() and not line.startswith("#"):
                    parts = line.split()
                    if len(parts) != 2:
                        raise CommandError(
                            f"{author_map} line {number}: 'login slug' expected"
                        )
                    mapping[parts[0]] = parts[1]
        console = Console(file=self.stdout, force_terminal=False)
        try:
            wxr.prolog_check(export)
        except wxr.WxrError as error:
            raise CommandError(str(error)) from error
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task("Lese …")

            stages = {"terms": "Personen, Begriffe, Bilder", "content": "Inhalte"}

            def progress(stage: str, done: int, total: int) -> None:
                # The first pass counts the entries; the second shows the bar.
                if done % 25 == 0:
                    bar.update(
                        task,
                        description=stages.get(stage, stage),
                        completed=done,
                        total=total or None,
                    )

            importer = Importer(
                export,
                parent=parent_page,
                media_dir=media_dir,
                author_map=mapping,
                progress=progress,
            )
            try:
                with transaction.atomic():
                    summary = importer.run()
                    if dry_run:
                        raise DryRun
            except DryRun:
                summary = importer.summary
            except wxr.WxrError as error:
                raise CommandError(f"{export}: {error}") from error
        table = Table(title="Probelauf (nichts gespeichert)" if dry_run else "Import")
        for column in ("", "neu", "aktualisiert", "übersprungen", "zu prüfen"):
            table.add_column(column)
        for kind, counts in summary.counts.items():
            table.add_row(
                KINDS.get(kind, kind),
                *(
                    str(counts[key])
                    for key in ("created", "updated", "skipped", "review")
                ),
            )
        console.print(table)
        for problem in summary.problems:
            console.print(f"[!] {problem}")
