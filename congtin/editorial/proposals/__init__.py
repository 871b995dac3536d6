"""A component portal's article offered to the city portal, shown there as an alias.

The city portal is the default Wagtail Site. The way of a proposal:

1. **Đề xuất.** An editor or chief editor of a component portal proposes one of
   its live articles: "Đề xuất lên cổng thành phố" in the article's header menu
   (and in the page listing's "more" menu) opens a form with an optional note.
   Reporters write drafts and do not speak for their portal, so they cannot.
2. **Tiếp nhận.** The city's people see the proposals under "Tin đề xuất từ cổng
   thành phần". A city editor takes one in, choosing the city news section it
   will appear in ("Quận, huyện" unless chosen otherwise): status ``accepted``.
3. **Phê duyệt.** A city chief editor approves it. Wagtail's
   ``CreatePageAliasAction`` puts an alias of the original into that section,
   live because the original is: status ``published``. The alias has no text of
   its own; every time the original is published again Wagtail copies it over
   (``Page.update_aliases``), so one text is shown in both places.

City editors or chiefs may instead decline an open proposal, with a reason; the
proposing portal may offer a declined article again.

An alias has no revisions and so cannot pass through the city's Wagtail
workflow; its two city steps mirror that workflow's "Biên tập" and "Phê duyệt"
and are granted by the same page permissions. Who may do what is read from the
page permissions Wagtail gives to groups, ignoring Wagtail's "the owner may edit
their own page" rule, so the reporter who wrote an article is still no editor:

* proposing: "change" on the article (editors, chiefs and administrators of its
  portal);
* seeing the proposals: any page permission on the city's home page;
* accepting and declining: "change" on the chosen city section;
* approving: "change" and "publish" on that section.

Wagtail's alias action would also require the approver to be allowed to edit
the original, which a city chief may not do on a district's pages; that one
check is replaced by the rules above.

Each step leaves a notice for the people concerned (city editors when a
proposal arrives, city chiefs when it waits for approval, the proposer at every
decision) and an entry in the original article's history, which the proposing
portal can read.
"""

# Importing the package (from wagtail_hooks) registers the admin hooks.
from . import hooks  # noqa: F401
from .actions import accept, approve, decline, propose
from .permissions import could_propose, may_view, open_proposal
from .refusals import Refusal

__all__ = [
    "Refusal",
    "accept",
    "approve",
    "could_propose",
    "decline",
    "may_view",
    "open_proposal",
    "propose",
]
