from django.urls import path

from . import views

app_name = "vorming"

urlpatterns = [
    path("", views.session_list_view, name="session_list"),
    path("sessies/<int:pk>/", views.session_detail_view, name="session_detail"),
    path("sessies/<int:pk>/inschrijven/", views.session_register_view, name="session_register"),
    path("sessies/<int:pk>/agenda.ics", views.session_ics_view, name="session_ics"),
    path(
        "inschrijving/bevestigen/<str:value>/",
        views.registration_confirm_view,
        name="registration_confirm",
    ),
    path(
        "inschrijving/annuleren/<str:value>/",
        views.registration_cancel_view,
        name="registration_cancel",
    ),
    path("evaluatie/<str:value>/", views.evaluation_view, name="evaluation"),
    path("evaluaties/", views.evaluation_results_view, name="evaluation_results"),
    path("mijn-inschrijvingen/", views.my_registrations_view, name="my_registrations"),
    path("planning/", views.planning_view, name="planning"),
    path("materiaal/", views.material_list_view, name="material_list"),
    path("materiaal/<int:pk>/bestand/", views.material_file_view, name="material_file"),
    path("beheer/sessies/<int:pk>/materiaal/", views.material_add_view, name="material_add"),
    path("agenda.ics", views.agenda_feed_view, name="agenda_feed"),
    path("platforms/", views.platform_list_view, name="platform_list"),
    path("budget/", views.budget_view, name="budget"),
    path("rapporten/", views.reports_view, name="reports"),
    path(
        "platforms/overlegmomenten/<int:pk>/stap/",
        views.meeting_move_view,
        name="meeting_move",
    ),
    path("beheer/sessies/nieuw/", views.session_create_view, name="session_create"),
    path("beheer/sessies/<int:pk>/", views.session_manage_view, name="session_manage"),
    path("beheer/sessies/<int:pk>/bewerken/", views.session_edit_view, name="session_edit"),
    path(
        "beheer/sessies/<int:pk>/inschrijvingen.csv",
        views.registrations_export_view,
        {"extension": "csv"},
        name="registrations_export_csv",
    ),
    path(
        "beheer/sessies/<int:pk>/inschrijvingen.xlsx",
        views.registrations_export_view,
        {"extension": "xlsx"},
        name="registrations_export_xlsx",
    ),
]
