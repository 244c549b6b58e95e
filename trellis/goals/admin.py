from django.contrib import admin

from trellis.goals.models import Action, CheckIn, Goal, Review, Revision, StakeholderFeedback


class ActionInline(admin.TabularInline):
    model = Action
    fields = ["what", "owner", "due_date", "status", "percent", "commitment", "weight"]
    extra = 0


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "org", "level", "owner", "status", "due_date", "visibility"]
    list_filter = ["level", "status", "visibility"]
    search_fields = ["title"]
    inlines = [ActionInline]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["what", "goal", "owner", "status", "due_date", "percent"]
    list_filter = ["status", "cadence"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["coachee", "reviewed_on", "t_score", "by"]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Revisions are the history: readable here, never edited."""

    list_display = ["at", "kind", "goal", "action", "actor"]
    list_filter = ["kind"]

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(CheckIn)
admin.site.register(StakeholderFeedback)
