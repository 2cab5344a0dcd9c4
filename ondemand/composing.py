"""The composer's steps as a form post names them, shared by the reader's page
(`views`) and the editors' (`admin_views`): the buttons "add the ticked", "up",
"down", "remove", and the name field sent with each of them."""

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from . import selectors, services


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def draft_step(request: HttpRequest, draft: services.Draft):
    """Apply the button pressed to the draft; returns "basket", "send" or None.
    Shared by the reader's and the editor's composer."""
    services.draft_rename(draft, request.POST.get("title", draft.title))
    action, _sep, target = request.POST.get("action", "").partition(":")
    page_id = int_or_none(target)
    try:
        if action == "choose":
            ids = [pk for pk in map(int_or_none, request.POST.getlist("choose")) if pk]
            # What may be chosen is read only for this step (the others need
            # no list, and "basket" reads it in `spec_build`).
            offered = {item.page_id for item in selectors.candidates_all()}
            added = services.draft_choose(draft, ids, offered)
            if added:
                messages.success(
                    request,
                    _("%(count)d lessons added to your course.") % {"count": added},
                )
            elif not ids:
                messages.error(request, _("Tick the lessons you want to add."))
        elif action in ("up", "down") and page_id:
            services.draft_move(draft, page_id, -1 if action == "up" else 1)
        elif action == "remove" and page_id:
            if services.draft_remove(draft, page_id):
                messages.success(request, _("The lesson was taken out of your course."))
        elif action in ("basket", "send"):
            return action
    except services.Refused as refused:
        messages.error(request, str(refused))
    return None
