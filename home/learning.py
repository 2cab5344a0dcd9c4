"""Learning tasks, shared by everything that can be a lesson: a course's lesson
(`courses`), an article taken into a course on demand (`blog`) and the editors'
final-lesson templates. They live here, below both apps, so each page type keeps
its own tasks while the e-mail course and the print edition read them one way.

Every lesson-like page offers `course_item()`, a `CourseItem`: its title, lead,
the body blocks and the tasks, numbered. The PDF, the mails and the composer read
that, whatever the page type.
"""

from dataclasses import dataclass, field
from html import unescape

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import CleanRichTextBlock

TASK_FEATURES = ["bold", "italic", "link", "ol", "ul"]
MAX_TASKS = 6
WORDS_PER_PAGE = 330  # a printed A4 page of the edition, with headings and space


class LearningTaskBlock(blocks.StructBlock):
    """One exercise of the lesson. It appears in the lesson, in the lesson's mail
    and in the course PDF, numbered in its lesson; the hint is shown folded on
    the site and gathered at the end of the PDF."""

    task = CleanRichTextBlock(features=TASK_FEATURES, label=_("Task"))
    hint = blocks.TextBlock(
        required=False,
        label=_("Solution hint"),
        help_text=_("Optional: a hint the reader can open after trying."),
    )

    class Meta:
        icon = "tasks"
        template = "courses/blocks/task_block.html"
        label = _("Learning task")


class LearningTasksBlock(blocks.StreamBlock):
    """1 to 6 learning tasks on their own (an article's, beside its body)."""

    task_block = LearningTaskBlock()

    class Meta:
        block_counts = {"task_block": {"max_num": MAX_TASKS}}


def plain(html: str) -> str:
    text = html.replace("</p>", "\n").replace("<br>", "\n").replace("</li>", "\n")
    return unescape(strip_tags(text)).strip()


def tasks_from(stream) -> list[dict]:
    """The task blocks of a stream, numbered, as HTML and as plain text (for a
    mail's text part)."""
    tasks = []
    for block in stream or ():
        if block.block_type != "task_block":
            continue
        html = str(block.value["task"])
        tasks.append(
            {
                "number": len(tasks) + 1,
                "html": html,
                "text": plain(html),
                "hint": block.value["hint"],
            }
        )
    return tasks


def words_of(stream) -> int:
    """Roughly how many words a stream prints (for the composer's page estimate)."""
    words = 0
    for block in stream or ():
        value = block.value
        if hasattr(value, "source"):  # rich text
            words += len(plain(value.source).split())
        elif isinstance(value, str):
            words += len(value.split())
        elif isinstance(value, dict):
            for part in value.values():
                if hasattr(part, "source"):
                    words += len(plain(part.source).split())
                elif isinstance(part, str):
                    words += len(part.split())
    return words


def _raw_words(value) -> int:
    if isinstance(value, str):
        return len(plain(value).split())
    if isinstance(value, dict):
        return sum(_raw_words(part) for part in value.values())
    if isinstance(value, list):
        return sum(_raw_words(part) for part in value)
    return 0


def stream_facts(stream) -> tuple[int, int]:
    """(learning tasks, words) of a stream, read from its stored data: nothing
    is converted, so no image or page behind a block is loaded (the composer
    reads this for every lesson offered)."""
    raw = getattr(stream, "raw_data", stream) or []
    tasks = words = 0
    for block in raw:
        if block.get("type") == "task_block":
            tasks += 1
            words += _raw_words((block.get("value") or {}).get("task", ""))
        elif block.get("type") not in ("image_block", "embed_block"):
            words += _raw_words(block.get("value"))
    return tasks, words


def pages_for(words: int, tasks: int) -> int:
    """The printed pages a lesson takes, at least one."""
    return max(1, round((words + 60 * tasks) / WORDS_PER_PAGE + 0.4))


def lesson_item(*, title: str, lead: str, kind: str, body) -> "CourseItem":
    """A lesson-like page's item: a body of general blocks and learning tasks
    (a course's lesson, a final-lesson template)."""
    return CourseItem(
        title=title,
        lead=lead,
        kind=kind,
        blocks=[block for block in body if block.block_type != "task_block"],
        tasks=tasks_from(body),
        words=words_of(body),
    )


@dataclass
class CourseItem:
    """A lesson as the course PDF, the e-mail course and the composer read it.

    `blocks` are the body's blocks apart from the tasks (the page's own, not
    rendered), `tasks` the numbered tasks. `kind` says where it came from:
    "lesson", "article" or "final"."""

    title: str
    lead: str
    kind: str
    blocks: list = field(default_factory=list)
    tasks: list = field(default_factory=list)
    words: int = 0

    @property
    def pages(self) -> int:
        return pages_for(self.words, len(self.tasks))
