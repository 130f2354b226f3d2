from django.urls import path

from .views import (
    corrections,
    exports,
    imports,
    moderation,
    public,
    quality,
    statistics,
    workspace,
)

app_name = "socialekaart"

urlpatterns = [
    path("", public.offering_list_view, name="offering_list"),
    path("aanbod/<slug:slug>/", public.offering_detail_view, name="offering_detail"),
    path(
        "aanbod/<slug:slug>/meld-een-fout/",
        corrections.offering_report_view,
        name="offering_report",
    ),
    path("organisaties/<slug:slug>/", public.organisation_detail_view, name="organisation_detail"),
    path("sectoren/", statistics.sector_statistics_view, name="sector_statistics"),
    path("mijn-organisatie/", workspace.my_organisation_view, name="my_organisation"),
    path(
        "mijn-organisatie/aanvragen/",
        workspace.representation_request_view,
        name="representation_request",
    ),
    path(
        "mijn-organisatie/<slug:slug>/",
        workspace.organisation_edit_view,
        name="organisation_edit",
    ),
    path(
        "mijn-organisatie/<slug:slug>/nieuw-aanbod/",
        workspace.offering_create_view,
        name="offering_create",
    ),
    path(
        "mijn-organisatie/aanbod/<slug:slug>/", workspace.offering_edit_view, name="offering_edit"
    ),
    path(
        "mijn-organisatie/aanbod/<slug:slug>/indienen/",
        workspace.offering_submit_view,
        name="offering_submit",
    ),
    path(
        "mijn-organisatie/aanbod/<slug:slug>/bevestigen/",
        workspace.offering_confirm_view,
        name="offering_confirm",
    ),
    path(
        "mijn-organisatie/aanbod/<slug:slug>/uitzonderingen/",
        workspace.opening_exception_add_view,
        name="opening_exception_add",
    ),
    path(
        "mijn-organisatie/aanbod/<slug:slug>/uitzonderingen/<int:pk>/verwijderen/",
        workspace.opening_exception_delete_view,
        name="opening_exception_delete",
    ),
    path(
        "mijn-organisatie/aanbod/<slug:slug>/melding/",
        workspace.offering_notice_view,
        name="offering_notice",
    ),
    path(
        "mijn-organisatie/meldingen/<int:pk>/",
        corrections.correction_handle_view,
        name="correction_handle",
    ),
    path("moderatie/", moderation.moderation_queue_view, name="moderation_queue"),
    path(
        "moderatie/aanbod/<int:pk>/archiveren/",
        moderation.offering_archive_view,
        name="offering_archive",
    ),
    path("moderatie/aanbod/<int:pk>/", moderation.offering_review_view, name="offering_review"),
    path(
        "moderatie/vertegenwoordigers/<int:pk>/",
        moderation.representation_decide_view,
        name="representation_decide",
    ),
    path("export.csv", exports.offerings_export_csv_view, name="offerings_export_csv"),
    path("export.xlsx", exports.offerings_export_xlsx_view, name="offerings_export_xlsx"),
    path("importeren/", imports.import_upload_view, name="import_upload"),
    path("importeren/<int:pk>/", imports.import_job_view, name="import_job"),
    # --- Quality of online help (issue 18) ---
    path("kwaliteitsnormen/", quality.quality_norms_view, name="quality_norms"),
    path("kwaliteit/", quality.quality_figures_view, name="quality_figures"),
    path(
        "mijn-organisatie/aanbod/<slug:slug>/kwaliteit/",
        quality.quality_answers_view,
        name="quality_answers",
    ),
]
