"""The move from WordPress, on WordPress's own theme unit test data (used in place)
and on a small German export of our own (Gutenberg and classic posts, a table,
nested comments, spam, a pingback, every status, pages with a child)."""

import io
import os
from pathlib import Path

import pytest
from defusedxml import ElementTree as ET
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from blog.models import ArticlePage, Author
from comments.models import Comment, Mention
from home.models import StandardPage
from taxonomy.models import Category
from wpimport.importer import import_wordpress
from wpimport.models import WpObject

pytestmark = pytest.mark.django_db


def _theme_data() -> Path:
    """WordPress's theme unit test data, used in place: beside the repository
    (../shared/data), or where WORDPRESS_TEST_DATA says, or this machine's."""
    name = Path("data") / "wordpress" / "themeunittestdata.wordpress.xml"
    candidates = [
        Path(os.environ.get("WORDPRESS_TEST_DATA", "/nonexistent")),
        Path(__file__).resolve().parents[3] / "shared" / name,
        Path("/work/shared") / name,
    ]
    return next((c for c in candidates if c.is_file()), candidates[1])


THEME = _theme_data()
needs_theme = pytest.mark.skipif(
    not THEME.is_file(), reason=f"WordPress's theme unit test data not found ({THEME})"
)
OWN = Path(__file__).parent / "data" / "kompass.xml"
WP = "{https://wordpress.org/export/1.2/}"


def _file_counts() -> dict:
    """What the theme file holds, read with the standard library (not ours)."""
    root = ET.parse(THEME).getroot()
    items = root.find("channel").findall("item")
    types = [item.findtext(f"{WP}post_type") for item in items]
    comments = [c for item in items for c in item.findall(f"{WP}comment")]
    return {
        "posts": types.count("post"),
        "pages": types.count("page"),
        "comments": sum(
            1
            for c in comments
            if c.findtext(f"{WP}comment_type") not in ("pingback", "trackback")
        ),
        "mentions": sum(
            1
            for c in comments
            if c.findtext(f"{WP}comment_type") in ("pingback", "trackback")
        ),
        "authors": len(root.find("channel").findall(f"{WP}author")),
    }


@needs_theme
def test_theme_unit_data_imports_completely_and_once(blog_index, client):
    expected = _file_counts()
    summary = import_wordpress(THEME, parent=blog_index)
    assert summary.counts["posts"]["created"] == expected["posts"] == 58
    assert summary.counts["pages"]["created"] == expected["pages"] == 21
    assert summary.counts["comments"]["created"] == expected["comments"]
    assert summary.counts["mentions"]["created"] == expected["mentions"]
    assert summary.counts["authors"]["created"] == expected["authors"]
    assert WpObject.objects.filter(kind="post").count() == 58
    pages_before = Page.objects.count()
    comments_before = Comment.objects.count()

    again = import_wordpress(THEME, parent=blog_index)
    for kind in (
        "posts",
        "pages",
        "comments",
        "mentions",
        "authors",
        "categories",
        "tags",
        "redirects",
    ):
        assert again.counts[kind]["created"] == 0, kind
    assert Page.objects.count() == pages_before
    assert Comment.objects.count() == comments_before

    # every imported live page renders
    ids = WpObject.objects.filter(kind__in=["post", "page"]).values_list(
        "object_id", flat=True
    )
    for page in Page.objects.filter(pk__in=[int(i) for i in ids], live=True).specific():
        response = client.get(page.url)
        assert response.status_code == 200, (page.title, response.status_code)
    # 68 imported categories: the header names at most eight top-level topics
    home = client.get("/").content.decode()
    topics = home.split('class="site-nav__topics"')[1].split("</ul>")[0]
    assert 1 <= topics.count("/themen/") <= 8
    # the draft and the scheduled post (2030) are not public
    not_live = ArticlePage.objects.filter(pk__in=[int(i) for i in ids], live=False)
    assert sorted(not_live.values_list("title", flat=True)) == ["Draft", "Scheduled"]
    for page in not_live:
        assert client.get(f"/{blog_index.slug}/{page.slug}/").status_code == 404


@needs_theme
def test_theme_unit_data_old_urls_redirect(blog_index, client):
    import_wordpress(THEME, parent=blog_index)
    post = WpObject.objects.get(
        kind="post", old_url__contains="markup-html-tags-and-formatting"
    )
    page = Page.objects.get(pk=int(post.object_id))
    response = client.get("/2013/01/11/markup-html-tags-and-formatting/")
    assert response.status_code == 301 and response["Location"].endswith(page.url)
    response = client.get("/", {"p": post.wp_id})
    assert response.status_code == 301 and response["Location"].endswith(page.url)
    response = client.get("/category/markup/")
    assert response.status_code == 301 and "/themen/markup/" in response["Location"]


def _media(tmp_path) -> Path:
    folder = tmp_path / "uploads" / "2024" / "03"
    folder.mkdir(parents=True)
    buffer = io.BytesIO()
    PILImage.new("RGB", (600, 400), (120, 90, 40)).save(buffer, "PNG")
    (folder / "schreibtisch.png").write_bytes(buffer.getvalue())
    return tmp_path / "uploads"


def test_own_german_export(blog_index, client, tmp_path, home_page):
    summary = import_wordpress(OWN, parent=blog_index, media_dir=_media(tmp_path))
    assert not summary.problems, summary.problems
    article = ArticlePage.objects.get(slug="lebenslauf-ohne-luecken")
    kinds = [block.block_type for block in article.body]
    assert kinds[:4] == [
        "heading_block",
        "paragraph_block",
        "paragraph_block",
        "quote_block",
    ]
    assert {
        "image_block",
        "table_block",
        "code_block",
        "embed_block",
        "review_block",
    } <= set(kinds)
    assert article.lead == "Wie Sie Pausen im Lebenslauf erklären."
    assert article.seo_title == "Lücken im Lebenslauf erklären"
    assert article.search_description.startswith("So erklären Sie")
    assert (
        article.hero_image.description == "Schreibtisch mit Lebenslauf und Kaffeetasse"
    )
    assert article.hero_image.credit_line == "Jana Winter"
    assert article.authors[0].name == "Ingrid Falk"
    assert [c.slug for c in article.categories.all()] == ["bewerben"]
    assert Category.objects.get(slug="bewerben").parent.slug == "karriere"
    assert [t.name for t in article.tags.all()] == ["Lebenslauf"]
    assert str(article.publication_date) == "2024-03-02"
    # the link to the old "about us" page now names the new page
    about = StandardPage.objects.get(slug="ueber-uns")
    text = "".join(
        str(b.value) for b in article.body if b.block_type == "paragraph_block"
    )
    assert about.url in text and "altbau.example" not in text
    review = WpObject.objects.get(kind="post", wp_id="10")
    assert review.needs_review == 1

    classic = ArticlePage.objects.get(slug="anschreiben-klassisch")
    kinds = [block.block_type for block in classic.body]
    assert kinds[0] == "paragraph_block" and "heading_block" in kinds
    assert "<br/>" in str(classic.body[0].value) or "<br>" in str(classic.body[0].value)
    images = [b for b in classic.body if b.block_type == "image_block"]
    assert images and images[0].value["caption"] == "Der Arbeitsplatz"
    reviews = [b for b in classic.body if b.block_type == "review_block"]
    assert reviews and "contact-form-7" in reviews[0].value["original"]
    assert "table_block" in kinds

    # comments: threaded, spam kept but never shown, e-mail kept but not shown
    comments = Comment.objects.filter(page=article)
    assert comments.count() == 4
    reply = comments.get(text="Gern geschehen!")
    assert reply.parent.name == "Tom Berger"
    assert comments.get(text__startswith="Noch eine Frage").parent == reply
    assert comments.get(name="Billig Uhren").status == Comment.Status.SPAM
    html = client.get(article.url).content.decode()
    assert "Danke, das hilft mir sehr." in html and "Billig Uhren" not in html
    assert "tom@leser.example" not in html
    mention = Mention.objects.get(page=article)
    assert mention.source == "https://personalblog.example/luecken/"

    # statuses
    assert not ArticlePage.objects.get(title__startswith="Entwurf").live
    private = ArticlePage.objects.get(slug="redaktionsplan")
    assert private.get_view_restrictions().exists()
    assert client.get(private.url).status_code in (302, 403, 404)
    pending = ArticlePage.objects.get(slug="kuendigung")
    assert not pending.live and pending.workflow_in_progress
    future = ArticlePage.objects.get(slug="arbeitszeugnis")
    assert not future.live and future.go_live_at.year == 2030

    # pages keep their hierarchy; old URLs redirect
    team = StandardPage.objects.get(slug="team")
    assert team.get_parent().specific == about
    assert about.get_parent().specific == home_page
    assert client.get("/ueber-uns/team/").status_code in (200, 301)
    response = client.get("/2024/03/lebenslauf-ohne-luecken/")
    assert response.status_code == 301 and response["Location"].endswith(article.url)
    response = client.get("/lebenslauf-ohne-luecken/")  # /%postname%/
    assert response.status_code == 301 and response["Location"].endswith(article.url)
    response = client.get("/2024/03/lebenslauf-ohne-luecken/schreibtisch/")
    assert response.status_code == 301 and response["Location"].endswith(article.url)
    assert client.get("/", {"page_id": 30}).status_code == 301
    assert Redirect.objects.filter(old_path="/tag/lebenslauf").exists()
    assert Author.objects.filter(name="Ingrid Falk").count() == 1


def test_changed_post_is_updated_not_duplicated(blog_index, tmp_path):
    import_wordpress(OWN, parent=blog_index)
    changed = tmp_path / "changed.xml"
    changed.write_text(
        OWN.read_text().replace("Drei Menschen, ein Blog.", "Vier Menschen, ein Blog."),
        encoding="utf-8",
    )
    summary = import_wordpress(changed, parent=blog_index)
    assert summary.counts["pages"]["updated"] == 1
    assert summary.counts["pages"]["created"] == 0
    # a comment written since the first export comes in on an unchanged post
    later = tmp_path / "later.xml"
    comment = (
        "<wp:comment><wp:comment_id>105</wp:comment_id><wp:comment_author>Neu"
        "</wp:comment_author><wp:comment_author_email></wp:comment_author_email>"
        "<wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP>"
        "</wp:comment_author_IP><wp:comment_date>2024-05-01 10:00:00"
        "</wp:comment_date><wp:comment_date_gmt>2024-05-01 08:00:00"
        "</wp:comment_date_gmt><wp:comment_content>Später geschrieben."
        "</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
        "<wp:comment_type></wp:comment_type><wp:comment_parent>100"
        "</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id>"
        "</wp:comment>"
    )
    later.write_text(
        changed.read_text().replace(
            "<wp:comment><wp:comment_id>100",
            comment + "<wp:comment><wp:comment_id>100",
            1,
        ),
        encoding="utf-8",
    )
    summary = import_wordpress(later, parent=blog_index)
    assert summary.counts["comments"]["created"] == 1
    assert summary.counts["posts"]["created"] == 0
    newest = Comment.objects.get(text="Später geschrieben.")
    assert newest.parent.name == "Tom Berger"
    team = StandardPage.objects.get(slug="team")
    assert "Vier Menschen" in str(team.body[0].value)


def test_entity_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
        "<rss><channel><title>&lol2;</title></channel></rss>\n"
    )
    with pytest.raises(CommandError, match="DTD or entities"):
        call_command("import_wordpress", str(bomb))


def test_malformed_file_names_the_line(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(OWN.read_text().replace("</wp:tag>", "", 1))
    with pytest.raises(CommandError, match=r"line \d+"):
        call_command("import_wordpress", str(broken))


def test_dry_run_changes_nothing(blog_index):
    out = io.StringIO()
    call_command("import_wordpress", str(OWN), "--dry-run", stdout=out)
    assert "Probelauf" in out.getvalue()
    assert not WpObject.objects.exists()
    assert not ArticlePage.objects.filter(slug="lebenslauf-ohne-luecken").exists()


def test_staff_upload_an_export_and_watch_the_worker(
    admin_client, blog_index, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = admin_client.get("/admin/wordpress-import/")
    assert page.status_code == 200
    upload = SimpleUploadedFile("altbau.xml", OWN.read_bytes(), "text/xml")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/wordpress-import/", {"export": upload, "parent": blog_index.pk}
        )
    assert response.status_code == 302
    run = admin_client.get(response["Location"]).content.decode()
    assert "fertig" in run or "done" in run
    assert "Artikel" in run
    assert ArticlePage.objects.filter(slug="lebenslauf-ohne-luecken").exists()
    listing = admin_client.get("/admin/wordpress-import/").content.decode()
    # the Gutenberg post (a plugin's layout block) and the classic one (a form
    # shortcode) hold content to review
    assert "Lebenslauf ohne Lücken" in listing and "Das Anschreiben" in listing
    article = ArticlePage.objects.get(slug="lebenslauf-ohne-luecken")
    article.body = [
        (b.block_type, b.value) for b in article.body if b.block_type != "review_block"
    ]
    article.save_revision().publish()
    article.refresh_from_db()
    listing = admin_client.get("/admin/wordpress-import/").content.decode()
    assert "Lebenslauf ohne Lücken" not in listing.split("<h2>")[1]


def test_upload_of_something_else_is_refused(admin_client, blog_index):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("bild.png", b"\x89PNG....", "image/png")
    response = admin_client.post("/admin/wordpress-import/", {"export": upload})
    assert response.status_code == 400
    assert ".xml" in response.content.decode()


def test_a_run_that_failed_halfway_is_simply_run_again(
    blog_index, admin_user, tmp_path
):
    from django.core.files.base import ContentFile

    from wpimport.models import ImportRun
    from wpimport.runs import run_execute

    text = OWN.read_text()
    cut = text.index("<title>Über uns</title>")
    broken = ImportRun.objects.create(started_by=admin_user, parent=blog_index)
    broken.export.save("halb.xml", ContentFile(text[:cut] + "<kaputt"), save=True)
    assert run_execute(broken.pk) == ImportRun.Status.FAILED
    broken.refresh_from_db()
    assert "line" in broken.problems[0]
    # what came before the fault stayed (the author); no article was reached
    assert Author.objects.filter(name="Ingrid Falk").count() == 1
    assert not ArticlePage.objects.filter(slug="lebenslauf-ohne-luecken").exists()

    whole = ImportRun.objects.create(started_by=admin_user, parent=blog_index)
    whole.export.save("ganz.xml", ContentFile(text), save=True)
    assert run_execute(whole.pk) == ImportRun.Status.DONE
    assert ArticlePage.objects.filter(slug="lebenslauf-ohne-luecken").count() == 1
    assert StandardPage.objects.filter(slug="team").count() == 1
    assert Comment.objects.filter(text="Danke, das hilft mir sehr.").count() == 1
    assert Author.objects.filter(name="Ingrid Falk").count() == 1  # not twice
    assert Category.objects.filter(slug="bewerben").count() == 1
