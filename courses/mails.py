"""The one mail of the courses app outside the e-mail course: the welcome of a
buyer whose course comes as a PDF only, with the link to the course area (the
PDF itself comes with the payment confirmation)."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from home.selectors import publisher_info
from newsletters.mails import site_url

from . import tokens
from .mailing import sender
from .models import Enrolment


def welcome_send(enrolment_id: int) -> bool:
    enrolment = Enrolment.objects.filter(
        pk=enrolment_id, status=Enrolment.Status.ACTIVE, erased_at=None
    ).first()
    if enrolment is None or not enrolment.email:
        return False
    context = {
        "enrolment": enrolment,
        "manage_url": site_url()
        + reverse(
            "courses:manage", args=[tokens.manage_token(enrolment.pk, enrolment.email)]
        ),
        "publisher": publisher_info(),
    }
    with translation.override(enrolment.language or "de"):
        subject = " ".join(
            render_to_string("courses/mail/welcome_subject.txt", context).split()
        )
        text = render_to_string("courses/mail/welcome.txt", context)
    EmailMultiAlternatives(subject, text, sender(), [enrolment.email]).send()
    return True
