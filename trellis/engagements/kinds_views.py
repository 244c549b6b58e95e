"""Pages for team, group and peer engagements: propose one, invite a newcomer, change the peers'
rotation. (The engagement page shows them through `kinds_context`.)"""

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership, Team
from trellis.engagements import kinds, selectors
from trellis.engagements.forms import InviteForm, RotationForm, SeveralEngagementForm
from trellis.engagements.lifecycle_views import _back, _engagement  # the same door and return
from trellis.engagements.models import Engagement

PROPOSED = _(
    "{kind} proposed: each person is asked to accept their own place; it starts with the first yes "
    "and grants each of them something only once they accepted."
)
TITLES = {
    "team": _("Propose team coaching"),
    "group": _("Propose group coaching"),
    "peer": _("Propose a peer-coaching circle"),
}


@org_view("engagement.create")
def engagement_propose(request: HttpRequest, kind: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    if kind not in SeveralEngagementForm.FIELDS:
        raise Http404
    coaches = selectors.members_with_role(member=member, role="coach")
    if not member.is_admin:
        coaches = coaches.filter(pk=member.pk)
    form = SeveralEngagementForm(
        request.POST or None,
        kind=kind,
        initial={"coach": member.uuid if member.is_coach else None, "with_leader": True},
        teams=Team.objects.filter(org=member.org).order_by("name"),
        coaches=coaches,
        sponsors=selectors.members_with_role(member=member, role="sponsor"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            engagement = _propose(member, kind, form)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            label = Engagement.Kind(kind).label
            messages.success(request, PROPOSED.format(kind=label))
            return redirect(
                "engagements:detail", slug=member.org.slug, engagement_uuid=engagement.uuid
            )
    context = {"form": form, "kind": kind, "title": TITLES[kind]}
    return render(request, "engagements/propose.html", context)


def _propose(member: Membership, kind: str, form: SeveralEngagementForm) -> Engagement:
    data = form.cleaned_data
    if kind == "team":
        return kinds.engagement_propose_team(
            actor=member,
            team=data["team"],
            coach=data["coach"],
            co_coaches=list(data["co_coaches"]),
            sponsor=data.get("sponsor"),
            topic=data["topic"],
            with_leader=data["with_leader"],
        )
    people = kinds.members_by_email(org_id=member.org_id, emails=form.emails(), field="coachees")
    if kind == "group":
        return kinds.engagement_propose_group(
            actor=member,
            coach=data["coach"],
            coachees=people,
            co_coaches=list(data["co_coaches"]),
            sponsor=data.get("sponsor"),
            topic=data["topic"],
        )
    try:
        return kinds.engagement_propose_peer(
            actor=member, coach=data["coach"], peers=people, topic=data["topic"]
        )
    except ValidationError as exc:  # the peers are typed in the coachees box
        raise ValidationError(
            {("coachees" if k == "peers" else k): v for k, v in exc.message_dict.items()}
        ) from exc


def kinds_context(member: Membership, engagement: Engagement) -> dict[str, Any]:
    """What the engagement page adds for a team, group or peer engagement."""
    if not engagement.is_several:
        return {}
    context: dict[str, Any] = {"several": True}
    if policy.allows(member, "engagement.people.change", engagement):
        newcomers = kinds.team_newcomers(engagement)
        context["newcomers"] = newcomers
        if engagement.status in kinds.OPEN:
            context["invite_form"] = InviteForm(people=newcomers) if newcomers else None
            context["can_invite"] = True
    if engagement.kind == Engagement.Kind.PEER:
        peers = kinds.rotation_peers(engagement)
        context["rotation"] = peers
        context["turn"] = kinds.rotation_turn(engagement)
        if policy.allows(member, "engagement.rotation.change", engagement) and len(peers) > 1:
            order = "\n".join(m.user.email for m in peers)
            context["rotation_form"] = RotationForm(initial={"order": order})
    return context


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        for error in errors:
            messages.error(request, f"{field}: {error}" if field not in ("engagement",) else error)


@require_POST
@org_view("engagement.list")
def engagement_invite(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    """Invite one more person (e.g. who joined the team since): a proposed place."""
    member = request.member  # type: ignore[attr-defined]
    engagement = _engagement(request, engagement_uuid, "engagement.people.change")
    chosen = request.POST.get("member", "")
    person = (
        Membership.objects.filter(org=member.org, uuid=chosen).select_related("user").first()
        if _is_uuid(chosen)
        else None
    )
    if person is None:
        messages.error(request, gettext("member: choose a member of this organization to invite."))
        return _back(engagement)
    try:
        kinds.engagement_invite(actor=member, engagement=engagement, member=person)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(
            request,
            gettext("%(name)s is invited; they are in it once they accept.")
            % {"name": person.user},
        )
    return _back(engagement)


@require_POST
@org_view("engagement.list")
def engagement_rotation(request: HttpRequest, engagement_uuid: str) -> HttpResponse:
    """Change who coaches whom next in a peer engagement."""
    member = request.member  # type: ignore[attr-defined]
    engagement = _engagement(request, engagement_uuid, "engagement.rotation.change")
    form = RotationForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"order": gettext("Name the peers, one email a line.")})
        order = kinds.members_by_email(
            org_id=member.org_id, emails=form.cleaned_data["order"].splitlines(), field="order"
        )
        kinds.rotation_set(actor=member, engagement=engagement, order=order)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, gettext("The rotation is changed; the next session follows it."))
    return _back(engagement)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
