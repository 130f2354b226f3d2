"""The content blocks of the knowledge site's pages (StreamField).

Rich text is cleaned again when it is shown (``pages_tags.clean_richtext``): what editors or an
import stored cannot run a script. An image needs its alternative text; the embed placeholder
shows a link to the video or form elsewhere and loads nothing from another site.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "pages/blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "pages/blocks/callout.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt") or "").strip():
            raise StructBlockValidationError(
                block_errors={"alt": ValidationError(_("Describe the image in a few words."))}
            )
        return value

    class Meta:
        icon = "image"
        label = _("Image")
        template = "pages/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "pages/blocks/document.html"


class TableRowBlock(blocks.StructBlock):
    cells = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Cells"))


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("Caption"), max_length=200)
    header = blocks.ListBlock(blocks.CharBlock(max_length=200), label=_("Column headings"))
    rows = blocks.ListBlock(TableRowBlock(), label=_("Rows"))

    class Meta:
        icon = "table"
        label = _("Table")
        template = "pages/blocks/table.html"


def validate_local_path(value):
    if not value.startswith("/") or value.startswith("//"):
        raise ValidationError(_("Give an address on this platform, starting with /."))


def validate_offering_slugs(value):
    from socialekaart.models import Offering

    slugs = [slug.strip() for slug in value.split(",") if slug.strip()]
    known = set(Offering.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        raise ValidationError(
            _("No offering on the map has the key %(keys)s."), params={"keys": ", ".join(unknown)}
        )


class RelatedOfferingsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    offerings = blocks.CharBlock(
        label=_("Offerings"),
        max_length=2000,
        validators=[validate_offering_slugs],
        help_text=_(
            "The keys of the offerings from their web addresses on the map, separated by "
            "commas (chat-erover, ...). Only public offerings are shown."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("Related offerings")
        template = "pages/blocks/related_offerings.html"


class EmbedPlaceholderBlock(blocks.StructBlock):
    """A video or form elsewhere, shown as a link: no third-party script or frame loads."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.URLBlock(label=_("Address"))
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "media"
        label = _("Video or embedded content (as a link)")
        template = "pages/blocks/embed_placeholder.html"


class RelatedLinkBlock(blocks.StructBlock):
    """An activity an editor links by hand: a session, a forum topic, a policy action ..."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.CharBlock(
        label=_("Address"),
        max_length=300,
        validators=[validate_local_path],
        help_text=_("An address on this platform, such as /vorming/sessies/12/."),
    )
    meta = blocks.CharBlock(label=_("Date or place"), max_length=100, required=False)

    class Meta:
        icon = "link"
        label = _("Activity")


class ContentBlocks(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", label=_("Heading"))
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES)
    quote = QuoteBlock()
    callout = CalloutBlock()
    image = ImageBlock()
    document = DocumentBlock()
    table = TableBlock()
    related_offerings = RelatedOfferingsBlock()
    embed = EmbedPlaceholderBlock()


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "pages/blocks/question.html"


class FAQBlocks(blocks.StreamBlock):
    question = QuestionBlock()
    heading = blocks.CharBlock(form_classname="title", label=_("Heading"))
