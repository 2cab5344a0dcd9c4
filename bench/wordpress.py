"""WordPress import figures (run by `bench/run.py`; prints one JSON object):
an export of BENCH_WP_POSTS posts (10,000; 1,000 for QUICK=1) with ten comments
each, generated here (Gutenberg bodies with headings, paragraphs, a list, a
quote and a table; threaded comments), imported into the bench database by
`wpimport.importer.import_wordpress`: total time, items per second, and the
process's peak memory (which must not grow with the file)."""

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


POSTS = int(os.environ.get("BENCH_WP_POSTS", "10000"))
COMMENTS = 10

BODY = (
    "<!-- wp:heading --><h2>Abschnitt {n}</h2><!-- /wp:heading -->"
    "<!-- wp:paragraph --><p>Ein Absatz über Bewerbung und Gehalt, Nummer {n}, "
    "mit <strong>betontem</strong> Text und einem "
    '<a href="https://{host}/beitrag-{m}/">Link</a>.</p><!-- /wp:paragraph -->'
    "<!-- wp:list --><ul><li>Erstens</li><li>Zweitens</li></ul><!-- /wp:list -->"
    "<!-- wp:quote --><blockquote><p>Ein Zitat.</p><cite>Jemand</cite>"
    "</blockquote><!-- /wp:quote -->"
    "<!-- wp:table --><figure><table><tr><td>A</td><td>B</td></tr></table>"
    "</figure><!-- /wp:table -->"
)


def export(path: Path, host: str = "alt.example") -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            f"<title>Messblog</title><link>https://{host}</link>"
            "<wp:wxr_version>1.2</wp:wxr_version>"
            f"<wp:base_blog_url>https://{host}</wp:base_blog_url>\n"
            "<wp:author><wp:author_login>mess</wp:author_login><wp:author_email>"
            "mess@alt.example</wp:author_email><wp:author_display_name>Mess Autorin"
            "</wp:author_display_name></wp:author>\n"
            "<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>messung"
            "</wp:category_nicename><wp:cat_name>Messung</wp:cat_name></wp:category>\n"
        )
        comment_id = 1
        for n in range(1, POSTS + 1):
            out.write(
                f"<item><title>Beitrag {n}</title>"
                f"<link>https://{host}/beitrag-{n}/</link>"
                f'<guid isPermaLink="false">https://{host}/?p={n}</guid>'
                "<dc:creator>mess</dc:creator>"
                "<content:encoded><![CDATA["
                + BODY.format(n=n, m=max(1, n - 1), host=host)
                + "]]>"
                "</content:encoded><excerpt:encoded><![CDATA[Der Vorspann.]]>"
                f"</excerpt:encoded><wp:post_id>{n}</wp:post_id>"
                "<wp:post_date>2020-01-01 10:00:00</wp:post_date>"
                "<wp:post_date_gmt>2020-01-01 09:00:00</wp:post_date_gmt>"
                f"<wp:post_name>beitrag-{n}</wp:post_name><wp:status>publish"
                "</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0"
                "</wp:menu_order><wp:post_type>post</wp:post_type>"
                '<category domain="category" nicename="messung">Messung</category>'
            )
            first = comment_id
            for c in range(COMMENTS):
                parent = first if c else 0
                out.write(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author>Leser {c}</wp:comment_author>"
                    f"<wp:comment_author_email>leser{c}@x.example"
                    "</wp:comment_author_email><wp:comment_author_url>"
                    "</wp:comment_author_url><wp:comment_author_IP>192.0.2.1"
                    "</wp:comment_author_IP><wp:comment_date>2020-01-02 10:00:00"
                    "</wp:comment_date><wp:comment_date_gmt>2020-01-02 09:00:00"
                    "</wp:comment_date_gmt><wp:comment_content>Ein Kommentar."
                    "</wp:comment_content><wp:comment_approved>1"
                    "</wp:comment_approved><wp:comment_type>comment"
                    f"</wp:comment_type><wp:comment_parent>{parent}"
                    "</wp:comment_parent><wp:comment_user_id>0"
                    "</wp:comment_user_id></wp:comment>"
                )
                comment_id += 1
            out.write("</item>\n")
        out.write("</channel></rss>\n")


def main() -> None:
    import django

    django.setup()
    from blog.models import BlogIndexPage
    from home.models import HomePage
    from wpimport.importer import import_wordpress

    # A site and a magazine of their own each run: the bench database keeps
    # earlier runs, and a second import of the same site would only skip.
    stamp = int(time.time())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xml"
        export(path, host=f"alt-{stamp}.example")
        size_mb = path.stat().st_size / 1e6
        parent = HomePage.objects.first().add_child(
            instance=BlogIndexPage(
                title=f"Messimport {stamp}", slug=f"messimport-{stamp}"
            )
        )
        started = time.perf_counter()
        summary = import_wordpress(path, parent=parent)
        seconds = time.perf_counter() - started
    items = POSTS * (1 + COMMENTS)
    print(  # noqa: T201
        json.dumps(
            {
                "posts": summary.counts["posts"]["created"],
                "comments": summary.counts["comments"]["created"],
                "file_mb": size_mb,
                "seconds": seconds,
                "items_per_s": items / seconds if seconds else 0,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "problems": len(summary.problems),
            }
        )
    )


if __name__ == "__main__":
    main()
