"""Accessibility of the PDFs sold (Barrierefreiheitsstärkungsgesetz, since 28 June
2025): tagged PDF/UA-1 with the document's language, its title shown, headings,
lists and figures in the structure tree, alt texts from the image model, and
bookmarks; the personal stamp is an artifact outside the structure."""

import io

import pikepdf
import pytest
from oscar.core.loading import get_model

from delivery.editions import edition_render
from delivery.links import grant_path
from delivery.models import Grant
from tests.flows.checkout import guest_buys

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _tags(node, found: list) -> list:
    if isinstance(node, pikepdf.Dictionary) and "/S" in node:
        found.append((str(node.S), node.get("/Alt")))
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    if isinstance(kids, pikepdf.Array):
        for kid in kids:
            _tags(kid, found)
    elif isinstance(kids, pikepdf.Dictionary):
        _tags(kids, found)
    return found


def test_the_stamped_copy_is_tagged_pdf_ua(
    client, ids, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.pdf_product)
    grant = Grant.objects.select_related("edition").get(
        line__order__guest_email="leser@test.example"
    )
    if not grant.is_ready:  # an edition of this revision left waiting elsewhere
        edition_render(grant.edition_id)
    data = b"".join(client.get(grant_path(grant)).streaming_content)

    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "de"
        assert root.ViewerPreferences.DisplayDocTitle is True
        meta = pdf.open_metadata()
        assert meta.get("pdfuaid:part") == "1"
        assert meta.get("dc:title") == article.title
        tags = _tags(root.StructTreeRoot, [])
        names = [name for name, _alt in tags]
        for wanted in ("/H1", "/H2", "/P", "/L", "/LI", "/Figure"):
            assert wanted in names, wanted
        figures = [alt for name, alt in tags if name == "/Figure"]
        assert figures and all(alt is not None and str(alt).strip() for alt in figures)
        assert f"Titelbild {article.title.split(':')[0]}"[:8] in " ".join(
            map(str, figures)
        )
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert titles and any(article.title in title for title in titles)
        first = pdf.pages[0]
        streams = (
            first.Contents
            if isinstance(first.Contents, pikepdf.Array)
            else [first.Contents]
        )
        assert b"/Artifact BMC" in streams[-1].read_bytes()
