from django.contrib import admin
from django.urls import include, path

from trellis.api.api import api

urlpatterns = [
    path("", include("trellis.web.urls")),
    path("", include("trellis.accounts.urls")),
    path("", include("trellis.engagements.urls")),
    path("", include("trellis.frameworks.urls")),
    path("", include("trellis.goals.urls")),
    path("", include("trellis.scheduling.urls")),
    path("", include("trellis.insights.urls")),
    path("", include("trellis.instruments.urls")),
    path("", include("trellis.programs.urls")),
    path("", include("trellis.privacy.urls")),
    path("", include("trellis.scim.urls")),
    path("", include("trellis.sso.urls")),
    path("", include("trellis.teams.urls")),
    path("", include("trellis.mentoring.urls")),
    path("", include("trellis.leadership.urls")),
    path("", include("trellis.schools.urls")),
    path("", include("trellis.instructional.urls")),
    path("", include("trellis.stakeholders.urls")),
    path("", include("trellis.efficacy.urls")),
    path("", include("trellis.groups.urls")),
    path("", include("trellis.outcomes.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
