"""The personal stamp: the buyer, the order and the date in the footer of every page
and in the document's metadata, put onto the cached render (no re-render).

Each page gets one more content stream, drawn in a saved graphics state after the
page's own, with the standard Helvetica font (every PDF reader has it), so stamping
a twenty-page edition takes milliseconds.
"""

import io

import pikepdf
from pikepdf import Name

FONT_NAME = "/ImprintStamp"


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return (
        b"("
        + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        + b")"
    )


def _destination(document: pikepdf.Pdf, name: str):
    """The named destination `name` (WeasyPrint writes every id as one), from the
    name tree or the older /Dests dictionary, or None."""
    root = document.Root
    found = None
    if "/Names" in root and "/Dests" in root.Names:
        found = pikepdf.NameTree(root.Names.Dests).get(name)
    elif "/Dests" in root:
        found = root.Dests.get(Name("/" + name))
    if isinstance(found, pikepdf.Dictionary):
        found = found.get("/D")
    return found


def _anchor(document: pikepdf.Pdf, name: str) -> tuple[int, float, float] | None:
    """The page and the top-left point of the element with id `name`, or None."""
    found = _destination(document, name)
    if not isinstance(found, pikepdf.Array) or len(found) < 4:
        return None
    if found[1] != Name.XYZ:
        return None
    target = found[0].objgen
    for number, page in enumerate(document.pages):
        if page.obj.objgen == target:
            return number, float(found[2]), float(found[3])
    return None


def stamp_pdf(
    data: bytes,
    *,
    footer: str,
    metadata: dict[str, str],
    buyer: str = "",
    buyer_anchor: str = "",
) -> bytes:
    """`footer` at the foot of every page; `buyer` also where the edition keeps
    a blank line for it (the colophon's personal-copy notice, `buyer_anchor`).
    With qpdf (pikepdf): a 44-page edition in about ten milliseconds, where a
    pure-Python rewrite of the file took half a second."""
    with pikepdf.open(io.BytesIO(data)) as document:
        anchor = _anchor(document, buyer_anchor) if buyer and buyer_anchor else None
        font = document.make_indirect(
            pikepdf.Dictionary(
                Type=Name.Font,
                Subtype=Name.Type1,
                BaseFont=Name.Helvetica,
                Encoding=Name.WinAnsiEncoding,
            )
        )
        save = document.make_indirect(pikepdf.Stream(document, b"q\n"))
        for number, page in enumerate(document.pages):
            box = page.mediabox
            x = float(box[0]) + 40
            y = float(box[1]) + 14
            text = (
                b"BT "
                + FONT_NAME.encode()
                + b" 7 Tf 0.4 g "
                + f"{x:.1f} {y:.1f} Td ".encode()
                + _pdf_string(footer)
                + b" Tj ET "
            )
            if anchor is not None and anchor[0] == number:
                text += (
                    b"BT "
                    + FONT_NAME.encode()
                    + b" 9 Tf 0.1 g "
                    + f"{anchor[1]:.1f} {anchor[2] - 10:.1f} Td ".encode()
                    + _pdf_string(buyer)
                    + b" Tj ET "
                )
            # Marked as an artifact: page furniture outside the structure tree,
            # as PDF/UA asks of everything that is not content. Drawn after the
            # page's own content, in a state saved before it.
            page.contents_add(save, prepend=True)
            page.contents_add(
                pikepdf.Stream(document, b"Q q /Artifact BMC " + text + b"EMC Q\n")
            )
            if "/Resources" not in page.obj:
                page.obj.Resources = pikepdf.Dictionary()
            page.add_resource(font, Name.Font, name=Name(FONT_NAME))
        # The document information; the XMP stays as rendered.
        for key, value in metadata.items():
            document.docinfo[Name("/" + key)] = value
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
