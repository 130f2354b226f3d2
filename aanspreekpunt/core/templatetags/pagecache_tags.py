"""Template side of the page cache: fragments keyed by the versions of their data."""

from django import template

from aanspreekpunt.core.pagecache import data_versions

register = template.Library()


@register.simple_tag
def data_version_key(*names: str) -> str:
    """The current versions of ``names`` as one value, for ``{% cache %}``'s vary_on:

        {% data_version_key "map" "reference" as versions %}
        {% cache 3600 sector-figures versions %} ... {% endcache %}

    Not personal, so such a fragment is shared by logged-in visitors and page cache misses.
    """
    return ".".join(str(value) for value in data_versions(names))
