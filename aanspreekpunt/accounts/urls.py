from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profiel/", views.profile_view, name="profile"),
    path("profiel/mijn-gegevens.json", views.personal_data_view, name="personal_data"),
    path("profiel/verwijderen/", views.account_delete_view, name="delete"),
    path("verwijderd/", views.account_deleted_view, name="deleted"),
]
