"""Background work of the courses app: thin, each hands over to a module."""

from django_tasks import task


@task()
def lesson_mails_due() -> dict:
    """Every minute (run_schedule): each due reader gets their next lesson."""
    from . import mailing

    return mailing.lessons_due_run()


@task()
def lesson_mail_now(enrolment_id: int) -> dict:
    """One reader's next lesson at once (enrolment, "next lesson now")."""
    from . import mailing

    return mailing.lessons_due_run(enrolment_id=enrolment_id)


@task()
def welcome_mail(enrolment_id: int) -> bool:
    """A course bought without the e-mail course: the link to the course area."""
    from . import mails

    return mails.welcome_send(enrolment_id)
