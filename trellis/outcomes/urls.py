from django.urls import path

from trellis.outcomes import views

app_name = "outcomes"

ORG = "o/<slug:slug>/outcomes/"

urlpatterns = [
    path(ORG, views.dashboard, name="dashboard"),
    path(ORG + "dashboard.csv", views.dashboard_csv, name="dashboard_csv"),
    path(ORG + "programs/<slug:program>/report/", views.program_report, name="program_report"),
    path(ORG + "reports/<uuid:report>/", views.report_status, name="report_status"),
    path(ORG + "reports/<uuid:report>/download/", views.report_download, name="report_download"),
    path(ORG + "me/report/", views.my_report, name="my_report"),
]
