"""Background work of the courses app: thin, each hands over to a module."""

from django_tasks import task

from . import dispatch


@task()
def lesson_mails_due() -> dict:
    """Every minute (run_schedule): each due reader gets their next lesson."""
    return dispatch.lessons_due_run()


@task()
def lesson_mail_now(enrolment_id: int) -> dict:
    """One reader's next lesson at once (enrolment, "next lesson now")."""
    return dispatch.lessons_due_run(enrolment_id=enrolment_id)
