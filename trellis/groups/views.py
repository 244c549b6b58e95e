"""Group coaching pages: the groups one is in, a group's page (the items this reader may read,
with comments on the group-shared ones; counts at the threshold for coaches and admins; each
coach's time), writing an item at a level, changing an item's level, commenting, deleting
one's own item or comment after a confirmation page, and making one's group goal a goal of one's
own plan."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from trellis.accounts import policy
from trellis.accounts.door import org_view
from trellis.accounts.models import Membership
from trellis.accounts.paging import page_of
from trellis.core.outcomes import fewer_than
from trellis.engagements.models import Engagement
from trellis.groups import selectors, services
from trellis.groups.forms import CommentForm, ItemForm, VisibilityForm
from trellis.groups.models import GroupItem


def _group(request: HttpRequest, uuid: Any, action: str) -> tuple[Membership, Engagement]:
    member = request.member  # type: ignore[attr-defined]
    engagement = selectors.group_get(member=member, uuid=str(uuid))
    if engagement is None:
        raise Http404
    policy.require(member, action, engagement)
    return member, engagement


def _item(engagement: Engagement, uuid: Any) -> GroupItem:
    item = selectors.item_get(engagement=engagement, uuid=str(uuid))
    if item is None:
        raise Http404
    return item


def _back(request: HttpRequest, engagement: Engagement) -> HttpResponse:
    return redirect("groups:detail", slug=request.org.slug, group=engagement.uuid)  # type: ignore[attr-defined]


def _hours(value: Any) -> str:
    return f"{value.total_seconds() / 3600:.1f} h"


@org_view("group.list")
def group_list(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    page = page_of(request, selectors.group_engagements_for(member=member))
    return render(request, "groups/list.html", {"page": page})


@org_view("group.list")
def group_detail(request: HttpRequest, group: Any) -> HttpResponse:
    member, engagement = _group(request, group, "group.view")
    content = policy.allows(member, "group.content.read", engagement)
    context: dict[str, Any] = {
        "engagement": engagement,
        "content": content,
        "members": selectors.people_of(engagement, "coachee"),
        "coaches": selectors.people_of(engagement, "coach"),
        "may_write": policy.allows(member, "group.item.write", engagement),
    }
    if content:
        page = page_of(request, selectors.items_for(member=member, engagement=engagement))
        context["page"] = page
        for item in page.object_list:
            item.engagement = engagement  # its participants are read once for every item
        context["rows"] = [
            (
                item,
                item.author_id == member.pk and item.deleted_at is None,
                policy.allows(member, "group.item.comment", item),
                policy.allows(member, "group.item.goal", item),
            )
            for item in page.object_list
        ]
        context["item_form"] = ItemForm()
        context["comment_form"] = CommentForm()
        context["visibility_form"] = VisibilityForm()
    if policy.allows(member, "group.aggregates", engagement):
        board = selectors.aggregates(engagement=engagement)
        context["board"] = board
        context["withheld"] = fewer_than(board.threshold)
        context["coach_time"] = [
            (
                t.coach,
                _hours(t.group),
                _hours(t.one_to_one),
                _hours(t.total),
                _hours(t.missed),
                _hours(t.to_come),
            )
            for t in selectors.coach_time(engagement=engagement)
        ]
    return render(request, "groups/detail.html", context)


@require_POST
@org_view("group.list")
def item_add(request: HttpRequest, group: Any) -> HttpResponse:
    member, engagement = _group(request, group, "group.item.write")
    form = ItemForm(request.POST)
    if form.is_valid():
        try:
            services.item_add(actor=member, engagement=engagement, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, gettext("Saved."))
            return _back(request, engagement)
    context = {"engagement": engagement, "form": form}
    return render(request, "groups/item_form.html", context, status=400)


@require_POST
@org_view("group.list")
def item_visibility(request: HttpRequest, group: Any, item: Any) -> HttpResponse:
    member, engagement = _group(request, group, "group.view")
    found = _item(engagement, item)
    policy.require(member, "group.item.edit", found)
    form = VisibilityForm(request.POST)
    if not form.is_valid():
        context = {"engagement": engagement, "form": form}
        return render(request, "groups/item_form.html", context, status=400)
    services.item_change(actor=member, item=found, visibility=form.cleaned_data["visibility"])
    messages.success(
        request,
        gettext("Now: %(visibility)s.") % {"visibility": found.get_visibility_display().lower()},
    )
    return _back(request, engagement)


@require_POST
@org_view("group.list")
def comment_add(request: HttpRequest, group: Any, item: Any) -> HttpResponse:
    member, engagement = _group(request, group, "group.view")
    found = _item(engagement, item)
    policy.require(member, "group.item.read", found)
    policy.require(member, "group.item.comment", found)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(actor=member, item=found, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, gettext("Comment added."))
            return _back(request, engagement)
    context = {"engagement": engagement, "form": form}
    return render(request, "groups/item_form.html", context, status=400)


@org_view("group.list")
def item_delete(request: HttpRequest, group: Any, item: Any) -> HttpResponse:
    """GET: what deleting the item does, with the button; POST: delete it."""
    member, engagement = _group(request, group, "group.view")
    found = _item(engagement, item)
    policy.require(member, "group.item.read", found)
    policy.require(member, "group.item.delete", found)
    if request.method == "POST":
        gone = services.item_delete(actor=member, item=found)
        messages.success(
            request,
            gettext("Deleted.") if gone else gettext("Deleted. The others' comments on it stay."),
        )
        return _back(request, engagement)
    others = sum(1 for c in found.comments.all() if c.author_id != member.pk)
    context = {"engagement": engagement, "item": found, "others": others}
    return render(request, "groups/confirm_delete.html", context)


@org_view("group.list")
def comment_delete(request: HttpRequest, group: Any, item: Any, comment: Any) -> HttpResponse:
    """GET: the comment and the button; POST: delete it."""
    member, engagement = _group(request, group, "group.view")
    found = _item(engagement, item)
    policy.require(member, "group.item.read", found)
    chosen = selectors.comment_get(item=found, uuid=str(comment))
    if chosen is None:
        raise Http404
    policy.require(member, "group.comment.delete", chosen)
    if request.method == "POST":
        services.comment_delete(actor=member, comment=chosen)
        messages.success(request, gettext("Comment deleted."))
        return _back(request, engagement)
    context = {"engagement": engagement, "item": found, "comment": chosen}
    return render(request, "groups/confirm_delete.html", context)


@require_POST
@org_view("group.list")
def item_goal(request: HttpRequest, group: Any, item: Any) -> HttpResponse:
    """The author makes their group goal a goal of their own plan, then sets its GAS levels,
    SMART wording and actions on the goal's own pages."""
    member, engagement = _group(request, group, "group.view")
    found = _item(engagement, item)
    policy.require(member, "group.item.goal", found)
    try:
        goal = services.item_make_goal(actor=member, item=found)
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
        return _back(request, engagement)
    messages.success(
        request, gettext("It is a goal in your plan now: give it GAS levels and actions.")
    )
    return redirect("goals:goal_edit", slug=member.org.slug, goal_uuid=goal.uuid)
