"""Topics ("onderwerpen"): the professional subjects of online help, one list for the site.

The service map's themes describe a client's problem (verslaving, rouw ...); topics describe
the practitioner's subject (chathulp, deontologie en privacy, kwaliteit ...). The forum, the
policy actions, training sessions and knowledge pages tag with these, so the knowledge site
ties them together without a second list.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("key"), max_length=80, unique=True, help_text=_("Used in web addresses; keep it stable.")
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('search:search')}?onderwerp={self.slug}"
