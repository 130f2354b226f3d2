from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index


class ContentBlocks(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", label=_("Heading"))
    paragraph = blocks.RichTextBlock(label=_("Paragraph"))
    quote = blocks.BlockQuoteBlock(label=_("Quote"))


class HomePage(Page):
    """The root of the knowledge site: an introduction and the ways into the platform."""

    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """A generic page of the knowledge site (privacy, about, accessibility statement ...)."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("generic page")
