"""`manage.py migrate`, which first fills an empty SQLite database from the committed
snapshot of all migrations (core/schema_snapshot.py), then migrates as Django does."""

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

from core.schema_snapshot import snapshot_load


class Command(DjangoMigrate):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-snapshot",
            action="store_true",
            help="apply every migration, even to an empty SQLite database",
        )

    def handle(self, *args, **options):
        whole = not options["app_label"] and not options["migration_name"]
        if whole and not options["no_snapshot"] and not options["plan"]:
            loaded = snapshot_load(connections[options["database"]])
            if loaded and options["verbosity"]:
                self.stdout.write(
                    f"Empty SQLite database: {loaded} migrations loaded from "
                    "core/snapshot/sqlite.sql; applying any newer ones."
                )
        return super().handle(*args, **options)
