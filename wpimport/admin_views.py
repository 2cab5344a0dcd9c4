"""The import in the Wagtail admin (Settings → WordPress-Import): upload an export,
watch the worker's progress (the page reloads itself while it runs, without
JavaScript), read the summary, and the list of imported pages with content to
review."""

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from . import selectors, services
from .forms import ImportForm
from .models import ImportRun

PERMISSION = "wpimport.run_wordpress_import"
STAGE_LABELS = {
    "terms": _("people, terms and images"),
    "content": _("articles, pages and comments"),
}
KIND_LABELS = {
    "posts": _("Articles"),
    "pages": _("Pages"),
    "images": _("Images"),
    "comments": _("Comments"),
    "mentions": _("Pingbacks and trackbacks"),
    "authors": _("Authors"),
    "categories": _("Categories"),
    "tags": _("Tags"),
    "redirects": _("Redirects"),
}


@permission_required(PERMISSION, raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        run = services.run_start(
            export=form.cleaned_data["export"],
            parent=form.cleaned_data["parent"],
            media_dir=form.cleaned_data["media_dir"],
            user=request.user,
        )
        return redirect("wpimport_run", pk=run.pk)
    return render(
        request,
        "wpimport/admin/index.html",
        {
            "form": form,
            "runs": selectors.runs_recent(),
            "to_review": selectors.pages_to_review(),
        },
        status=400 if form.errors else 200,
    )


@permission_required(PERMISSION, raise_exception=True)
def run(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ImportRun, pk=pk)
    rows = [
        {"label": KIND_LABELS.get(kind, kind), **counts}
        for kind, counts in (item.summary or {}).items()
    ]
    return render(
        request,
        "wpimport/admin/run.html",
        {
            "run": item,
            "stage": STAGE_LABELS.get(item.stage, item.stage),
            "rows": rows,
            "working": item.status
            in (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING),
        },
    )
