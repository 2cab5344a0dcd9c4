"""The personal stamp: the buyer, the order and the date in the footer of every page
and in the document's metadata, put onto the cached render (no re-render).

Each page gets one more content stream, drawn in a saved graphics state after the
page's own, with the standard Helvetica font (every PDF reader has it), so stamping
a twenty-page edition takes milliseconds.
"""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

FONT_NAME = "/ImprintStamp"


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return (
        b"("
        + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        + b")"
    )


def _anchor(reader: PdfReader, name: str) -> tuple[int, float, float] | None:
    """The page and the top-left point of the element with id `name` (WeasyPrint
    writes every id as a named destination), or None."""
    found = reader.named_destinations.get(name)
    if found is None:
        return None
    return (
        reader.get_destination_page_number(found),
        float(found.left),
        float(found.top),
    )


def stamp_pdf(
    data: bytes,
    *,
    footer: str,
    metadata: dict[str, str],
    buyer: str = "",
    buyer_anchor: str = "",
) -> bytes:
    """`footer` at the foot of every page; `buyer` also where the edition keeps
    a blank line for it (the colophon's personal-copy notice, `buyer_anchor`)."""
    reader = PdfReader(io.BytesIO(data))
    anchor = _anchor(reader, buyer_anchor) if buyer and buyer_anchor else None
    writer = PdfWriter(clone_from=reader)
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    save = DecodedStreamObject()
    save.set_data(b"q\n")
    save_ref = writer._add_object(save)
    for number, page in enumerate(writer.pages):
        box = page.mediabox
        x = float(box.left) + 40
        y = float(box.bottom) + 14
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
        stamp = DecodedStreamObject()
        # Marked as an artifact: page furniture outside the structure tree, as
        # PDF/UA asks of everything that is not content.
        stamp.set_data(b"Q q /Artifact BMC " + text + b"EMC Q\n")
        contents = page.get("/Contents")
        streams = ArrayObject([save_ref])
        if contents is not None:
            existing = contents.get_object()
            if isinstance(existing, ArrayObject):
                streams.extend(existing)
            else:
                streams.append(contents)
        streams.append(writer._add_object(stamp))
        page[NameObject("/Contents")] = streams
        resources = page.get("/Resources")
        resources = (
            resources.get_object() if resources is not None else DictionaryObject()
        )
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else DictionaryObject()
        fonts[NameObject(FONT_NAME)] = font
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources
    writer.add_metadata({f"/{key}": value for key, value in metadata.items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
