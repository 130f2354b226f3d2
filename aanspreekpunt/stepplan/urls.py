from django.urls import path

from . import views

app_name = "stepplan"

urlpatterns = [
    path("", views.guide_view, name="guide"),
    path("vastgelopen/", views.stuck_view, name="stuck"),
    path("organisatie/<slug:slug>/", views.walk_view, name="walk"),
    path("organisatie/<slug:slug>/delen/", views.sharing_view, name="sharing"),
    path("organisatie/<slug:slug>/stap/<int:number>/", views.step_update_view, name="step_update"),
]
