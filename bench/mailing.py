"""Newsletter sending figures (run by `bench/run.py`; prints one JSON object; named
mailing.py because a script newsletter.py would shadow django-newsletter):

- the anchors: Django mail with a new SMTP connection per mail (django-newsletter's
  loop) and with one reused connection, each over 1,000 mails;
- one issue sent by `newsletters.dispatch.sending_run` to 10,000 generated confirmed
  subscribers: mails per second, total time (rendering and the recipient rows
  included), and the process's resident memory sampled while it runs.

All mail goes to a local aiosmtpd sink in its own process. The sending process runs
in Linux's idle scheduling class (SCHED_IDLE), as the background worker should in
production (README: `chrt --idle 0 manage.py db_worker`), so the site's requests
take the CPU whenever they want it; the sink runs there too, because it stands in
for a mail server that does not share the web host's CPUs. BENCH_IDLE=0 turns this
off.

`--started FILE` touches FILE when the sending starts (bench/run.py measures the
site meanwhile); `--no-anchors` skips the anchors. `--first-mail --newsletter
SLUG` instead sends a new issue to that newsletter's subscribers (the scale data)
and reports how soon the first mail was written.
"""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["TASKS_BACKEND"] = "immediate"

SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "10000"))
ANCHOR_MAILS = 1000
SLUG = "bench-brief"
IDLE = ["chrt", "--idle", "0"] if os.environ.get("BENCH_IDLE", "1") != "0" else []


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_sink(port: int) -> subprocess.Popen:
    sink = subprocess.Popen(
        [
            *IDLE,
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-c",
            "aiosmtpd.handlers.Sink",
            "-l",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import socket

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return sink
        except OSError:
            time.sleep(0.1)
    raise SystemExit("aiosmtpd sink did not start")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class MemorySampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[float] = []
        self.running = True

    def run(self):
        while self.running:
            self.samples.append(rss_mb())
            time.sleep(0.05)


def first_mail(slug: str) -> None:
    """A sending of a new issue to every subscriber of the newsletter `slug` (the
    scale data's 500,000): seconds from the worker's start until the first mail
    is written, then the sending is cancelled. Prints one JSON line."""
    from django.db import connections
    from django.utils import timezone
    from newsletter.models import Newsletter

    from newsletters import dispatch, sending
    from newsletters.models import Issue, Recipient

    issue = Issue.objects.create(
        newsletter=Newsletter.objects.get(slug=slug),
        subject="Bench-Ausgabe",
        body=[
            ("heading", "Neu im Magazin"),
            ("text", "<p>" + "Ein Absatz über die Probezeit. " * 40 + "</p>"),
        ],
    )
    run = sending.sending_create(issue=issue, when=timezone.now())

    def worker() -> None:
        try:
            dispatch.sending_run(run.pk)
        finally:
            connections.close_all()

    begin = time.perf_counter()
    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    sent = Recipient.objects.filter(sending=run, state=Recipient.State.SENT)
    while thread.is_alive() and not sent.exists():
        time.sleep(0.02)
    first_s = time.perf_counter() - begin
    sending.sending_cancel(run)
    thread.join(timeout=600)
    print(  # noqa: T201
        json.dumps(
            {
                "recipients": run.recipients.count(),
                "first_mail_s": first_s,
                "sent_before_cancel": sent.count(),
            }
        )
    )


def main() -> None:
    started_file = None
    if "--started" in sys.argv:
        started_file = Path(sys.argv[sys.argv.index("--started") + 1])
    port = free_port()
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    import django

    django.setup()
    from django.core.mail import EmailMultiAlternatives
    from django.db import transaction
    from django.utils import timezone
    from newsletter.models import Newsletter, Subscription

    from mail.services import transport_connection
    from newsletters import dispatch, selectors, sending
    from newsletters.models import Issue, Subscriber
    from newsletters.services import newsletter_create

    sink = start_sink(port)
    if IDLE:  # this thread and the sending threads it starts
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    if "--first-mail" in sys.argv:
        try:
            first_mail(sys.argv[sys.argv.index("--newsletter") + 1])
        finally:
            sink.terminate()
            sink.wait(10)
        return
    try:
        with transaction.atomic():
            newsletter = Newsletter.objects.filter(slug=SLUG).first()
            if newsletter is None:
                newsletter = newsletter_create(
                    title="Bench-Brief",
                    slug=SLUG,
                    email="bench@verlag.example",
                    sender="Bench-Verlag",
                )
            have = Subscription.objects.filter(newsletter=newsletter).count()
            now = timezone.now()
            emails = [f"bench{n}@leser.example" for n in range(have, SUBSCRIBERS)]
            Subscriber.objects.bulk_create(
                (Subscriber(email=e, confirmed_at=now) for e in emails),
                batch_size=2000,
                ignore_conflicts=True,
            )
            Subscription.objects.bulk_create(
                (
                    Subscription(
                        email_field=e,
                        newsletter=newsletter,
                        subscribed=True,
                        subscribe_date=now,
                    )
                    for e in emails
                ),
                batch_size=2000,
            )
            # A new issue each run: an issue goes out once.
            issue = Issue.objects.create(
                newsletter=newsletter,
                subject="Bench-Ausgabe",
                body=[
                    ("heading", "Neu im Magazin"),
                    ("text", "<p>" + "Ein Absatz über die Probezeit. " * 40 + "</p>"),
                ],
            )
        # The issue as it is sent, for the anchors.
        from mail.compose import Kind
        from mail.compose import sender as mail_sender
        from newsletters.rendering import issue_render

        subject, html, text = issue_render(issue)
        sender = mail_sender(Kind.NEWSLETTER)

        def anchor_message(n: int):
            message = EmailMultiAlternatives(
                subject, text, sender, [f"anker{n}@leser.example"]
            )
            message.attach_alternative(html, "text/html")
            return message

        new_connection = reused = 0.0
        if "--no-anchors" not in sys.argv:
            begin = time.perf_counter()
            for n in range(ANCHOR_MAILS):
                # A new connection each time, as django-newsletter sends.
                transport_connection().send_messages([anchor_message(n)])
            new_connection = ANCHOR_MAILS / (time.perf_counter() - begin)

            begin = time.perf_counter()
            connection = transport_connection()
            connection.open()
            for n in range(ANCHOR_MAILS):
                connection.send_messages([anchor_message(n)])
            connection.close()
            reused = ANCHOR_MAILS / (time.perf_counter() - begin)

        sampler = MemorySampler()
        sampler.start()
        rss_start = rss_mb()
        if started_file:
            started_file.touch()
        begin = time.perf_counter()
        run = sending.sending_create(issue=issue, when=timezone.now())
        prepared = time.perf_counter()
        dispatch.sending_run(run.pk)
        finished = time.perf_counter()
        sampler.running = False
        sampler.join()
        counts = selectors.sending_counts(run)
        send_seconds = finished - prepared
        print(  # noqa: T201
            json.dumps(
                {
                    "subscribers": SUBSCRIBERS,
                    "anchor_new_connection_per_s": new_connection,
                    "anchor_reused_connection_per_s": reused,
                    "sent": counts["sent"],
                    "failed": counts["failed"],
                    "total_s": finished - begin,
                    "send_per_s": counts["sent"] / send_seconds,
                    "rss_start_mb": rss_start,
                    "rss_peak_mb": max(sampler.samples),
                    "rss_end_mb": rss_mb(),
                }
            )
        )
    finally:
        sink.terminate()
        sink.wait(10)


if __name__ == "__main__":
    main()
