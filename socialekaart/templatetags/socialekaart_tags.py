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
