from django.urls import path

from aanspreekpunt.core.pagecache import public_page

from . import views
from .feeds import UpdatesFeed

app_name = "beleidsacties"

# Cached for visitors like the pages, and rendered afresh after every change.
updates_feed = public_page("beleidsacties")(UpdatesFeed())

urlpatterns = [
    path("", views.overview_view, name="overview"),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("export.csv", views.export_csv_view, name="export_csv"),
    path("export.xlsx", views.export_xlsx_view, name="export_xlsx"),
    path("feed/", updates_feed, name="feed"),
    path("importeren/", views.import_upload_view, name="import_upload"),
    path("importeren/<int:pk>/", views.import_job_view, name="import_job"),
    path("<int:number>/", views.action_slot_view, name="action_detail"),
    path("plannen/<slug:slug>/", views.plan_view, name="plan"),
    path("plannen/<slug:slug>/feed/", updates_feed, name="plan_feed"),
    path("plannen/<slug:slug>/<int:number>/", views.plan_action_view, name="plan_action"),
    path(
        "plannen/<slug:slug>/<int:number>/update/",
        views.update_add_view,
        name="update_add",
    ),
    path(
        "plannen/<slug:slug>/<int:number>/bewerken/",
        views.action_edit_view,
        name="action_edit",
    ),
]
