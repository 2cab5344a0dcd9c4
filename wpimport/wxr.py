"""Reading a WordPress export (WXR 1.1 and 1.2) as a stream.

`read(path)` yields the export's parts one at a time (authors, terms, then each
item with its comments and meta), with lxml's `iterparse`: every finished element
is cleared at once, so a 500 MB export never sits in memory. Entities are never
expanded and no DTD or network is loaded; a file that declares entities (a
"billion laughs" bomb) is refused before parsing. A malformed file raises
`WxrError` with the line number.

WordPress's namespace differs by version and site (`http://` or `https://`,
`/export/1.1/` or `/1.2/`), so elements are matched by their local name and the
namespace's family, never by one fixed URI.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

PROLOG_LIMIT = 1 << 20  # the DOCTYPE, if any, comes before the first element


class WxrError(Exception):
    """The file cannot be read as a WordPress export; the message says where."""


@dataclass
class Author:
    login: str
    email: str
    display_name: str
    first_name: str = ""
    last_name: str = ""
    description: str = ""


@dataclass
class Term:
    kind: str  # "category" or "tag"
    term_id: int
    slug: str
    name: str
    parent: str = ""  # the parent's slug (categories)
    description: str = ""


@dataclass
class Comment:
    comment_id: int
    author: str
    email: str
    url: str
    ip: str
    date_gmt: str
    date: str
    content: str
    approved: str  # "1", "0", "spam", "trash"
    kind: str  # "", "comment", "pingback", "trackback"
    parent: int
    user_id: int


@dataclass
class Item:
    post_id: int
    post_type: str
    status: str
    title: str
    slug: str
    link: str
    guid: str
    content: str
    excerpt: str
    creator: str
    date: str
    date_gmt: str
    modified_gmt: str
    parent: int
    menu_order: int
    password: str
    attachment_url: str
    terms: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # domain, slug, name
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    line: int = 0


@dataclass
class Site:
    title: str
    link: str
    base_site_url: str
    base_blog_url: str
    version: str


def _local(tag) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _namespace(tag) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag[:1] == "{" else ""


def _is_wp(tag) -> bool:
    return "wordpress.org/export" in _namespace(tag)


def _text(element, name: str, *, wp: bool | None = None) -> str:
    for child in element:
        if _local(child.tag) == name and (wp is None or _is_wp(child.tag) == wp):
            return (child.text or "").strip() if name != "encoded" else child.text or ""
    return ""


def _int(value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def prolog_check(path) -> None:
    """Refuse a file that declares a DTD or entities (entity bombs, external
    entities): a WordPress export has neither."""
    with open(path, "rb") as source:
        head = source.read(PROLOG_LIMIT)
    start = head.find(b"<rss")
    prolog = head if start < 0 else head[:start]
    if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
        raise WxrError(
            "The file declares a DTD or entities. A WordPress export has none; "
            "it is refused."
        )


def _author(element) -> Author:
    return Author(
        login=_text(element, "author_login"),
        email=_text(element, "author_email"),
        display_name=_text(element, "author_display_name"),
        first_name=_text(element, "author_first_name"),
        last_name=_text(element, "author_last_name"),
    )


def _category(element) -> Term:
    return Term(
        kind="category",
        term_id=_int(_text(element, "term_id")),
        slug=_text(element, "category_nicename"),
        name=_text(element, "cat_name"),
        parent=_text(element, "category_parent"),
        description=_text(element, "category_description"),
    )


def _tag(element) -> Term:
    return Term(
        kind="tag",
        term_id=_int(_text(element, "term_id")),
        slug=_text(element, "tag_slug"),
        name=_text(element, "tag_name"),
        description=_text(element, "tag_description"),
    )


def _term(element) -> Term | None:
    taxonomy = _text(element, "term_taxonomy")
    kind = {"category": "category", "post_tag": "tag"}.get(taxonomy)
    if kind is None:
        return None
    return Term(
        kind=kind,
        term_id=_int(_text(element, "term_id")),
        slug=_text(element, "term_slug"),
        name=_text(element, "term_name"),
        parent=_text(element, "term_parent"),
        description=_text(element, "term_description"),
    )


def _comment(element) -> Comment:
    return Comment(
        comment_id=_int(_text(element, "comment_id")),
        author=_text(element, "comment_author"),
        email=_text(element, "comment_author_email"),
        url=_text(element, "comment_author_url"),
        ip=_text(element, "comment_author_IP"),
        date_gmt=_text(element, "comment_date_gmt"),
        date=_text(element, "comment_date"),
        content=_text(element, "comment_content"),
        approved=_text(element, "comment_approved"),
        kind=_text(element, "comment_type"),
        parent=_int(_text(element, "comment_parent")),
        user_id=_int(_text(element, "comment_user_id")),
    )


def _item(element) -> Item:
    content = excerpt = ""
    terms, meta, comments = [], {}, []
    for child in element:
        name = _local(child.tag)
        namespace = _namespace(child.tag)
        if name == "encoded" and "content" in namespace:
            content = child.text or ""
        elif name == "encoded" and "excerpt" in namespace:
            excerpt = child.text or ""
        elif name == "category" and not _is_wp(child.tag):
            terms.append(
                (child.get("domain", ""), child.get("nicename", ""), child.text or "")
            )
        elif name == "postmeta":
            meta[_text(child, "meta_key")] = _text(child, "meta_value")
        elif name == "comment" and _is_wp(child.tag):
            comments.append(_comment(child))
    return Item(
        post_id=_int(_text(element, "post_id")),
        post_type=_text(element, "post_type"),
        status=_text(element, "status"),
        title=_text(element, "title", wp=False),
        slug=_text(element, "post_name"),
        link=_text(element, "link", wp=False),
        guid=_text(element, "guid", wp=False),
        content=content,
        excerpt=excerpt,
        creator=_text(element, "creator"),
        date=_text(element, "post_date"),
        date_gmt=_text(element, "post_date_gmt"),
        modified_gmt=_text(element, "post_modified_gmt"),
        parent=_int(_text(element, "post_parent")),
        menu_order=_int(_text(element, "menu_order")),
        password=_text(element, "post_password"),
        attachment_url=_text(element, "attachment_url"),
        terms=terms,
        meta=meta,
        comments=comments,
        line=element.sourceline or 0,
    )


def read(path) -> Iterator[Site | Author | Term | Item]:
    """The export's parts in file order. Raises `WxrError` on a malformed file,
    with its line."""
    prolog_check(path)
    context = etree.iterparse(
        str(path),
        events=("end",),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
    )
    site = {
        "title": "",
        "link": "",
        "base_site_url": "",
        "base_blog_url": "",
        "version": "",
    }
    site_sent = False
    try:
        for _event, element in context:
            name = _local(element.tag)
            parent = element.getparent()
            parent_name = _local(parent.tag) if parent is not None else ""
            if parent_name != "channel":
                continue
            if not site_sent and name in ("title", "link") and not _is_wp(element.tag):
                site[name] = (element.text or "").strip()
                continue
            if name == "wxr_version":
                site["version"] = (element.text or "").strip()
                continue
            if name in ("base_site_url", "base_blog_url"):
                site[name] = (element.text or "").strip()
                continue
            if not site_sent and name in ("author", "category", "tag", "term", "item"):
                # The site's addresses come first in an export: known by now.
                site_sent = True
                yield Site(**site)
            if name == "author" and _is_wp(element.tag):
                yield _author(element)
            elif name == "category" and _is_wp(element.tag):
                yield _category(element)
            elif name == "tag" and _is_wp(element.tag):
                yield _tag(element)
            elif name == "term" and _is_wp(element.tag):
                term = _term(element)
                if term is not None:
                    yield term
            elif name == "item":
                yield _item(element)
            else:
                continue
            # Done with this element: free it and what came before it.
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del parent[0]
        if not site_sent:
            yield Site(**site)
    except etree.XMLSyntaxError as error:
        raise WxrError(f"line {error.lineno}: {error.msg}") from error
