"""Schools pages: the schools one sees, a school's page (teachers, and for its principal, coaches
and admins the five-feature hours of its teachers with a chart), a teacher's page (their hours by
feature and kind, their activities; never observation content), recording a workshop or a
self-study, the CSV import, and learning communities (answer an invitation, log a huddle)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.paging import page_of
from trellis.core.charts import bar_chart, progress_bar
from trellis.schools import importer, plc, selectors, services, staff
from trellis.schools.forms import (
    ActivityForm,
    CommunityForm,
    CommunityGoalForm,
    HuddleForm,
    ImportForm,
    SetupForm,
    StaffForm,
    TeacherAddForm,
)
from trellis.schools.models import CommunityMember, LearningCommunity, SchoolAssignment
from trellis.schools.selectors import Hours


def _charts(hours: Hours, who: str) -> dict[str, str]:
    return {
        "features_svg": bar_chart(
            [(str(label), value) for _, label, value in hours.by_feature],
            title=gettext("Hours by feature, %(who)s") % {"who": who},
            unit=" h",
            decimals=1,
        ),
        "kinds_svg": bar_chart(
            [(str(label), value) for _, label, value in hours.by_kind],
            title=gettext("Hours by kind, %(who)s") % {"who": who},
            unit=" h",
            decimals=1,
        ),
        "target_svg": progress_bar(
            hours.share_of_target,
            label=gettext("Contact hours against the target of %(target)s")
            % {"target": f"{hours.target:g}"},
        ),
    }


def _errors(form: Any, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@org_view("school.list")
def school_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    page = page_of(request, selectors.schools_for(member=member))
    context = {
        "page": page,
        "manage": policy.allows(member, "school.manage"),
        "setup": selectors.setup_of(member.org_id),
        "me": getattr(member, "teacher_profile", None),
    }
    return render(request, "schools/list.html", context)


def _school(request: HttpRequest, uuid: Any, action: str) -> Any:
    member = request.member  # type: ignore[attr-defined]
    school = selectors.school_get(member=member, uuid=str(uuid))
    if school is None:
        raise Http404
    policy.require(member, action, school)
    return member, school


@org_view("school.list")
def school_detail(request: HttpRequest, school: Any) -> HttpResponse:
    member, found = _school(request, school, "school.view")
    aggregates = policy.allows(member, "school.aggregates", found)
    context: dict[str, Any] = {
        "school": found,
        "aggregates": aggregates,
        "principals": selectors.principals_of(found),
        "coaches": selectors.coaches_of(found),
        "communities": found.communities.all(),
        "may_create_plc": policy.allows(member, "plc.create", found),
        "may_manage": policy.allows(member, "school.manage"),
    }
    if aggregates:
        hours = selectors.school_hours(found)
        context["hours"] = hours
        if not hours.withheld:
            context |= _charts(hours, found.name)
    # each teacher's hours: the teacher's own coach side and admins, never the principal
    teacher_hours = policy.allows(member, "school.teacher_hours", found)
    context["teacher_hours"] = teacher_hours
    if teacher_hours:
        context["teachers"] = selectors.teacher_rows(found)
    else:
        context["teachers"] = [(t, None) for t in selectors.teachers_of(found)]
    return render(request, "schools/detail.html", context)


def _teacher(request: HttpRequest, uuid: Any, action: str) -> Any:
    member = request.member  # type: ignore[attr-defined]
    profile = selectors.teacher_get(member=member, uuid=str(uuid))
    if profile is None:
        raise Http404
    policy.require(member, "teacher.view", profile)
    if action != "teacher.view":
        policy.require(member, action, profile.membership)
    return member, profile


@org_view("school.list")
def teacher_detail(request: HttpRequest, teacher: Any) -> HttpResponse:
    member, profile = _teacher(request, teacher, "teacher.view")
    hours = selectors.teacher_hours(profile)
    context = {
        "profile": profile,
        "hours": hours,
        "page": page_of(request, selectors.activities_of(profile)),
        "may_record": policy.allows(member, "learning.record", profile.membership),
        "form": ActivityForm(goals=list(selectors.school_goals(profile.org_id))),
        **_charts(hours, profile.membership.user.display_name),
    }
    return render(request, "schools/teacher.html", context)


@require_POST
@org_view("school.list")
def activity_add(request: HttpRequest, teacher: Any) -> HttpResponse:
    member, profile = _teacher(request, teacher, "learning.record")
    form = ActivityForm(request.POST, goals=list(selectors.school_goals(profile.org_id)))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_activity(
                actor=member,
                teacher=profile.membership,
                kind=data["kind"],
                activity_type=data["activity_type"],
                on=data["on"],
                minutes=data["minutes"],
                features=data["features"],
                subject=data["subject"],
                standard=data["standard"],
                active_mode=data["active_mode"],
                goal=form.goals.get(data["goal"]),
                title=data["title"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, gettext("Activity recorded."))
            return redirect("schools:teacher", slug=request.org.slug, teacher=profile.uuid)  # type: ignore[attr-defined]
    context = {"profile": profile, "form": form}
    return render(request, "schools/activity_form.html", context, status=400)


@org_view("school.manage")
def school_import(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    count = 0
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = importer.schools_import(actor=member, data=upload.read(), source=upload.name)
        except importer.SchoolImportError as exc:
            errors, count = exc.errors, exc.count
        else:
            messages.success(
                request, gettext("Import finished: %(summary)s.") % {"summary": report.summary}
            )
            return redirect("schools:list", slug=member.org.slug)
    context = {"form": form, "errors": errors, "count": count}
    status = 400 if errors or form.errors else 200
    return render(request, "schools/import.html", context, status=status)


def _community(request: HttpRequest, uuid: Any, action: str) -> Any:
    member = request.member  # type: ignore[attr-defined]
    community = (
        LearningCommunity.objects.filter(org_id=member.org_id, uuid=uuid)
        .select_related("school")
        .first()
    )
    if community is None:
        raise Http404
    policy.require(member, action, community)
    return member, community


def _named(huddles: list) -> list:
    """Each huddle with its protocol's name (the key when a protocol is no longer shipped)."""
    known = plc.protocols()
    for huddle in huddles:
        found = known.get(huddle.protocol)
        huddle.protocol_name = found.name if found else huddle.protocol
    return huddles


@org_view("school.list")
def community_detail(request: HttpRequest, community: Any) -> HttpResponse:
    member, found = _community(request, community, "plc.view")
    places = found.members.select_related("membership__user").order_by("membership__user__name")
    mine = places.filter(membership=member).first()
    context = {
        "community": found,
        "places": places,
        "mine": mine,
        "goals": found.goals.select_related("parent"),
        "huddles": _named(list(found.huddles.prefetch_related("present__user")[:20])),
        "may_log": policy.allows(member, "plc.huddle.log", found),
        "protocols": plc.protocols(),
        "invited": CommunityMember.Status.INVITED,
        "goal_form": None,
    }
    if policy.allows(member, "plc.manage", found):
        parents = list(selectors.school_goals(member.org_id))
        context["goal_form"] = CommunityGoalForm(parents=parents) if parents else None
    return render(request, "schools/community.html", context)


@require_POST
@org_view("school.list")
def community_respond(request: HttpRequest, community: Any) -> HttpResponse:
    member, found = _community(request, community, "plc.respond")
    accept = request.POST.get("answer") == "accept"
    try:
        plc.community_respond(actor=member, community=found, accept=accept)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, gettext("You joined the community.") if accept else gettext("You said no.")
        )
    return redirect("schools:community", slug=request.org.slug, community=found.uuid)  # type: ignore[attr-defined]


@org_view("school.list")
def huddle_log(request: HttpRequest, community: Any) -> HttpResponse:
    member, found = _community(request, community, "plc.huddle.log")
    members = plc.accepted_members(found)
    form = HuddleForm(
        request.POST or None,
        members=members,
        protocols=plc.protocols(),
        initial={"protocol": plc.PROTOCOL_KEYS[0]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = set(data["present"])
        try:
            plc.huddle_log(
                actor=member,
                community=found,
                on=data["on"],
                minutes=data["minutes"],
                present=[m for m in members if str(m.uuid) in chosen],
                focus=data["focus"],
                standard=data["standard"],
                protocol=data["protocol"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, gettext("Huddle logged: it counts for every member present."))
            return redirect("schools:community", slug=request.org.slug, community=found.uuid)  # type: ignore[attr-defined]
    status = 400 if request.method == "POST" else 200
    context = {"community": found, "form": form}
    return render(request, "schools/huddle_form.html", context, status=status)


@org_view("school.manage")
def school_settings(request: HttpRequest) -> HttpResponse:
    """One school or a district, the yearly contact-hours target, the month the year starts."""
    member = request.member  # type: ignore[attr-defined]
    setup = selectors.setup_of(member.org_id)
    form = SetupForm(request.POST or None, instance=setup)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Settings saved."))
        return redirect("schools:list", slug=member.org.slug)
    status = 400 if form.errors else 200
    return render(request, "schools/settings.html", {"form": form}, status=status)


@org_view("school.list")
def community_create(request: HttpRequest, school: Any) -> HttpResponse:
    member, found = _school(request, school, "plc.create")
    teachers = list(selectors.teachers_of(found))
    # bound on every POST, an empty one too: else it answered 400 naming nothing
    form = CommunityForm(request.POST if request.method == "POST" else None, teachers=teachers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = set(data["invite"])
        try:
            community = plc.community_create(
                actor=member,
                school=found,
                name=data["name"],
                focus=data["focus"],
                grade=data["grade"],
                subject=data["subject"],
                invite=[t.membership for t in teachers if str(t.membership.uuid) in chosen],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(
                request, gettext("Community made: the teachers you invited can say yes.")
            )
            return redirect("schools:community", slug=request.org.slug, community=community.uuid)  # type: ignore[attr-defined]
    status = 400 if request.method == "POST" else 200
    context = {"school": found, "form": form}
    return render(request, "schools/community_form.html", context, status=status)


@require_POST
@org_view("school.list")
def community_goal(request: HttpRequest, community: Any) -> HttpResponse:
    member, found = _community(request, community, "plc.manage")
    parents = list(selectors.school_goals(member.org_id))
    form = CommunityGoalForm(request.POST, parents=parents)
    if form.is_valid():
        parent = next(g for g in parents if str(g.uuid) == form.cleaned_data["parent"])
        plc.community_goal_add(
            actor=member, community=found, title=form.cleaned_data["title"], parent=parent
        )
        messages.success(request, gettext("Shared goal added."))
        return redirect("schools:community", slug=request.org.slug, community=found.uuid)  # type: ignore[attr-defined]
    context = {"community": found, "form": form}
    return render(request, "schools/goal_form.html", context, status=400)


@org_view("school.manage")
def school_staff(request: HttpRequest, school: Any) -> HttpResponse:
    """An admin assigns a school's principals and instructional coaches, takes an assignment
    back, or adds one teacher. POST `action`: assign (role, member), remove (assignment) or
    teacher (member, grades, subjects). A refused form keeps what was typed (400)."""
    member, found = _school(request, school, "school.manage")
    members = staff.candidates(found)
    by_uuid = {str(m.uuid): m for m in members}
    action = (request.POST.get("action") or "assign") if request.method == "POST" else ""
    staff_form = StaffForm(request.POST if action == "assign" else None, members=members)
    teacher_form = TeacherAddForm(request.POST if action == "teacher" else None, members=members)
    problem = ""
    if action == "assign" and staff_form.is_valid():
        data = staff_form.cleaned_data
        try:
            _, made = staff.staff_assign(
                actor=member, school=found, member=by_uuid.get(data["member"]), role=data["role"]
            )
        except ValidationError as exc:
            _errors(staff_form, exc)
        else:
            messages.success(
                request,
                gettext("Assigned.") if made else gettext("Already assigned: nothing changed."),
            )
            return redirect("schools:staff", slug=member.org.slug, school=found.uuid)
    elif action == "teacher" and teacher_form.is_valid():
        data = teacher_form.cleaned_data
        try:
            _, made = staff.teacher_add(
                actor=member,
                school=found,
                member=by_uuid.get(data["member"]),
                grades=data["grades"],
                subjects=data["subjects"],
            )
        except ValidationError as exc:
            _errors(teacher_form, exc)
        else:
            messages.success(
                request, gettext("Teacher added.") if made else gettext("Teacher updated.")
            )
            return redirect("schools:staff", slug=member.org.slug, school=found.uuid)
    elif action == "remove":
        try:
            gone = staff.staff_remove(
                actor=member, school=found, assignment_uuid=request.POST.get("assignment", "")
            )
        except ValidationError as exc:
            problem = " ".join(exc.messages)
        else:
            if gone:
                messages.success(request, gettext("Assignment taken back."))
                return redirect("schools:staff", slug=member.org.slug, school=found.uuid)
            problem = gettext("assignment: not an assignment of this school.")
    elif action and action not in ("assign", "teacher"):
        problem = gettext("action: expected assign, remove or teacher.")
    context = {
        "school": found,
        "assignments": found.assignments.select_related("membership__user").order_by(
            "role", "membership__user__name"
        ),
        "teachers": selectors.teachers_of(found),
        "staff_form": staff_form,
        "teacher_form": teacher_form,
        "problem": problem,
        "roles": SchoolAssignment.Role,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "schools/staff.html", context, status=status)
