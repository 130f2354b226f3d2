"""Create the role groups of product.md §2 and give staff roles their back-office access."""

from django.db import migrations

MEMBERS = "Communityleden"
REPRESENTATIVES = "Vertegenwoordigers"
COORDINATORS = "Coördinatoren"
EDITORS = "Redacteurs"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image"],
}


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in
              (MEMBERS, REPRESENTATIVES, COORDINATORS, EDITORS)}
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in (COORDINATORS, EDITORS):
        groups[name].permissions.add(admin_access)

    root_page = Page.objects.filter(depth=1).first()
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=groups[EDITORS], page=root_page, permission=permission
        )
    root_collection = Collection.objects.filter(depth=1).first()
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=groups[EDITORS], collection=root_collection, permission=permission
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(
        name__in=[MEMBERS, REPRESENTATIVES, COORDINATORS, EDITORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
