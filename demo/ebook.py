"""The demo's e-book, made here: a small EPUB 3 of its own text, so the e-book in
the demo shop can really be bought and delivered."""

import io
import zipfile
from html import escape

CHAPTERS = [
    (
        "Was Sie wert sind",
        [
            "Ein Gehaltsgespräch beginnt lange vor dem Termin. Wer seinen Marktwert "
            "kennt, verhandelt ruhiger: Sammeln Sie Stellenanzeigen Ihres Fachs, "
            "Gehaltsstudien Ihrer Branche und die Tarifverträge, die in Ihrer Region "
            "gelten.",
            "Schreiben Sie dann auf, was Sie im letzten Jahr bewegt haben: Projekte, "
            "die Sie abgeschlossen haben, Kosten, die Sie gespart haben, Menschen, "
            "die Sie eingearbeitet haben. Zahlen überzeugen mehr als Adjektive.",
        ],
    ),
    (
        "Das Gespräch",
        [
            "Nennen Sie Ihre Zahl zuerst, und nennen Sie eine genaue Zahl. Wer "
            "„etwa zehn Prozent mehr“ sagt, lädt zum Handeln ein; wer „68.500 Euro“ "
            "sagt, zeigt, dass er gerechnet hat.",
            "Schweigen Sie nach Ihrer Forderung. Die Pause gehört Ihrem Gegenüber. "
            "Und wenn das Budget wirklich erschöpft ist, sprechen Sie über das, was "
            "sonst zählt: Weiterbildung, Arbeitszeit, einen Termin in sechs Monaten.",
        ],
    ),
    (
        "Nach dem Gespräch",
        [
            "Halten Sie das Ergebnis schriftlich fest und bedanken Sie sich. Was "
            "vereinbart wurde, gehört in eine kurze E-Mail am selben Tag.",
            "Hat es diesmal nicht geklappt, fragen Sie, was bis zum nächsten "
            "Gespräch geschehen muss. So wird aus einem Nein ein Plan.",
        ],
    ),
]

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def _xhtml(title: str, body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops" lang="de" xml:lang="de">\n'
        f"<head><title>{escape(title)}</title></head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def ebook_epub(*, title: str, author: str, identifier: str, modified: str) -> bytes:
    """An EPUB 3 with a navigation document, three chapters and accessibility
    metadata (text only, readable by assistive technology)."""
    manifest, spine, nav_items, chapters = [], [], [], {}
    for number, (heading, paragraphs) in enumerate(CHAPTERS, start=1):
        name = f"kapitel-{number}.xhtml"
        text = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
        chapters[name] = _xhtml(
            heading, f"<section><h1>{escape(heading)}</h1>\n{text}</section>"
        )
        manifest.append(
            f'<item id="c{number}" href="{name}" media-type="application/xhtml+xml"/>'
        )
        spine.append(f'<itemref idref="c{number}"/>')
        nav_items.append(f'<li><a href="{name}">{escape(heading)}</a></li>')
    nav = _xhtml(
        "Inhalt",
        '<nav epub:type="toc" id="toc"><h1>Inhalt</h1><ol>'
        + "".join(nav_items)
        + "</ol></nav>",
    )
    opf = f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="de">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">{escape(identifier)}</dc:identifier>
    <dc:title>{escape(title)}</dc:title>
    <dc:creator>{escape(author)}</dc:creator>
    <dc:language>de</dc:language>
    <meta property="dcterms:modified">{modified}</meta>
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">Reiner Text mit Überschriften und Inhaltsverzeichnis; ohne Bilder.</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    {"".join(manifest)}
  </manifest>
  <spine>{"".join(spine)}</spine>
</package>
"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/epub+zip", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/container.xml", CONTAINER, zipfile.ZIP_DEFLATED)
        archive.writestr("OEBPS/content.opf", opf, zipfile.ZIP_DEFLATED)
        archive.writestr("OEBPS/nav.xhtml", nav, zipfile.ZIP_DEFLATED)
        for name, xhtml in chapters.items():
            archive.writestr(f"OEBPS/{name}", xhtml, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
