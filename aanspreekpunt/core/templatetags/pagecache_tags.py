"""Template side of the page cache: fragments kept until the data they show changes."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key

from aanspreekpunt.core.pagecache import data_versions

register = template.Library()


class VersionedFragmentNode(template.Node):
    def __init__(self, nodelist, name, versions, vary_on):
        self.nodelist, self.name, self.versions, self.vary_on = nodelist, name, versions, vary_on

    def render(self, context):
        names = (self.versions.resolve(context) or "").split()
        if not settings.PAGE_CACHE_ENABLED or not names:
            return self.nodelist.render(context)
        values = [".".join(str(v) for v in data_versions(names))]
        values += [var.resolve(context) for var in self.vary_on]
        key = make_template_fragment_key(self.name.resolve(context), values)
        fragment = cache.get(key)
        if fragment is None:
            fragment = self.nodelist.render(context)
            cache.set(key, fragment, settings.PAGE_CACHE_SECONDS)
        return fragment


@register.tag
def cache_by_versions(parser, token):
    """Keep a fragment until one of the named data versions changes:

        {% cache_by_versions "map-filters" "deploy map reference" filters_key %}
          ...
        {% endcache_by_versions %}

    The fragment is the same for everyone with the same vary-on values (here the filters),
    so nothing personal may be inside: logged-in visitors and page cache misses share it.
    Empty version names keep nothing (a page's preview, say).
    """
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name and the version names")
    nodelist = parser.parse(("endcache_by_versions",))
    parser.delete_first_token()
    name, versions, *vary_on = (parser.compile_filter(bit) for bit in bits[1:])
    return VersionedFragmentNode(nodelist, name, versions, vary_on)
