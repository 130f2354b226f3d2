"""The municipality migrations on a database that has rows, on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("socialekaart", "0003_importjob")]


def _back_to_the_latest_of_every_app():
    """Going back unapplies the migrations of every app that depends on the service map
    (vorming, the step plan ...); forward again to every app's latest, not only the
    service map's, or the transactional tests that follow find those tables missing."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_hand_typed_municipalities_give_way_to_the_official_list():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("socialekaart")
    try:
        executor.migrate(BEFORE)
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        province = old.get_model("socialekaart", "Province").objects.create(
            name="Oost-Vlaanderen", slug="oost-vlaanderen"
        )
        gent = old.get_model("socialekaart", "Municipality").objects.create(
            name="Gent", postcode="9000", province=province
        )
        organisation = old.get_model("socialekaart", "Organisation").objects.create(
            name="Org", slug="org"
        )
        organisation.municipalities.add(gent)

        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    finally:
        _back_to_the_latest_of_every_app()
    new = executor.loader.project_state(latest).apps
    assert not new.get_model("socialekaart", "Municipality").objects.exists()
    assert new.get_model("socialekaart", "Organisation").objects.get(slug="org")


BEFORE_CONSTRAINTS = [("socialekaart", "0008_representation_kept_after_account_deletion")]


@pytest.mark.django_db(transaction=True)
def test_duplicates_stored_before_the_constraints_are_closed_or_renamed():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("socialekaart")
    try:
        executor.migrate(BEFORE_CONSTRAINTS)
        old = MigrationExecutor(connection).loader.project_state(BEFORE_CONSTRAINTS).apps
        user_model = old.get_model("accounts", "User")
        member = user_model.objects.create(email="lid@example.org")
        other = user_model.objects.create(email="ander@example.org")
        organisation = old.get_model("socialekaart", "Organisation").objects.create(
            name="Org", slug="org"
        )
        representations = old.get_model("socialekaart", "Representation").objects
        asked = representations.create(user=member, organisation=organisation)
        approved = representations.create(user=member, organisation=organisation, status="approved")
        new = {"proposed_enterprise_number": "0123456749"}
        first_new = representations.create(user=member, proposed_name="Nieuw", **new)
        same_name = representations.create(user=member, proposed_name="nieuw", **new)
        same_number = representations.create(user=other, proposed_name="Ander", **new)
        offerings = old.get_model("socialekaart", "Offering").objects
        offerings.create(organisation=organisation, name="Chat", slug="chat")
        twin = offerings.create(organisation=organisation, name="chat", slug="chat-2")

        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    finally:
        _back_to_the_latest_of_every_app()
    state = executor.loader.project_state(latest).apps
    status = dict(
        state.get_model("socialekaart", "Representation").objects.values_list("pk", "status")
    )
    assert status == {
        asked.pk: "refused",
        approved.pk: "approved",
        first_new.pk: "requested",
        same_name.pk: "refused",
        same_number.pk: "refused",
    }
    offerings = state.get_model("socialekaart", "Offering").objects
    assert offerings.get(pk=twin.pk).name == "chat (2)"
    assert sorted(offerings.values_list("name", flat=True)) == ["Chat", "chat (2)"]
