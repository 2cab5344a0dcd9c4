"""Listings paged without counting: newer/older links and one extra row."""

from dataclasses import dataclass

from django.http import HttpRequest

MAX_PAGE_NUMBER = 10_000


@dataclass
class ListingPage:
    """One page of a listing, with newer/older links but no total.

    Counting every article of a large archive (thousands for a prolific author) costs
    more than showing twelve of them; one extra row tells whether an older page
    exists. Has the attributes `includes/pagination.html` reads from Django's pages.
    """

    object_list: list
    number: int
    has_next: bool
    paginator = None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __bool__(self) -> bool:
        return bool(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def paginate(request: HttpRequest, items, per_page: int) -> ListingPage:
    """A page of `items`; a missing or junk ?page= gives the first page, one past
    the end an empty page that links back."""
    try:
        number = max(1, min(int(request.GET.get("page", 1)), MAX_PAGE_NUMBER))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(items[start : start + per_page + 1])
    return ListingPage(rows[:per_page], number, len(rows) > per_page)
