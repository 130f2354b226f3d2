"""The municipality migrations on a database that has rows, on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("socialekaart", "0003_importjob")]


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
        MigrationExecutor(connection).migrate(latest)
    new = executor.loader.project_state(latest).apps
    assert not new.get_model("socialekaart", "Municipality").objects.exists()
    assert new.get_model("socialekaart", "Organisation").objects.get(slug="org")
