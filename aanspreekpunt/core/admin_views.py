"""Back-office (Wagtail admin) views whose every change is audited, for all apps.

A viewset built on :class:`AuditedModelViewSet` writes an audit entry
(``<app>.<model>.admin_created/updated/deleted`` with the changed fields) in the same
transaction as the change, and calls its ``on_change`` once the change is committed (the
service map refreshes its cached figures there).
"""

from django.db import models, transaction
from wagtail.admin.views.generic import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from aanspreekpunt.core.services import audit_describe, audit_record


def _changed_fields(form) -> dict:
    return audit_describe({name: form.cleaned_data.get(name) for name in form.changed_data})


def _record(view, instance, verb: str, changes: dict | None = None) -> None:
    audit_record(
        actor=view.request.user,
        action=f"{instance._meta.label_lower}.admin_{verb}",
        obj=instance,
        changes=changes,
    )
    on_change = getattr(view, "on_change", None)
    if on_change is not None:
        transaction.on_commit(on_change)


class _Audited:
    on_change = None  # set by the viewset


class AuditedCreateView(_Audited, CreateView):
    def save_instance(self):
        with transaction.atomic():
            instance = super().save_instance()
            _record(self, instance, "created", _changed_fields(self.form))
        return instance


class AuditedEditView(_Audited, EditView):
    def save_instance(self):
        with transaction.atomic():
            instance = super().save_instance()
            _record(self, instance, "updated", _changed_fields(self.form))
        return instance


class AuditedDeleteView(_Audited, DeleteView):
    def delete_action(self):
        with transaction.atomic():
            _record(self, self.object, "deleted")
            super().delete_action()


class AuditedModelViewSet(ModelViewSet):
    """Audited create, edit and delete; no copy view; web addresses default to https.

    ``on_change``: a function without arguments called after each committed change
    (declare it as ``staticmethod(function)``).
    """

    copy_view_enabled = False
    add_view_class = AuditedCreateView
    edit_view_class = AuditedEditView
    delete_view_class = AuditedDeleteView
    on_change = None

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(on_change=self.on_change, **kwargs)

    def formfield_for_dbfield(self, db_field, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, **kwargs)
