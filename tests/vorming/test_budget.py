"""The budget of Basisvorming-nota (2015) §7.4 against recorded spending, in euro."""

from decimal import Decimal

import pytest

from aanspreekpunt.core.models import AuditEntry
from tests.sessions import login
from vorming.models import BudgetYear, Spending
from vorming.templatetags.vorming_tags import euro

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, coordinator):
    login(client, coordinator, two_factor=True)
    return client


@pytest.fixture
def budget_2016(db):
    return BudgetYear.objects.create(
        year=2016,
        personnel=Decimal("29500"),
        operating=Decimal("3000"),
        overhead=Decimal("3250"),
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("35750"), "35.750,00 €"),
        (Decimal("0.5"), "0,50 €"),
        (Decimal("1234567.891"), "1.234.567,89 €"),
        (Decimal("-12"), "-12,00 €"),
        (None, "\u2013"),
    ],
)
def test_amounts_are_written_the_belgian_way(value, text):
    assert euro(value) == text


def test_planned_spent_and_remaining_with_a_warning_when_overspent(coordinator_client, budget_2016):
    response = coordinator_client.post(
        "/vorming/budget/?year=2016",
        {"on": "2016-05-03", "category": "operating", "amount": "3100,50", "note": "Zaalhuur"},
        follow=True,
    )
    text = response.content.decode()
    assert "35.750,00 €" in text
    assert "3.100,50 €" in text
    assert "-100,50 €" in text
    assert "overschreden" in text
    spending = Spending.objects.get()
    assert spending.amount == Decimal("3100.50")
    assert AuditEntry.objects.filter(action="vorming.spending.recorded").exists()


@pytest.mark.parametrize("amount", ["0", "-5", "veel", "1e400", ""])
def test_a_wrong_amount_is_a_dutch_error(coordinator_client, budget_2016, amount):
    response = coordinator_client.post(
        "/vorming/budget/", {"on": "2016-05-03", "category": "operating", "amount": amount}
    )
    assert response.status_code == 400
    assert not Spending.objects.exists()


@pytest.mark.parametrize("year", ["abc", "99999", "-1"])
def test_a_wrong_year_shows_this_year(coordinator_client, year):
    assert coordinator_client.get(f"/vorming/budget/?year={year}").status_code == 200
