from django.urls import path

from .views import moderation, public, workspace

app_name = "socialekaart"

urlpatterns = [
    path("", public.offering_list_view, name="offering_list"),
    path("aanbod/<slug:slug>/", public.offering_detail_view, name="offering_detail"),
    path("organisaties/<slug:slug>/", public.organisation_detail_view, name="organisation_detail"),
    path("sectoren/", public.offering_list_view, name="sector_statistics"),
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
    path("moderatie/", moderation.moderation_queue_view, name="moderation_queue"),
    path("moderatie/aanbod/<int:pk>/", moderation.offering_review_view, name="offering_review"),
    path(
        "moderatie/vertegenwoordigers/<int:pk>/",
        moderation.representation_decide_view,
        name="representation_decide",
    ),
]
