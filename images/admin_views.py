"""Admin views of the image-rights registry and its dashboard panel."""

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.admin.ui.components import Component

from .rights import EXPIRY_WARNING_DAYS, expiring_licences, images_by_expiry
from .rights import rights_registry as registry

REGISTRY_LIMIT = 500


@permission_required("wagtailimages.change_image", raise_exception=True)
def image_rights(request: HttpRequest) -> HttpResponse:
    only_expiring = request.GET.get("expiring") == "1"
    images = expiring_licences() if only_expiring else images_by_expiry()
    rows = list(images[: REGISTRY_LIMIT + 1])
    return render(
        request,
        "images/admin/image_rights.html",
        {
            "entries": registry(rows[:REGISTRY_LIMIT]),
            "has_more": len(rows) > REGISTRY_LIMIT,
            "limit": REGISTRY_LIMIT,
            "only_expiring": only_expiring,
            "warning_days": EXPIRY_WARNING_DAYS,
        },
    )


class ExpiringLicencesPanel(Component):
    """On the Wagtail dashboard: licences ending within 30 days."""

    name = "expiring_licences"
    template_name = "images/admin/expiring_licences_panel.html"
    order = 150

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["entries"] = registry(expiring_licences()[:20])
        context["warning_days"] = EXPIRY_WARNING_DAYS
        return context
