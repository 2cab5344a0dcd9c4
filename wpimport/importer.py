"""The import of a WordPress export (`Importer`, `import_wordpress`), in three
passes over the streamed file (`wxr.read`), each holding only what it needs:

1. people and terms: authors → `blog.Author`, categories (with their hierarchy)
   → `taxonomy.Category`, tags → tags; attachments → Wagtail images from the copy
   of `wp-content/uploads` (`media_dir`), with alt text, caption and credit;
2. posts → `ArticlePage` under the magazine, pages → `StandardPage` under the home
   page (parents before children, siblings in menu order), each with its status
   (publish, draft, pending → moderation, private → for editors only, future →
   scheduled, password → a password restriction), dates, slug, excerpt as lead,
   SEO title and description (Yoast, Rank Math), body blocks (`bodies`), and
   comments → threaded comments (approved, pending and spam kept; spam never
   shown), pingbacks and trackbacks → mentions;
3. URLs: every old permalink, `?p=`/`?page_id=`, attachment page and category or
   tag archive redirects permanently (`wagtail.contrib.redirects`), and links in
   the bodies to the old site point at the new pages.

Every object is recorded in `WpObject` with a fingerprint of what was imported:
a second run skips what is unchanged, updates what changed and creates nothing
twice; a run that failed halfway is simply run again. A bad item is reported and
skipped; the rest still imports.
"""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from blog.models import ArticleAuthor, ArticlePage, Author, BlogIndexPage
from comments.models import Comment, Mention
from comments.text import render as comment_html
from home.models import HomePage, StandardPage
from taxonomy.models import Category

from . import wxr
from .bodies import Converter, _plain
from .models import WpObject

Image = get_image_model()
KINDS = (
    "posts",
    "pages",
    "images",
    "comments",
    "mentions",
    "authors",
    "categories",
    "tags",
    "redirects",
)
CREDIT = re.compile(r's:\d+:"(?:credit|copyright)";s:\d+:"([^"]*)";')


class Known(NamedTuple):
    """An object an earlier run imported: its record, its object, its fingerprint."""

    pk: int
    object_id: str
    fingerprint: str


@dataclass
class Summary:
    """Per kind: created, updated, skipped, needing review; and what went wrong."""

    counts: dict = field(
        default_factory=lambda: {
            kind: {"created": 0, "updated": 0, "skipped": 0, "review": 0}
            for kind in KINDS
        }
    )
    problems: list[str] = field(default_factory=list)

    def add(self, kind: str, outcome: str, number: int = 1) -> None:
        self.counts[kind][outcome] += number


class Importer:
    def __init__(
        self,
        path,
        *,
        parent: Page | None = None,
        media_dir: Path | None = None,
        author_map: dict[str, str] | None = None,
        progress: Callable[[str, int, int], None] = lambda stage, done, total: None,
        user=None,
    ) -> None:
        self.path = Path(path)
        self.media_dir = Path(media_dir) if media_dir else None
        self.author_map = author_map or {}
        self.progress = progress
        self.user = user
        self.summary = Summary()
        self.parent = parent
        self.site = ""
        self.blog_url = ""
        self.authors: dict[str, Author] = {}
        self.categories: dict[str, Category] = {}
        self.images: dict[str, int] = {}  # attachment id or URL path -> image id
        self.attachment_parent: dict[int, int] = {}  # attachment -> post id
        self.attachment_links: dict[int, str] = {}
        self.pages: dict[int, int] = {}  # WordPress post id -> page id
        self.old_urls: dict[str, int] = {}  # old path -> page id
        self.missing_media = 0
        self.known: dict | None = None
        self.total_items = 0

    # --- bookkeeping ---------------------------------------------------------

    def _known(self, kind: str, wp_id) -> "Known | None":
        """What an earlier run made of this WordPress object. All of the site's
        are read in one query the first time, as small tuples (110,000 objects
        are a few tens of MB, not model instances)."""
        if self.known is None:
            rows = WpObject.objects.filter(site=self.site).values_list(
                "kind", "wp_id", "pk", "object_id", "fingerprint"
            )
            self.known = {(row[0], row[1]): Known(*row[2:]) for row in rows}
        return self.known.get((kind, str(wp_id)))

    def _remember(self, kind, wp_id, obj, fingerprint="", review=0, old_url="") -> None:
        """Record what the object became: one UPDATE, or one INSERT when new."""
        fields = {
            "content_type": ContentType.objects.get_for_model(
                obj, for_concrete_model=False
            ),
            "object_id": str(obj.pk),
            "fingerprint": fingerprint,
            "needs_review": review,
            "old_url": old_url[:500],
        }
        known = self._known(kind, wp_id)
        if known is not None:
            WpObject.objects.filter(pk=known.pk).update(**fields)
            self.known[(kind, str(wp_id))] = Known(known.pk, str(obj.pk), fingerprint)
            return
        wp = WpObject.objects.create(
            site=self.site, kind=kind, wp_id=str(wp_id), **fields
        )
        self.known[(kind, str(wp_id))] = Known(wp.pk, str(obj.pk), fingerprint)

    # --- the run -------------------------------------------------------------

    def run(self) -> Summary:
        self._pass_people_terms_images()
        if self.missing_media:
            self.summary.problems.append(
                f"{self.missing_media} images not imported: no media directory "
                "given (--media-dir, a copy of wp-content/uploads)"
            )
        self._pass_content()
        self._pass_urls()
        return self.summary

    def _pass_people_terms_images(self) -> None:
        pending_parents = {}
        done = 0
        for part in wxr.read(self.path):
            if isinstance(part, wxr.Site):
                self._site(part)
            elif isinstance(part, wxr.Author):
                self._guard(self._author, part, "authors", part.login)
            elif isinstance(part, wxr.Term) and part.kind == "category":
                self._guard(self._category, part, "categories", part.slug)
                if part.parent:
                    pending_parents[part.slug] = part.parent
            elif isinstance(part, wxr.Term):
                self._guard(self._tag, part, "tags", part.slug)
            elif isinstance(part, wxr.Item) and part.post_type == "attachment":
                self.attachment_parent[part.post_id] = part.parent
                self.attachment_links[part.post_id] = part.link
                self._guard(self._attachment, part, "images", part.post_id)
            done += 1
            self.progress("terms", done, 0)
        # The first pass read every item: the others know their total.
        self.total_items = done
        for slug, parent_slug in pending_parents.items():
            child, parent = self.categories.get(slug), self.categories.get(parent_slug)
            if child and parent and child.parent_id != parent.pk:
                Category.objects.filter(pk=child.pk).update(parent=parent)

    def _pass_content(self) -> None:
        pages: list[wxr.Item] = []
        done = 0
        for part in wxr.read(self.path):
            if isinstance(part, wxr.Site):
                self._site(part)
            if not isinstance(part, wxr.Item):
                continue
            if part.post_type == "post":
                self._guard(self._post, part, "posts", part.post_id)
            elif part.post_type == "page":
                pages.append(part)  # parents first: ordered below
            done += 1
            self.progress("content", done, self.total_items)
        by_id = {item.post_id: item for item in pages}

        def depth(item, seen=()):
            parent = by_id.get(item.parent)
            if parent is None or item.post_id in seen:
                return 0
            return 1 + depth(parent, (*seen, item.post_id))

        for item in sorted(pages, key=lambda i: (depth(i), i.menu_order, i.post_id)):
            self._guard(self._page, item, "pages", item.post_id)

    def _guard(self, function, part, kind: str, label) -> None:
        """One item in its own transaction: a bad one is reported and skipped."""
        try:
            with transaction.atomic():
                function(part)
        except Exception as error:  # noqa: BLE001  (reported, the rest imports)
            line = getattr(part, "line", 0)
            where = f" (line {line})" if line else ""
            self.summary.problems.append(f"{kind} {label}{where}: {error}")
            self.summary.add(kind, "skipped")

    def _site(self, site: wxr.Site) -> None:
        self.blog_url = (site.base_blog_url or site.link).rstrip("/")
        self.site = urlsplit(self.blog_url).netloc or self.blog_url or "wordpress"
        if self.parent is None:
            self.parent = BlogIndexPage.objects.first()

    # --- people, terms, images -----------------------------------------------

    def _author(self, data: wxr.Author) -> None:
        mapped = self.author_map.get(data.login)
        if mapped:
            author = Author.objects.filter(slug=mapped).first()
            if author is not None:
                self.authors[data.login] = author
                self.summary.add("authors", "skipped")
                return
        known = self._known("author", data.login)
        name = (
            data.display_name
            or f"{data.first_name} {data.last_name}".strip()
            or data.login
        )
        author = Author.objects.filter(pk=known.object_id).first() if known else None
        if author is not None:
            outcome = "skipped"
            if author.name != name:
                author.name = name
                author.save(update_fields=["name"])
                outcome = "updated"
        else:
            author = Author.objects.create(
                name=name[:150],
                slug=_unique_slug(
                    Author, slugify(name) or slugify(data.login) or "autor"
                ),
                bio=f"<p>{data.description}</p>" if data.description else "",
            )
            outcome = "created"
        self._remember("author", data.login, author)
        self.authors[data.login] = author
        self.summary.add("authors", outcome)

    def _category(self, data: wxr.Term) -> None:
        known = self._known("category", data.slug)
        category = (
            Category.objects.filter(pk=known.object_id).first() if known else None
        )
        if category is None:
            category = Category.objects.filter(slug=slugify(data.slug)[:100]).first()
        outcome = "skipped"
        if category is None:
            category = Category.objects.create(
                name=data.name[:100] or data.slug,
                slug=_unique_slug(Category, slugify(data.slug) or "thema"),
                description=_plain(data.description)[:500],
            )
            outcome = "created"
        self._remember("category", data.slug, category)
        self.categories[data.slug] = category
        self.summary.add("categories", outcome)

    def _tag(self, data: wxr.Term) -> None:
        tag, created = Tag.objects.get_or_create(
            name=data.name[:100] or data.slug,
            defaults={"slug": _unique_slug(Tag, slugify(data.slug) or "tag")},
        )
        self._remember("tag", data.slug, tag)
        self.summary.add("tags", "created" if created else "skipped")

    def _attachment(self, item: wxr.Item) -> None:
        url_path = urlsplit(item.attachment_url or item.guid).path
        known = self._known("attachment", item.post_id)
        if known and Image.objects.filter(pk=known.object_id).exists():
            self._image_known(item, known.object_id, url_path)
            self.summary.add("images", "skipped")
            return
        source = self._media_file(url_path)
        if source is None and self.media_dir is None:
            self.summary.add("images", "skipped")
            self.missing_media += 1
            return
        if source is None:
            self.summary.add("images", "skipped")
            self.summary.problems.append(
                f"image {item.post_id} ({item.attachment_url}): no file in the "
                "media directory"
            )
            return
        if source.suffix.lower() not in (
            ".jpg",
            ".jpeg",
            ".png",
            ".gif",
            ".webp",
            ".avif",
        ):
            self.summary.add("images", "skipped")
            return
        credit = CREDIT.search(item.meta.get("_wp_attachment_metadata", "") or "")
        with source.open("rb") as handle:
            image = Image(
                title=(item.title or source.stem)[:255],
                description=item.meta.get("_wp_attachment_image_alt", "")[:255],
                credit_line=(credit.group(1) if credit else "")[:255],
            )
            image.file.save(source.name, File(handle), save=False)
            image.save()
        self._remember("attachment", item.post_id, image, old_url=url_path)
        self._image_known(item, image.pk, url_path)
        self.summary.add("images", "created")

    def _image_known(self, item: wxr.Item, image_id, url_path: str) -> None:
        self.images[str(item.post_id)] = int(image_id)
        if url_path:
            self.images[url_path] = int(image_id)

    def _media_file(self, url_path: str) -> Path | None:
        if not self.media_dir or not url_path:
            return None
        # wp-content/uploads/2013/03/x.jpg, or (WordPress.com) /2013/03/x.jpg
        relative = url_path.split("/uploads/", 1)[-1].lstrip("/")
        candidate = (self.media_dir / relative).resolve()
        if self.media_dir.resolve() not in candidate.parents or not candidate.is_file():
            return None
        return candidate

    def image_for(self, key) -> int | None:
        if isinstance(key, int) or str(key).isdigit():
            return self.images.get(str(key))
        path = urlsplit(str(key)).path
        # WordPress's resized copies: photo-300x200.jpg is photo.jpg
        return self.images.get(path) or self.images.get(
            re.sub(r"-\d+x\d+(\.\w+)$", r"\1", path)
        )

    def link_for(self, url: str) -> int | None:
        """The page an old-site link leads to, if it is imported already (later
        ones are rewritten after the run, `_rewrite_links`)."""
        if not self.blog_url or not url.startswith(self.blog_url):
            return None
        path = _old_path(url, self.blog_url)
        return self.old_urls.get(path) or self.old_urls.get(
            Redirect.normalise_path(path)
        )

    # --- posts and pages -----------------------------------------------------

    def _fingerprint(self, item: wxr.Item) -> str:
        raw = json.dumps(
            [
                item.title,
                item.slug,
                item.status,
                item.content,
                item.excerpt,
                item.date_gmt,
                item.modified_gmt,
                item.terms,
                sorted(item.meta.items()),
                item.parent,
                item.menu_order,
            ],
            sort_keys=True,
        )
        return hashlib.sha256(raw.encode()).hexdigest()

    def _post(self, item: wxr.Item) -> None:
        if item.status in ("trash", "auto-draft", "inherit"):
            self.summary.add("posts", "skipped")
            return
        page_id = self._content_page(item, ArticlePage, self.parent, "posts")
        self._comments(item, page_id)

    def _page(self, item: wxr.Item) -> None:
        if item.status in ("trash", "auto-draft", "inherit"):
            self.summary.add("pages", "skipped")
            return
        parent_id = self.pages.get(item.parent)
        parent = (
            Page.objects.get(pk=parent_id).specific
            if parent_id
            else HomePage.objects.first()
        )
        if not isinstance(parent, HomePage | StandardPage):
            parent = HomePage.objects.first()
        page_id = self._content_page(item, StandardPage, parent, "pages")
        self._comments(item, page_id)

    def _content_page(self, item: wxr.Item, model, parent, kind: str):
        fingerprint = self._fingerprint(item)
        known = self._known(kind[:-1], item.post_id)
        if known is not None and known.fingerprint == fingerprint:
            page_id = int(known.object_id)
            self.pages[item.post_id] = page_id
            self._remember_url(item, page_id)
            self.summary.add(kind, "skipped")
            return page_id
        page = Page.objects.filter(pk=known.object_id).first() if known else None
        page = page.specific if page is not None else None
        converter = Converter(self.image_for, self.link_for)
        blocks, review = converter.blocks(item.content)
        # Stored form: the blocks' values are ids and strings, as in the database.
        body = [{"type": kind, "value": value} for kind, value in blocks]
        title = _plain(item.title) or f"(ohne Titel {item.post_id})"
        fields = {
            "title": title[:255],
            "seo_title": (
                item.meta.get("_yoast_wpseo_title")
                or item.meta.get("rank_math_title")
                or ""
            )[:255],
            "search_description": item.meta.get("_yoast_wpseo_metadesc")
            or item.meta.get("rank_math_description")
            or "",
            "body": body,
        }
        fields["seo_title"] = _no_placeholders(fields["seo_title"])
        fields["search_description"] = _no_placeholders(fields["search_description"])
        if model is ArticlePage:
            lead = (
                _plain(item.excerpt) or _first_words(_plain(item.content), 40) or title
            )
            fields["lead"] = lead
            fields["publication_date"] = _date(item.date_gmt, item.date).date()
            fields["comments_open"] = True
        else:
            fields["intro"] = _plain(item.excerpt)[:300]
        created = page is None
        if created:
            page = model(
                slug=_sibling_slug(
                    parent, item.slug or slugify(title) or str(item.post_id)
                ),
                live=False,
                **fields,
            )
            page.first_published_at = _date(item.date_gmt, item.date)
            parent.add_child(instance=page)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
        if model is ArticlePage:
            self._article_relations(page, item)
        self._status(page, item, created=created)
        page.last_published_at = _date(item.modified_gmt, "") or page.first_published_at
        Page.objects.filter(pk=page.pk).update(
            first_published_at=_date(item.date_gmt, item.date),
            last_published_at=page.last_published_at,
        )
        self.pages[item.post_id] = page.pk
        self._remember(
            kind[:-1], item.post_id, page, fingerprint, review, old_url=item.link
        )
        self._remember_url(item, page.pk)
        self.summary.add(kind, "created" if created else "updated")
        if review:
            self.summary.add(kind, "review")
        return page.pk

    def _article_relations(self, page: ArticlePage, item: wxr.Item) -> None:
        author = self.authors.get(
            self.author_map.get(item.creator, item.creator)
        ) or self.authors.get(item.creator)
        if author is None:
            author = next(iter(self.authors.values()), None)
        if author is not None:
            page.article_authors = [ArticleAuthor(author=author, sort_order=0)]
        page.categories = [
            self.categories[slug]
            for domain, slug, _n in item.terms
            if domain == "category" and slug in self.categories
        ]
        names = [
            name for domain, _slug, name in item.terms if domain == "post_tag" and name
        ]
        page.tags.set(names)
        thumbnail = item.meta.get("_thumbnail_id")
        if thumbnail and self.images.get(str(thumbnail)):
            page.hero_image_id = self.images[str(thumbnail)]

    def _status(self, page: Page, item: wxr.Item, *, created: bool = False) -> None:
        """publish, future, draft, pending, private, password."""
        when = _date(item.date_gmt, item.date)
        if item.status == "future" and when > timezone.now():
            page.go_live_at = when
            page.save_revision(user=self.user).publish()  # scheduled, not live
        elif item.status in ("publish", "private", "future"):
            page.go_live_at = None
            page.save_revision(user=self.user, log_action=False).publish(
                log_action=False
            )
        elif item.status == "pending":
            page.save_revision(user=self.user)
            workflow = page.get_workflow()
            if workflow is not None and not page.workflow_in_progress:
                workflow.start(page, self.user)
        else:  # draft
            page.save_revision(user=self.user)
        restrictions = PageViewRestriction.objects.filter(page=page)
        if item.status == "private":
            if not restrictions.exists():
                restriction = PageViewRestriction.objects.create(
                    page=page, restriction_type=PageViewRestriction.GROUPS
                )
                from django.contrib.auth.models import Group

                restriction.groups.set(
                    Group.objects.filter(name__in=["Editors", "Moderators"])
                )
        elif item.password:
            restrictions.delete()
            PageViewRestriction.objects.create(
                page=page,
                restriction_type=PageViewRestriction.PASSWORD,
                password=item.password[:255],
            )
        elif not created:
            restrictions.delete()

    # --- comments ------------------------------------------------------------

    def _comments(self, item: wxr.Item, page_id: int) -> None:
        """The item's comments in a few queries however many: the known ones
        looked up together, the new ones written together, then their threads."""
        if not item.comments:
            return
        known = {
            wp.wp_id: wp
            for wp in WpObject.objects.filter(
                site=self.site,
                kind="comment",
                wp_id__in=[str(c.comment_id) for c in item.comments],
            )
        }
        existing = Comment.objects.in_bulk([int(wp.object_id) for wp in known.values()])
        made: dict[int, Comment] = {}
        new: list[tuple[int, Comment]] = []
        for data in sorted(item.comments, key=lambda c: c.comment_id):
            if data.approved == "trash":
                self.summary.add("comments", "skipped")
                continue
            if data.kind in ("pingback", "trackback"):
                self._mention(data, page_id)
                continue
            status = {"1": Comment.Status.APPROVED, "spam": Comment.Status.SPAM}.get(
                data.approved, Comment.Status.PENDING
            )
            wp = known.get(str(data.comment_id))
            comment = existing.get(int(wp.object_id)) if wp else None
            if comment is not None:
                if comment.status != status:
                    Comment.objects.filter(pk=comment.pk).update(status=status)
                    self.summary.add("comments", "updated")
                else:
                    self.summary.add("comments", "skipped")
                made[data.comment_id] = comment
                continue
            text = _plain(data.content.replace("</p>", "\n\n").replace("<br", "\n<br"))
            written = _date(data.date_gmt, data.date)
            comment = Comment(
                page_id=page_id,
                name=(data.author or "Anonym")[:80],
                email=data.email[:254] if "@" in data.email else "",
                website=data.url[:200]
                if data.url.startswith(("http://", "https://"))
                else "",
                text=text,
                html=comment_html(text),
                status=status,
                ip_address=data.ip or None,
                created_at=written,
                approved_at=written if status == Comment.Status.APPROVED else None,
            )
            new.append((data.comment_id, comment))
            made[data.comment_id] = comment
        if new:
            Comment.objects.bulk_create([comment for _id, comment in new])
            comment_type = ContentType.objects.get_for_model(Comment)
            WpObject.objects.bulk_create(
                [
                    WpObject(
                        site=self.site,
                        kind="comment",
                        wp_id=str(wp_id),
                        content_type=comment_type,
                        object_id=str(comment.pk),
                    )
                    for wp_id, comment in new
                ]
            )
            self.summary.add("comments", "created", len(new))
        threaded = []
        for data in item.comments:
            child, parent = made.get(data.comment_id), made.get(data.parent)
            if data.parent and child and parent and child.parent_id != parent.pk:
                child.parent = parent
                threaded.append(child)
        if threaded:
            Comment.objects.bulk_update(threaded, ["parent"])

    def _mention(self, data: wxr.Comment, page_id: int) -> None:
        if self._known("mention", data.comment_id):
            self.summary.add("mentions", "skipped")
            return
        approved = data.approved == "1"
        mention = Mention.objects.create(
            page_id=page_id,
            kind=Mention.Kind.PINGBACK,
            source=(data.url or "https://invalid.example/")[:500],
            target=(self.blog_url + "/")[:500],
            status=Mention.Status.APPROVED if approved else Mention.Status.REJECTED,
            title=_plain(data.author)[:255],
            author_name=_plain(data.author)[:150],
            excerpt=_plain(data.content)[:2000],
            published=_date(data.date_gmt, data.date),
            received_at=_date(data.date_gmt, data.date),
            verified_at=_date(data.date_gmt, data.date) if approved else None,
        )
        self._remember("mention", data.comment_id, mention)
        self.summary.add("mentions", "created")

    # --- URLs ----------------------------------------------------------------

    def _remember_url(self, item: wxr.Item, page_id: int) -> None:
        for url in (item.link, item.guid):
            path = _old_path(url, self.blog_url)
            if path:
                self.old_urls[path] = page_id
        self.old_urls[f"/?p={item.post_id}"] = page_id
        self.old_urls[f"/?page_id={item.post_id}"] = page_id
        if item.post_type == "post" and item.slug:
            # /%postname%/, the other common permalink structure: links made
            # before a change of structure keep working (a redirect acts only
            # where no page answers).
            self.old_urls.setdefault(f"/{item.slug}/", page_id)

    def _pass_urls(self) -> None:
        for attachment, post in self.attachment_parent.items():
            page = self.pages.get(post)
            path = _old_path(self.attachment_links.get(attachment, ""), self.blog_url)
            if page and path:
                self.old_urls[path] = page
            if page:
                self.old_urls[f"/?attachment_id={attachment}"] = page
        self._redirects_bulk(self.old_urls)
        index = self.parent
        if index is not None:
            index_url = index.url or "/"
            for slug, category in self.categories.items():
                self._redirect(
                    f"/category/{slug}/",
                    link=index_url + BlogIndexPage.archive_path("topic", category.slug),
                )
            for wp in WpObject.objects.filter(site=self.site, kind="tag"):
                tag = wp.target
                if tag is not None:
                    self._redirect(
                        f"/tag/{wp.wp_id}/",
                        link=index_url + BlogIndexPage.archive_path("tag", tag.slug),
                    )
        self._rewrite_links()

    def _redirects_bulk(self, targets: dict[str, int]) -> None:
        """The old addresses of pages: read and written in batches (an export of
        10,000 posts has 40,000 of them)."""
        wanted = {}
        for path, page_id in targets.items():
            old = Redirect.normalise_path(path)
            if old and old != "/":
                wanted[old] = page_id
        paths = list(wanted)
        for start in range(0, len(paths), 500):
            batch = paths[start : start + 500]
            existing = {
                r.old_path: r
                for r in Redirect.objects.filter(old_path__in=batch, site=None)
            }
            create, stale = [], []
            for old in batch:
                found = existing.get(old)
                if found is not None and found.redirect_page_id == wanted[old]:
                    self.summary.add("redirects", "skipped")
                    continue
                if found is not None:
                    stale.append(found.pk)
                    self.summary.add("redirects", "updated")
                else:
                    self.summary.add("redirects", "created")
                create.append(
                    Redirect(
                        old_path=old,
                        site=None,
                        is_permanent=True,
                        redirect_page_id=wanted[old],
                    )
                )
            Redirect.objects.filter(pk__in=stale).delete()
            Redirect.objects.bulk_create(create)

    def _redirect(
        self, path: str, *, page_id: int | None = None, link: str = ""
    ) -> None:
        old = Redirect.normalise_path(path)
        if not old or old == "/":
            return
        existing = Redirect.objects.filter(old_path=old, site=None).first()
        if existing is not None:
            if existing.redirect_page_id == page_id and (
                page_id or existing.redirect_link == link
            ):
                self.summary.add("redirects", "skipped")
                return
            existing.delete()
            outcome = "updated"
        else:
            outcome = "created"
        Redirect.objects.create(
            old_path=old,
            site=None,
            is_permanent=True,
            redirect_page_id=page_id,
            redirect_link=link if not page_id else "",
        )
        self.summary.add("redirects", outcome)

    def _rewrite_links(self) -> None:
        """Links in imported bodies that point at the old site now name the new
        page (Wagtail's page link), or the image's file."""
        if not self.blog_url:
            return
        pattern = re.compile(r'href="(' + re.escape(self.blog_url) + r'[^"]*)"')
        page_ids = list(self.pages.values())
        with_links = []
        for model in (ArticlePage, StandardPage):
            with_links += list(
                model.objects.filter(pk__in=page_ids)
                .annotate(body_text=Cast("body", TextField()))
                .filter(body_text__contains=urlsplit(self.blog_url).netloc)
                .values_list("pk", flat=True)
            )
        for start in range(0, len(with_links), 200):
            for page in Page.objects.filter(
                pk__in=with_links[start : start + 200]
            ).specific():
                self._rewrite_page(page, pattern)

    def _rewrite_page(self, page, pattern) -> None:
        """Links to the old site in one page's text now name the new page
        (Wagtail's page link), or the image's file; a new revision, published
        if the page is live."""

        def replace(match):
            target = self.old_urls.get(
                Redirect.normalise_path(_old_path(match.group(1), self.blog_url))
            )
            target = target or self.old_urls.get(
                _old_path(match.group(1), self.blog_url)
            )
            if target:
                return f'linktype="page" id="{target}"'
            image = self.image_for(match.group(1))
            if image:
                return f'href="{Image.objects.get(pk=image).file.url}"'
            return match.group(0)

        changed = False
        blocks = page.body.raw_data
        for block in blocks:
            if block.get("type") == "paragraph_block" and isinstance(
                block.get("value"), str
            ):
                new = pattern.sub(replace, block["value"])
                if new != block["value"]:
                    block["value"] = new
                    changed = True
        if changed:
            page.body = blocks
            revision = page.save_revision(user=self.user, log_action=False)
            if page.live:
                revision.publish(log_action=False)


def import_wordpress(path, **options) -> Summary:
    return Importer(path, **options).run()


# --- helpers ----------------------------------------------------------------------


def _date(gmt: str, local: str) -> datetime | None:
    for value, aware in ((gmt, True), (local, False)):
        if value and not value.startswith("0000"):
            try:
                moment = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
            except ValueError:
                continue
            if aware:
                return moment.replace(tzinfo=UTC)
            return timezone.make_aware(moment)
    return timezone.now()


def _old_path(url: str, blog_url: str) -> str:
    if not url:
        return ""
    parts = urlsplit(url)
    base = urlsplit(blog_url)
    if parts.netloc and base.netloc and parts.netloc != base.netloc:
        return ""
    path = parts.path or "/"
    return path + (f"?{parts.query}" if parts.query else "")


def _unique_slug(model, slug: str) -> str:
    slug = slug[:90] or "eintrag"
    candidate, number = slug, 2
    while model.objects.filter(slug=candidate).exists():
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def _sibling_slug(parent: Page, slug: str) -> str:
    slug = slugify(slug, allow_unicode=False)[:200] or "seite"
    candidate, number = slug, 2
    while Page.objects.child_of(parent).filter(slug=candidate).exists():
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def _first_words(text: str, count: int) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _no_placeholders(text: str) -> str:
    """Yoast and Rank Math store templates (%%title%% %%sep%%): not a title."""
    return "" if "%%" in text or "%title%" in text else text.strip()
