"""The lesson body: the site's general blocks plus the learning task."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import CleanRichTextBlock
from home.blocks import BodyStreamBlock

TASK_FEATURES = ["bold", "italic", "link", "ol", "ul"]
MAX_TASKS = 6


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


class LessonBodyBlock(BodyStreamBlock):
    task_block = LearningTaskBlock()

    class Meta:
        block_counts = {"task_block": {"min_num": 1, "max_num": MAX_TASKS}}
