"""What the knowledge site reads from the training app, and the demo content."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from aanspreekpunt.topics.models import Topic
from vorming import selectors, services
from vorming.models import Evaluation, Registration, Session

from .factories import make_session

pytestmark = pytest.mark.django_db


def test_upcoming_sessions_by_topic_soonest_first(coordinator):
    topic = Topic.objects.create(name="Deontologie test", slug="deontologie-test")
    later = make_session(actor=coordinator, title="Later", topics=[topic])
    soon = make_session(
        actor=coordinator,
        title="Snel",
        topics=[topic],
        start=later.start - timedelta(days=2),
        end=later.start - timedelta(days=2) + timedelta(hours=1),
    )
    make_session(actor=coordinator, title="Zonder onderwerp")
    cancelled = make_session(actor=coordinator, title="Afgelast", topics=[topic])
    services.session_set_status(session=cancelled, to_status="cancelled", actor=coordinator)

    assert selectors.sessions_upcoming(limit=5, topic=topic) == [soon, later]
    assert selectors.sessions_upcoming(limit=1, topic="deontologie-test") == [soon]
    assert len(selectors.sessions_upcoming(limit=10)) == 3


def test_a_public_session_by_number_or_key(session):
    assert selectors.session_get_public_or_404(session.pk) == session
    assert selectors.session_get_public_or_404(session.slug) == session
    assert selectors.session_get_public_or_404(str(session.pk)).get_absolute_url() == (
        f"/vorming/sessies/{session.pk}/"
    )
    with pytest.raises(Http404):
        selectors.session_get_public_or_404("bestaat-niet")
    assert session in selectors.sessions_public()


def test_the_demo_content_is_marked_and_seeding_twice_adds_nothing():
    call_command("load_reference_data", verbosity=0)
    from vorming import demo

    demo.seed()
    counts = (Session.objects.count(), Registration.objects.count())
    demo.seed()
    assert (Session.objects.count(), Registration.objects.count()) == counts
    assert counts == (4, 13)
    assert all(s.is_demo and "demo" in s.title for s in Session.objects.all())
    # a few past sessions: a teaser and a training day, with attendance and evaluations
    assert Session.objects.filter(status="held", start__lt=timezone.now()).count() == 2
    day = Session.objects.get(status="held", kind="training_day")
    assert day.sector.slug == "jeugdhulp"
    assert list(day.registrations.order_by("pk").values_list("attended", flat=True)) == [
        True,
        True,
        False,
    ]
    assert Evaluation.objects.filter(registration__session=day).count() == 2
    held = Session.objects.get(status="held", kind="teaser")
    assert held.meeting.state == "given"
    assert held.registrations.filter(attended=True).count() == 4
    assert Evaluation.objects.filter(registration__session=held).count() == 3
    full = Session.objects.get(title__contains="volzet")
    assert full.registrations.filter(status="waiting").count() == 2
