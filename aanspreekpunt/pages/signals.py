"""Keep the footer's cached page links in step with what editors publish."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .selectors import footer_links_forget


def forget_footer_links(sender, **kwargs) -> None:
    footer_links_forget()


def forget_footer_links_on_delete(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        footer_links_forget()


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
