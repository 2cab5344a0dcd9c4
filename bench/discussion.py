"""The article with a long discussion for the bench: 200 approved comments in
threads (top comments, replies, replies to replies and deeper) under a demo
article, added once to the bench database (run by `bench/run.py` after the demo).
Prints the article's URL."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import transaction

from blog.models import ArticlePage
from comments.models import Comment

SLUG = "die-erste-woche-strukturieren"
COUNT = 200


@transaction.atomic
def main() -> None:
    article = ArticlePage.objects.get(slug=SLUG)
    have = Comment.objects.filter(page=article, email__startswith="bench-").count()
    made: list[Comment] = []
    for number in range(have, COUNT):
        parent = made[number // 3] if number % 4 and len(made) > number // 3 else None
        made.append(
            Comment.objects.create(
                page=article,
                parent=parent,
                name=f"Person {number % 23}",
                email=f"bench-{number}@leser.example",
                text=f"Beitrag {number} zur Diskussion.\n\nMit einem zweiten Absatz.",
                status=Comment.Status.APPROVED,
            )
        )
    print(article.url)  # noqa: T201


if __name__ == "__main__":
    main()
