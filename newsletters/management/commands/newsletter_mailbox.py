"""Read bounces, complaints and unsubscribe mails: from a Maildir, an mbox file,
single message files, or standard input (an MTA's pipe: `| manage.py
newsletter_mailbox -`)."""

import mailbox
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsletters import mailbox as reader


class Command(BaseCommand):
    help = "Process bounce, complaint and unsubscribe mails."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", help="Maildir, mbox, .eml files or -")
        parser.add_argument(
            "--delete", action="store_true", help="Remove processed Maildir messages."
        )

    def handle(self, *args, sources, delete, **options):
        done = []
        for source in sources:
            if source == "-":
                done += reader.handle(reader.parse(sys.stdin.buffer.read()))
                continue
            path = Path(source)
            if (path / "cur").is_dir() and (path / "new").is_dir():
                box = mailbox.Maildir(path, factory=None, create=False)
                for key in list(box.keys()):
                    done += reader.handle(reader.parse(box.get_bytes(key)))
                    if delete:
                        box.remove(key)
            elif path.is_file() and path.read_bytes()[:5] == b"From ":
                for message in mailbox.mbox(path, create=False):
                    done += reader.handle(reader.parse(message.as_bytes()))
            elif path.is_file():
                done += reader.handle(reader.parse(path.read_bytes()))
            else:
                raise CommandError(f"{source}: no Maildir, mbox or message file")
        for line in done:
            self.stdout.write(line)
        self.stdout.write(f"{len(done)} actions")
