from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "aanspreekpunt.forum"
    label = "forum"
    verbose_name = _("Expertise forum")

    def ready(self):
        from aanspreekpunt.core import contributions
        from aanspreekpunt.core.pagecache import watch_models

        from . import demo, models, privacy

        app = self.label
        contributions.demo_seeders.register(
            app=app, name="forum", order=60, run=demo.seed, title="Expertiseforum:"
        )
        contributions.personal_records.register(
            app=app, name="forum", order=60, run=privacy.records
        )
        contributions.personal_data_exporters.register(
            app=app, name="forum_posts", order=70, run=privacy.posts_export
        )
        contributions.personal_data_erasers.register(
            app=app, name="forum", order=60, run=privacy.erase
        )
        from . import knowledge

        knowledge.register(app)  # search, bookmarks, topic pages, home page, sitemap
        # What the public forum pages show: any change bumps the version they are kept by.
        watch_models(
            "forum",
            models.Category,
            models.Thread,
            models.Post,
            models.WorkingGroup,
            models.ForumProfile,
        )
