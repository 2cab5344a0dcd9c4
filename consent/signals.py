"""Signals other apps send about consents they collect.

`newsletter_opt_in` is sent by a form that offers a newsletter beside its own
purpose (the checkout's unticked box, the comment form's box) when the reader ticked
it. `newsletters` receives it and starts the double opt-in; the sender neither knows
nor imports the newsletter app, which sits on its own layer.

Arguments: `email`, `name`, `request`, `source` (the form and page), `text` (the
wording of the box as shown).
"""

from django.dispatch import Signal

newsletter_opt_in = Signal()
