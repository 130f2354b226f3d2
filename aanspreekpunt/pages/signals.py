"""Receivers that keep the cached copies of the knowledge site's pages exact."""

from aanspreekpunt.core.pagecache import data_changed


def pages_changed(sender, **kwargs) -> None:
    data_changed("pages")
