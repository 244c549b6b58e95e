from django.contrib import admin

from trellis.engagements.models import Engagement


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "org", "status", "started_on"]
    list_filter = ["status"]
