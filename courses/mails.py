"""The one mail of the courses app outside the e-mail course: the welcome of a
buyer whose course comes as a PDF only, with the link to the course area (the
PDF itself comes with the payment confirmation). The lessons' mails are
`mailer.py`'s."""

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from mail.compose import Kind, message_build, site_root_url
from mail.later import composer

from . import tokens
from .models import Enrolment


@composer
def welcome_mail(*, enrolment_id: int) -> EmailMultiAlternatives | None:
    enrolment = Enrolment.objects.filter(
        pk=enrolment_id, status=Enrolment.Status.ACTIVE, erased_at=None
    ).first()
    if enrolment is None or not enrolment.email:
        return None
    token = tokens.manage_token(enrolment.pk, enrolment.email)
    return message_build(
        template="courses/mail/welcome",
        to=enrolment.email,
        kind=Kind.COURSE,
        language=enrolment.language or "de",
        context={
            "enrolment": enrolment,
            "manage_url": site_root_url() + reverse("courses:manage", args=[token]),
        },
    )
