"""Replace Wagtail's placeholder page with the platform's HomePage as the site root."""

from django.db import migrations

INTRO = (
    "<p>Het Intersectoraal Aanspreekpunt Onlinehulp brengt het onlinehulpaanbod van "
    "welzijns- en gezondheidsorganisaties in Vlaanderen samen: chat, e-mail, forum, "
    "videobellen en zelfhulp. Hier vindt u dat aanbod, de vorming voor directies en de "
    "stand van de beleidsacties.</p>"
)


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("pages.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="pages")
    home = HomePage.objects.create(
        title="Aanspreekpunt Onlinehulp",
        draft_title="Aanspreekpunt Onlinehulp",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        intro=INTRO,
        locale=Locale.objects.order_by("pk").first(),
    )
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


def remove_homepage(apps, schema_editor):
    apps.get_model("pages.HomePage").objects.filter(slug="home", depth=2).delete()
    apps.get_model("contenttypes.ContentType").objects.filter(
        model="homepage", app_label="pages"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
