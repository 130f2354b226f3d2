from django.db import migrations
from django.db.models.functions import Lower
from django.utils import timezone

OPEN = ["requested", "approved"]
DUPLICATE_NOTE = "Dubbele aanvraag: automatisch gesloten, de eerste aanvraag blijft."


def close_duplicate_requests(apps, schema_editor):
    """Simultaneous requests could store the same request to represent an organisation more
    than once. Of each set the approved one (or else the first) stays; the others are closed
    as refused with a note, so the history keeps them. Next migration adds the constraints."""
    Representation = apps.get_model("socialekaart", "Representation")
    now = timezone.now()
    keys = (
        (
            Representation.objects.filter(status__in=OPEN, organisation__isnull=False),
            lambda r: (r.user_id, r.organisation_id),
        ),
        (
            Representation.objects.filter(status="requested", organisation__isnull=True),
            lambda r: (r.user_id, r.proposed_name.lower()),
        ),
        (
            Representation.objects.filter(status="requested", organisation__isnull=True)
            .exclude(proposed_enterprise_number=""),
            lambda r: r.proposed_enterprise_number,
        ),
    )
    for requests, key in keys:
        kept = set()
        # "approved" sorts before "requested": an approved request is the one kept.
        for request in requests.order_by("status", "created_at", "pk"):
            if key(request) not in kept:
                kept.add(key(request))
                continue
            request.status = "refused"
            request.decision_note = DUPLICATE_NOTE
            request.decided_at = now
            request.save(update_fields=["status", "decision_note", "decided_at"])


def rename_duplicate_offerings(apps, schema_editor):
    """Two offerings of one organisation could have the same name (a double click made two
    drafts). The first keeps its name; the others get a number, "Chat (2)", which the
    representatives can change."""
    Offering = apps.get_model("socialekaart", "Offering")
    seen = set()
    offerings = Offering.objects.annotate(lower_name=Lower("name")).order_by("created_at", "pk")
    for offering in offerings:
        key = (offering.organisation_id, offering.lower_name)
        if key not in seen:
            seen.add(key)
            continue
        number = 2
        while True:
            suffix = f" ({number})"
            name = offering.name[: 200 - len(suffix)] + suffix
            if (offering.organisation_id, name.lower()) not in seen and not Offering.objects.filter(
                organisation_id=offering.organisation_id, name__iexact=name
            ).exists():
                break
            number += 1
        seen.add((offering.organisation_id, name.lower()))
        offering.name = name
        offering.save(update_fields=["name"])


class Migration(migrations.Migration):
    """Data only: PostgreSQL does not alter a table in the transaction that changed its rows,
    so the constraints come in the next migration."""

    dependencies = [
        ("socialekaart", "0008_representation_kept_after_account_deletion"),
    ]

    operations = [
        migrations.RunPython(close_duplicate_requests, migrations.RunPython.noop),
        migrations.RunPython(rename_duplicate_offerings, migrations.RunPython.noop),
    ]
