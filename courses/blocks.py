"""The lesson body: the site's general blocks plus the learning task (which lives
in `home.learning`, shared with articles and final-lesson templates)."""

from home.blocks import BodyStreamBlock
from home.learning import MAX_TASKS, TASK_FEATURES, LearningTaskBlock

__all__ = ["MAX_TASKS", "TASK_FEATURES", "LearningTaskBlock", "LessonBodyBlock"]


class LessonBodyBlock(BodyStreamBlock):
    task_block = LearningTaskBlock()

    class Meta:
        block_counts = {"task_block": {"min_num": 1, "max_num": MAX_TASKS}}
