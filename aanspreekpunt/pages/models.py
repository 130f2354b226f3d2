"""The page types of the knowledge site and where each may go in the tree.

home
├── theme (one per topic) ── article, FAQ, publication
├── news index (one) ── news item
├── practice index (one) ── inspiring practice
├── article, FAQ, publication
└── generic page ── generic page, publication

Articles, news, practices, publications, FAQs and generic pages carry the site-wide topics
(``topics.Topic``) and may carry the map's themes; a theme page shows everything of its topic.
``search_text`` holds the plain text of the published version for the site search.
"""

import html

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models
from django.db.models import Value
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ContentBlocks, FAQBlocks, RelatedLinkBlock

SEARCH_TEXT_MAX = 20_000
PAGE_SIZE = 12


def plain_text(*parts) -> str:
    """The words of ``parts`` (strings, rich text, stream values) without markup."""
    words = []
    for part in parts:
        if part is None:
            continue
        if hasattr(part, "stream_block"):
            words += [str(text) for text in part.stream_block.get_searchable_content(part)]
        else:
            words.append(str(getattr(part, "source", part)))
    text = " ".join(html.unescape(strip_tags(w)) for w in words)
    return " ".join(text.split())[:SEARCH_TEXT_MAX]


class TaggedPage(Page):
    """A knowledge page with topics, map themes and the plain text the site search reads."""

    intro = models.TextField(_("introduction"), blank=True)
    topics = ParentalManyToManyField(
        "topics.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    themes = ParentalManyToManyField(
        "socialekaart.Theme",
        verbose_name=_("themes of the service map"),
        blank=True,
        related_name="+",
        help_text=_("The client problems of the map this page is about, if any."),
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    # PostgreSQL: title and text as Dutch lexemes, kept with the published version, so the
    # search matches and ranks without reading every page's text again.
    search_vector = SearchVectorField(null=True, editable=False)

    tag_panels = [
        MultiFieldPanel(
            [FieldPanel("topics"), FieldPanel("themes")], heading=_("Topics and themes")
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    def searchable_parts(self) -> list:
        return [self.intro, getattr(self, "body", None)]

    def save(self, *args, **kwargs):
        self.search_text = plain_text(*self.searchable_parts())
        result = super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if connection.vendor == "postgresql" and (
            update_fields is None or "search_text" in update_fields or "title" in update_fields
        ):
            vector = SearchVector(
                Value(self.title, output_field=models.TextField()), weight="A", config="dutch"
            ) + SearchVector(
                Value(self.search_text, output_field=models.TextField()), weight="B", config="dutch"
            )
            type(self).objects.filter(pk=self.pk).update(search_vector=vector)
        return result

    @property
    def summary(self) -> str:
        return self.search_description or self.intro


class HomePage(Page):
    """The root of the knowledge site: what the contact point is, and the ways in."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.ThemePage",
        "pages.NewsIndexPage",
        "pages.PracticeIndexPage",
        "pages.ArticlePage",
        "pages.FAQPage",
        "pages.PublicationPage",
        "pages.StandardPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        # Read only when the kept body is not there (a new minute, a change, a preview).
        context["home"] = SimpleLazyObject(selectors.home_content)
        context.update(selectors.home_body_key())
        if getattr(request, "is_preview", False):  # a draft: never kept, never from the cache
            context["body_versions"] = ""
        return context


class StandardPage(TaggedPage):
    """A generic page of the knowledge site (about, contact, accessibility statement ...)."""

    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, *TaggedPage.tag_panels]
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage", "pages.PublicationPage"]

    class Meta:
        verbose_name = _("generic page")


class ThemePage(TaggedPage):
    """A topic's page: everything of one topic, and the map's offerings of its themes."""

    topic = models.OneToOneField(
        "topics.Topic",
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="theme_page",
        null=True,
        blank=True,
        help_text=_("The articles, news, practices and activities of this topic are shown."),
    )
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        FieldPanel("intro"),
        FieldPanel("themes"),
        FieldPanel("body"),
    ]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ArticlePage", "pages.FAQPage", "pages.PublicationPage"]

    class Meta:
        verbose_name = _("theme page")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.theme_page_content(page=self))
        return context


class ArticlePage(TaggedPage):
    date = models.DateField(_("date"), default=timezone.localdate)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))
    related_news = StreamField(
        [("page", blocks.PageChooserBlock(page_type=["pages.NewsPage"], label=_("News item")))],
        blank=True,
        verbose_name=_("related news (instead of the news of the same topics)"),
    )
    related_activities = StreamField(
        [("link", RelatedLinkBlock())],
        blank=True,
        verbose_name=_("related activities (instead of those of the same topics)"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("related_news"),
        FieldPanel("related_activities"),
    ]
    promote_panels = [*Page.promote_panels, *TaggedPage.tag_panels]
    parent_page_types = ["pages.HomePage", "pages.ThemePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.article_related(page=self))
        return context


class NewsIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news overview")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["items"] = selectors.paginate(
            selectors.news_latest(parent=self), request.GET.get("pagina"), PAGE_SIZE
        )
        return context


class NewsPage(TaggedPage):
    date = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    promote_panels = [*Page.promote_panels, *TaggedPage.tag_panels]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


class PracticeIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.PracticePage"]
    max_count = 1

    class Meta:
        verbose_name = _("practices overview")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["items"] = selectors.paginate(
            selectors.practices(parent=self), request.GET.get("pagina"), PAGE_SIZE
        )
        return context


class PracticePage(TaggedPage):
    """An inspiring practice: an organisation's online help, in its own words."""

    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation = models.ForeignKey(
        "socialekaart.Organisation",
        verbose_name=_("organisation on the map"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Its public offerings on the map are shown with the practice."),
    )
    sector = models.ForeignKey(
        "socialekaart.Sector",
        verbose_name=_("sector"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    modalities = ParentalManyToManyField(
        "socialekaart.Modality", verbose_name=_("modalities"), blank=True, related_name="+"
    )
    testimony = models.TextField(_("testimony"), blank=True)
    testimony_by = models.CharField(_("testimony by"), max_length=200, blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation_name"),
        FieldPanel("organisation"),
        FieldPanel("sector"),
        FieldPanel("modalities"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("testimony"), FieldPanel("testimony_by")], heading=_("Testimony")
        ),
        FieldPanel("body"),
    ]
    promote_panels = [*Page.promote_panels, *TaggedPage.tag_panels]
    parent_page_types = ["pages.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("inspiring practice")
        verbose_name_plural = _("inspiring practices")

    def searchable_parts(self) -> list:
        return [self.organisation_name, self.intro, self.testimony, self.body]

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["offerings"] = selectors.organisation_offerings(page=self)
        return context


class PublicationPage(TaggedPage):
    """A report or study with its document and how to cite it."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    citation = models.TextField(_("citation"), blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("authors"),
        FieldPanel("year"),
        FieldPanel("intro"),
        FieldPanel("document"),
        FieldPanel("citation"),
        FieldPanel("body"),
    ]
    promote_panels = [*Page.promote_panels, *TaggedPage.tag_panels]
    parent_page_types = ["pages.HomePage", "pages.ThemePage", "pages.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publication")

    def searchable_parts(self) -> list:
        return [self.authors, self.intro, self.citation, self.body]


class FAQPage(TaggedPage):
    template = "pages/faq_page.html"
    body = StreamField(FAQBlocks(), blank=True, verbose_name=_("questions"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, *TaggedPage.tag_panels]
    parent_page_types = ["pages.HomePage", "pages.ThemePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("frequently asked questions")
        verbose_name_plural = _("frequently asked questions")

    @cached_property
    def questions(self) -> list:
        return [block.value for block in self.body if block.block_type == "question"]


# The page types the site search, bookmarks and topic pages read (with their search kind).
TAGGED_PAGE_TYPES = [ArticlePage, NewsPage, PracticePage, PublicationPage, FAQPage, StandardPage]
