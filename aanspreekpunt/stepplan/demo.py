"""Demo content of the step plan: the demo representative's organisation has finished the
first two steps and is busy with the third, with demo notes. Running ``seed`` again adds
nothing; the service map's demo content comes first."""

from django.db import transaction
from django.utils import timezone

from socialekaart.models import Organisation, Representation

from .models import Step, StepProgress

NOTE = "Demo-notitie: besproken op het directieoverleg."
PLAN = {1: StepProgress.State.DONE, 2: StepProgress.State.DONE, 3: StepProgress.State.BUSY}


@transaction.atomic
def seed() -> list[str]:
    representation = (
        Representation.objects.filter(
            status=Representation.Status.APPROVED, user__email__endswith="@demo.onlinehulp.be"
        )
        .select_related("organisation", "user")
        .first()
    )
    if representation is None:
        raise ValueError("Seed the service map first (seed_demo --app socialekaart).")
    organisation: Organisation = representation.organisation
    steps = {step.number: step for step in Step.objects.filter(number__in=PLAN)}
    added = 0
    for number, state in PLAN.items():
        _, created = StepProgress.objects.get_or_create(
            organisation=organisation,
            step=steps[number],
            defaults={
                "state": state,
                "state_since": timezone.now(),
                "note": NOTE,
                "note_date": timezone.localdate(),
                "updated_by": representation.user,
            },
        )
        added += created
    return [f"  {organisation.name}: {added} stappen van het stappenplan ingevuld."]
