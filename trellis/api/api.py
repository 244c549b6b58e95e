"""The one NinjaAPI instance under /api/v1/, with every app's router mounted on it."""

from trellis.accounts.api import router as accounts_router
from trellis.accounts.api_door import TokenAuth
from trellis.api.base import TrellisAPI, TrellisParser, install_problem_handlers
from trellis.efficacy.api import router as efficacy_router
from trellis.engagements.api import router as engagements_router
from trellis.engagements.kinds_api import router as engagement_kinds_router
from trellis.engagements.lifecycle_api import router as engagement_lifecycle_router
from trellis.engagements.sessions_api import sessions_router
from trellis.frameworks.api import router as frameworks_router
from trellis.goals.api import router as goals_router
from trellis.groups.api import deals_router
from trellis.groups.api import router as groups_router
from trellis.insights.api import router as insights_router
from trellis.instructional.api import router as instructional_router
from trellis.instruments.api import administrations_router
from trellis.instruments.api import router as instruments_router
from trellis.leadership.api import router as leadership_router
from trellis.mentoring.api import router as mentoring_router
from trellis.outcomes.api import router as outcomes_router
from trellis.programs.api import router as programs_router
from trellis.programs.chemistry_api import router as programs_chemistry_router
from trellis.scheduling.api import router as scheduling_router
from trellis.schools.api import router as schools_router
from trellis.stakeholders.api import router as stakeholders_router
from trellis.teams.api import business_router
from trellis.teams.api import router as teams_router

api = TrellisAPI(
    title="Trellis API",
    version="1.0.0",
    description=(
        "The Trellis coaching platform's JSON API. Authenticate with a personal API token "
        "(`Authorization: Bearer trl_...`), created on the Tokens page; each token speaks for you in one "
        "organization. Objects of other organizations answer 404.\n\n"
        "Every error answers `application/problem+json` (RFC 9457): a stable `type` URN, a `title`, "
        "the `detail` and the `status`; invalid fields are listed in `errors` (`loc`, `field`, `msg`). "
        "Lists answer `{items, next}`: pass `next` back as `cursor` for the following page."
    ),
    auth=TokenAuth(),
    parser=TrellisParser(),
    urls_namespace="api-1.0.0",
)
api.add_router("/", accounts_router)
# team, group and peer (first: its /engagements/team etc. are not an engagement's id)
api.add_router("/engagements", engagement_kinds_router)
api.add_router("/engagements", engagements_router)
api.add_router("/engagements", engagement_lifecycle_router)  # people, lifecycle, agreement
api.add_router("/frameworks", frameworks_router)
api.add_router("/sessions", sessions_router)
api.add_router("/goals", goals_router)
api.add_router("/scheduling", scheduling_router)
api.add_router("/insights", insights_router)
api.add_router("/instruments", instruments_router)
api.add_router("/administrations", administrations_router)
api.add_router("/programs", programs_router)
api.add_router("/programs", programs_chemistry_router)  # chemistry slots and booking
api.add_router("/outcomes", outcomes_router)
api.add_router("/teams", teams_router)
api.add_router("/schools", schools_router)
api.add_router("/mentoring", mentoring_router)
api.add_router("/business-goals", business_router)
api.add_router("/leadership", leadership_router)
api.add_router("/stakeholders", stakeholders_router)
api.add_router("/efficacy", efficacy_router)
api.add_router("/groups", groups_router)
api.add_router("/deals", deals_router)
api.add_router("/instructional", instructional_router)

install_problem_handlers(api)
