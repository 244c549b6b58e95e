"""The PEERS check of a goal as written (nothing is saved)."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_noop

from trellis.accounts import policy
from trellis.accounts.api_door import member_of
from trellis.api.problems import CONTENT_TYPE
from trellis.core.instructional.peers import PeersGoal, peers_check
from trellis.insights.selectors import writes_english
from trellis.instructional.api.common import router
from trellis.instructional.api.schemas import PeersFindingOut, PeersIn

# The PEERS check's lexicon (core's peers.toml) is English: it stays off for other languages (the
# Impact Cycle page's note says the same).
PEERS_ENGLISH_ONLY = gettext_noop(
    "The PEERS check reads English only: it stays off while you use Trellis in another language, "
    "until it has word lists for it."
)


@router.post(
    "/peers-check",
    response=list[PeersFindingOut],
    summary="The PEERS check of a goal as written (nothing is saved)",
    description=(
        "The check reads English words only: for a member who uses Trellis in another language "
        "(their language setting, else the request's `Accept-Language`) it stays off and answers "
        "400, a problem whose `goal_text` error says the check reads English only."
    ),
    openapi_extra={
        "responses": {
            400: {
                "description": "The PEERS check reads English only, and the member uses Trellis "
                "in another language.",
                "content": {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
            }
        }
    },
)
def peers(request: HttpRequest, payload: PeersIn) -> list[dict[str, object]]:
    member = member_of(request)
    policy.require(member, "cycle.list")
    if not writes_english(member=member):
        raise ValidationError({"goal_text": gettext(PEERS_ENGLISH_ONLY)})
    goal = PeersGoal(
        text=payload.goal_text,
        target_percent=payload.target_percent,
        baseline_percent=payload.baseline_percent,
        has_strategy=payload.has_strategy,
        teacher_cares=payload.teacher_cares,
    )
    return [
        {"criterion": f.criterion, "ok": f.ok, "message": f.message, "suggestion": f.suggestion}
        for f in peers_check(goal)
    ]
