"""A withdrawal from a course ends the enrolment, where the right still stands: the
course began at enrolment, so with the § 356(5) waiver recorded it has expired."""

import pytest

from consent.models import ConsentRecord
from courses.models import Enrolment
from withdrawals import selectors, services

pytestmark = pytest.mark.django_db


def test_withdrawal_ends_the_course_where_the_right_stands(
    course, course_product, buy, django_capture_on_commit_callbacks
):
    enrolment = buy(course_product)
    order = enrolment.line.order
    [right] = selectors.line_rights(order)
    assert not right.withdrawable and right.record is not None
    assert "erloschen" in right.reason

    ConsentRecord.objects.filter(scope=order.number).delete()  # no waiver given
    with django_capture_on_commit_callbacks(execute=True):
        services.withdrawal_declare(order=order, name="K. Leser", email=order.email)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENDED
