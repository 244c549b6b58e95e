"""API access rows for group and sales coaching (collected by the API access matrix): the same
rules as the pages (see access_rows.py). Carol's Globex token sees none of Acme's (404)."""

from trellis.api.tests.access import op
from trellis.groups.tests.access_rows import prepare  # noqa: F401

GROUP = "/api/v1/groups/{uuid}"
DEAL = "/api/v1/deals/{uuid}"


def _group(w):
    return {"uuid": str(w.group_engagement.uuid)}


def _item(w, level="group"):
    return {"uuid": str(w.group_engagement.uuid), "item": str(w.group_items[level].uuid)}


def _comment(w):
    return {**_item(w), "comment": str(w.group_comment.uuid)}


def _deal(w):
    return {"uuid": str(w.deal.uuid)}


OPERATIONS = [
    op("GET", "/api/v1/groups", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    op("GET", GROUP, fill=_group, anon=401, alice=200, bob=200, dana=403, olga=200, carol=404),
    # the items: members and coaches (each sees what the levels allow); never an admin
    op(
        "GET",
        GROUP + "/items",
        fill=_group,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "POST",
        GROUP + "/items",
        fill=_group,
        body=lambda w: {"kind": "goal", "text": "Delegate the weekly report"},
        anon=401,
        alice=403,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "PUT",
        GROUP + "/items/{item}/visibility",
        fill=_item,
        body=lambda w: {"visibility": "group"},
        anon=401,
        alice=403,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "POST",
        GROUP + "/items/{item}/comments",
        fill=_item,
        body=lambda w: {"text": "Same here"},
        anon=401,
        alice=201,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    # the author makes their group goal a goal of their own plan
    op(
        "POST",
        GROUP + "/items/{item}/goal",
        fill=lambda w: {"uuid": str(w.group_engagement.uuid), "item": str(w.group_goal.uuid)},
        anon=401,
        alice=403,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    # only the author deletes an item or a comment (audited)
    op(
        "DELETE",
        GROUP + "/items/{item}",
        fill=_item,
        anon=401,
        alice=403,
        bob=204,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "DELETE",
        GROUP + "/items/{item}/comments/{comment}",
        fill=_comment,
        anon=401,
        alice=403,
        bob=204,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "GET",
        GROUP + "/totals",
        fill=_group,
        anon=401,
        alice=200,
        bob=403,
        dana=403,
        olga=200,
        carol=404,
    ),
    op("GET", "/api/v1/deals", anon=401, alice=200, bob=200, dana=200, olga=200, carol=200),
    # Carol, a coach of Globex, sees Globex's pipeline (empty)
    op(
        "GET",
        "/api/v1/deals/pipeline",
        anon=401,
        alice=200,
        bob=403,
        dana=200,
        olga=200,
        carol=200,
    ),
    op(
        "POST",
        "/api/v1/deals",
        body=lambda w: {"engagement": str(w.engagement.uuid), "name": "Initech pilot"},
        anon=401,
        alice=403,
        bob=201,
        dana=403,
        olga=403,
        carol=404,
    ),
    op("GET", DEAL, fill=_deal, anon=401, alice=200, bob=200, dana=403, olga=403, carol=404),
    # the deal's history: whoever reads the deal
    op(
        "GET",
        DEAL + "/history",
        fill=_deal,
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "PATCH",
        DEAL,
        fill=_deal,
        body=lambda w: {"stage": "discover"},
        anon=401,
        alice=200,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
    op(
        "PUT",
        DEAL + "/share",
        fill=_deal,
        body=lambda w: {"shared_with": None},
        anon=401,
        alice=403,
        bob=200,
        dana=403,
        olga=403,
        carol=404,
    ),
]
