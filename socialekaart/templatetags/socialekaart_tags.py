from django import template

register = template.Library()


@register.inclusion_tag("socialekaart/includes/facet_group.html")
def facet_group(filterset, name, label, counts):
    """Checkboxes for one facet, each with the number of results it has."""
    field = filterset.form[name]
    chosen = {str(value) for value in (field.value() or [])}
    options = []
    for value, option_label in field.field.choices:
        value = str(getattr(value, "value", value))
        count = (counts or {}).get(value, 0)
        if count or value in chosen:
            options.append(
                {"value": value, "label": option_label, "count": count, "checked": value in chosen}
            )
    return {"name": name, "label": label, "options": options}


@register.filter
def weekday_name(number) -> str:
    """The Dutch name of weekday ``number`` (0 is Monday)."""
    from ..models import OpeningHours

    return OpeningHours.Weekday(int(number)).label


@register.filter
def channel_name(modality) -> str:
    """A channel as visitors say it: "Chat (anoniem/open)" reads "chat"."""
    name = str(getattr(modality, "name", modality) or "")
    return name.split(" (", 1)[0].strip().lower()


CHAT_CHANNELS = {"chat", "chat-op-afspraak"}
VIDEO_CHANNELS = {"videobellen"}


@register.simple_tag
def offering_actions(offering) -> list[dict]:
    """The ways to reach ``offering`` as buttons, the most direct first: start the chat,
    call, mail, open the website. Reads the prefetched modalities."""
    from django.utils.translation import gettext as _

    channels = {m.slug for m in offering.modalities.all()}
    actions = []
    if offering.access_url and channels & CHAT_CHANNELS:
        actions.append({"label": _("Start the chat"), "href": offering.access_url, "kind": "chat"})
    elif offering.access_url and channels & VIDEO_CHANNELS:
        actions.append(
            {"label": _("Start the video call"), "href": offering.access_url, "kind": "video"}
        )
    if offering.phone:
        phone = "".join(c for c in offering.phone if c.isdigit() or c == "+")
        actions.append(
            {
                "label": _("Call %(number)s") % {"number": offering.phone},
                "href": f"tel:{phone}",
                "kind": "phone",
            }
        )
    if offering.email:
        actions.append({"label": _("Mail"), "href": f"mailto:{offering.email}", "kind": "mail"})
    if offering.access_url and not any(a["kind"] in {"chat", "video"} for a in actions):
        actions.append(
            {"label": _("Open the website"), "href": offering.access_url, "kind": "website"}
        )
    return actions


@register.simple_tag
def reachability_options(filterset, counts) -> list[dict]:
    """The two ways of being reachable now, each with its count and what it means."""
    from django.utils.translation import gettext as _

    from ..filters import ALWAYS, REACHABILITY_CHOICES, STAFFED

    chosen = {str(value) for value in (filterset.form["bereikbaar"].value() or [])}
    helps = {
        STAFFED: _("A person answers now: chat, phone or video within its opening hours."),
        ALWAYS: _("Self-help, tests and information you can use at any time."),
    }
    return [
        {
            "value": value,
            "label": label,
            "count": (counts or {}).get(value, 0),
            "checked": value in chosen,
            "help": helps[value],
        }
        for value, label in REACHABILITY_CHOICES
    ]
