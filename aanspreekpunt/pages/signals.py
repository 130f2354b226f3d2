"""Receivers that keep what is cached of the knowledge site exact: the footer's page links
and the cached copies of public pages."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from aanspreekpunt.core.pagecache import LAYOUT, data_changed

from .selectors import FOOTER_PAGE_SLUGS, footer_links_forget


def pages_changed(sender, **kwargs) -> None:
    data_changed("pages")


def forget_footer_links(sender, instance=None, instance_before=None, **kwargs) -> None:
    """A footer page (by its slug, before or after a rename) was published, unpublished,
    renamed, moved or deleted: every page carries the footer, so its cached copies go with
    the links. Other pages leave the layout as it is."""
    pages = (instance, instance_before)
    if not any(page is not None and page.slug in FOOTER_PAGE_SLUGS for page in pages):
        return
    footer_links_forget()
    data_changed(LAYOUT)


def forget_footer_links_on_delete(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        forget_footer_links(sender, instance=instance)


def connect() -> None:
    signals = {
        "published": page_published,
        "unpublished": page_unpublished,
        "slug_changed": page_slug_changed,
        "moved": post_page_move,
    }
    for name, signal in signals.items():
        signal.connect(forget_footer_links, dispatch_uid=f"pages.footer.{name}")
    post_delete.connect(forget_footer_links_on_delete, dispatch_uid="pages.footer.delete")
