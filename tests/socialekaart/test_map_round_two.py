"""The map for a youth worker on a phone: reachable now (staffed apart from always
available), when a closed offering opens next, alternatives on the same channel, chips for
the active filters, counts that follow the results with htmx, a useful empty result, the
list's order, and the way in for organisations."""

import re
from datetime import date, datetime, time
from types import SimpleNamespace as Row
from zoneinfo import ZoneInfo

import pytest

from socialekaart.models import Modality, Offering, OpeningException, TargetGroup, Theme
from socialekaart.models.offerings import sort_key
from socialekaart.opening import OpenState, open_state

from .conftest import make_offering

pytestmark = pytest.mark.django_db

MAP = "/sociale-kaart/"
BRUSSELS = ZoneInfo("Europe/Brussels")
ALL_DAY = [{"weekday": d, "opens": time(0), "closes": time(23, 59)} for d in range(7)]
SATURDAY_EVENING = [{"weekday": 5, "opens": time(18), "closes": time(22)}]


@pytest.fixture
def email(db):
    return Modality.objects.create(name="E-mail of berichten", slug="email", family="communicative")


@pytest.fixture
def offerings(noon, organisation, coordinator, chat, youth):
    """A staffed chat open now, a self-help site always available, a chat closed until
    Saturday evening."""
    return {
        "staffed": make_offering(
            organisation,
            coordinator,
            name="Zorgchat",
            modalities=[chat],
            target_groups=[youth],
            anonymity="anonymous",
            cost="free",
            access_url="https://zorgchat.example/chat",
            hours=ALL_DAY,
        ),
        "always": make_offering(
            organisation,
            coordinator,
            name="Alles over stress",
            target_groups=[youth],
            always_available=True,
        ),
        "closed": make_offering(
            organisation,
            coordinator,
            name="Weekendchat",
            modalities=[chat],
            target_groups=[youth],
            hours=SATURDAY_EVENING,
        ),
    }


def body(client, url, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def results_names(html: str) -> list[str]:
    return re.findall(r'class="offering-card__title"><a href="[^"]+">([^<]+)</a>', html)


# --- reachable now ---------------------------------------------------------------------------


def test_staffed_now_and_always_available_are_kept_apart(client, offerings):
    staffed = body(client, MAP + "?bereikbaar=bemand")
    assert results_names(staffed) == ["Zorgchat"]
    always = body(client, MAP + "?bereikbaar=altijd")
    assert results_names(always) == ["Alles over stress"]
    both = body(client, MAP + "?bereikbaar=bemand&bereikbaar=altijd")
    assert sorted(results_names(both)) == ["Alles over stress", "Zorgchat"]


def test_the_reachable_filter_shows_a_count_for_each_kind(client, offerings):
    html = body(client, MAP)
    count = r' <span class="count">\(1\)'
    assert re.search(r'for="f-bereikbaar-bemand">nu bemand' + count, html)
    assert re.search(r'for="f-bereikbaar-altijd">altijd beschikbaar' + count, html)


def test_cards_say_staffed_always_or_when_a_closed_one_opens(client, offerings):
    html = body(client, MAP)
    assert "Nu bemand" in html
    assert "Altijd beschikbaar" in html
    # Wednesday noon: the Saturday chat opens in three days.
    assert "Gesloten · opent zaterdag om 18:00" in html


def test_without_a_query_what_is_staffed_now_comes_first(client, offerings):
    # "Alles over stress" and "Weekendchat" come before "Zorgchat" by name.
    assert results_names(body(client, MAP)) == ["Zorgchat", "Alles over stress", "Weekendchat"]


def test_with_a_query_the_best_match_comes_first(client, offerings, organisation, coordinator):
    make_offering(organisation, coordinator, name="Aandacht", description="Een chat over stress")
    names = results_names(body(client, MAP + "?q=stress"))
    assert names == ["Alles over stress", "Aandacht"]


def test_names_sort_without_case_accents_or_punctuation(client, noon, organisation, coordinator):
    for name in ["Zelfhulp", "çavaria", "a-Buddy", "Beta", "Écoute"]:
        make_offering(organisation, coordinator, name=name)
    assert results_names(body(client, MAP)) == ["a-Buddy", "Beta", "çavaria", "Écoute", "Zelfhulp"]
    assert sort_key("a-Buddy") == "abuddy"
    assert sort_key("Çavaria") == "cavaria"


# --- when it opens next ------------------------------------------------------------------------


def test_a_closed_offering_says_when_it_opens_next_across_days_and_holidays():
    saturday = [Row(weekday=5, opens=time(18), closes=time(22))]
    wednesday = datetime(2026, 12, 2, 12, tzinfo=BRUSSELS)
    result = open_state(always_available=False, rules=saturday, exceptions=[], at=wednesday)
    assert result.status == OpenState.CLOSED
    assert result.next_opening == datetime(2026, 12, 5, 18, tzinfo=BRUSSELS)
    # Monday 9:00 after Easter Monday (a holiday) is Tuesday's window.
    weekdays = [Row(weekday=d, opens=time(9), closes=time(17)) for d in range(5)]
    easter_sunday = datetime(2026, 4, 5, 12, tzinfo=BRUSSELS)
    result = open_state(always_available=False, rules=weekdays, exceptions=[], at=easter_sunday)
    assert result.next_opening == datetime(2026, 4, 7, 9, tzinfo=BRUSSELS)
    # An exception closes the Saturday: the next one is a week later.
    closed = [Row(date=date(2026, 12, 5), closed=True, opens=None, closes=None)]
    result = open_state(always_available=False, rules=saturday, exceptions=closed, at=wednesday)
    assert result.next_opening == datetime(2026, 12, 12, 18, tzinfo=BRUSSELS)


def test_the_offering_page_shows_dated_exceptions_ahead(client, offerings):
    OpeningException.objects.create(
        offering=offerings["closed"], date=date(2026, 12, 5), closed=True, note="Teamdag"
    )
    html = body(client, offerings["closed"].get_absolute_url())
    assert "zaterdag 5 december 2026" in html
    assert "Teamdag" in html
    assert "opent zaterdag 12 december om 18:00" in html


# --- alternatives ------------------------------------------------------------------------------


def test_alternatives_match_the_channel_and_say_when_they_close(
    client, offerings, organisation, coordinator, chat, youth, email
):
    make_offering(
        organisation,
        coordinator,
        name="Klachtenlijn",
        modalities=[email],
        target_groups=[youth],
        hours=ALL_DAY,
    )
    html = body(client, offerings["closed"].get_absolute_url())
    section = html.split('class="alternatives"', 1)[1]
    assert "Zorgchat" in section
    assert "bemand tot 23:59" in section
    assert "anoniem: anoniem" in section
    assert "Klachtenlijn" not in section  # e-mail is not an alternative to a chat


def test_alternatives_are_ranked_by_shared_target_groups_and_themes(
    client, offerings, organisation, coordinator, chat, youth
):
    parents = TargetGroup.objects.create(name="Ouders", slug="ouders")
    stress = Theme.objects.create(name="Stress", slug="stress")
    closed = offerings["closed"]
    closed.target_groups.add(parents)
    closed.themes.add(stress)
    make_offering(
        organisation,
        coordinator,
        name="Aaa ouderchat",
        modalities=[chat],
        target_groups=[youth, parents],
        themes=[stress],
        hours=ALL_DAY,
    )
    html = body(client, closed.get_absolute_url())
    section = html.split('class="alternatives"', 1)[1]
    assert section.index("Aaa ouderchat") < section.index("Zorgchat")


# --- actions on cards and pages ---------------------------------------------------------------


def test_cards_carry_their_action_anonymity_and_cost(client, offerings):
    Offering.objects.filter(pk=offerings["always"].pk).update(
        phone="02 123 45 67", access_url="https://stress.example"
    )
    html = body(client, MAP)
    assert re.search(r'href="https://zorgchat.example/chat"[^>]*>Start de chat', html)
    assert re.search(r'href="tel:021234567"[^>]*>Bel 02 123 45 67', html)
    assert re.search(r'href="https://stress.example"[^>]*>Open de website', html)
    assert "Anoniem: anoniem" in html
    assert "Kosten: gratis" in html


def test_a_channels_internal_description_is_not_shown(client, offerings):
    Modality.objects.filter(slug="chat").update(name="Chat (anoniem/open)")
    html = body(client, offerings["staffed"].get_absolute_url())
    assert "anoniem/open" not in html
    assert "Chat" in html


# --- chips, counts and htmx --------------------------------------------------------------------


def test_active_filters_are_chips_that_remove_themselves(client, offerings):
    html = body(client, MAP + "?modaliteit=chat&bereikbaar=bemand&pagina=1")
    chips = re.findall(r'<a class="chip" href="([^"]+)">(.*?)</a>', html, re.S)
    labels = [re.sub(r"<[^>]+>", "", text).split("\u00d7")[0].strip() for _, text in chips]
    assert labels == ["Nu bereikbaar: nu bemand", "Modaliteit: Chat"]
    hrefs = [href.replace("&amp;", "&") for href, _ in chips]
    assert hrefs[0] == "?modaliteit=chat#resultaten"
    assert hrefs[1] == "?bereikbaar=bemand#resultaten"


def test_htmx_answer_updates_counts_and_button_with_the_results(client, offerings):
    html = body(client, MAP + "?bereikbaar=altijd", HX_Request="true")
    assert "<html" not in html
    assert "1 resultaat" in html
    assert re.search(r'id="facets" hx-swap-oob="true"', html)
    assert re.search(r'id="show-results" hx-swap-oob="true">Toon 1 resultaat<', html)
    assert re.search(r'id="reachability" hx-swap-oob="true"', html)
    # The only result carries no chat: the chat facet shows no stale count.
    assert 'value="chat"' not in html.split('id="facets"', 1)[1]


def test_the_whole_page_and_the_htmx_answer_give_the_same_counts(client, offerings):
    full = body(client, MAP + "?modaliteit=chat")
    partial = body(client, MAP + "?modaliteit=chat", HX_Request="true")
    pattern = r'for="f-doelgroep-jongeren">Jongeren <span class="count">\((\d+)\)'
    assert re.search(pattern, full).group(1) == re.search(pattern, partial).group(1) == "2"
    assert "Toon 2 resultaten" in full
    assert "Toon 2 resultaten" in partial


def test_pagination_keeps_the_filters_and_points_at_the_results(
    client, noon, organisation, coordinator
):
    for number in range(21):
        make_offering(organisation, coordinator, name=f"Aanbod {number:02d}")
    html = body(client, MAP + "?status=realised")
    link = re.search(r'<a rel="next" href="([^"]+)" hx-get="([^"]+)"', html)
    assert link.group(1).replace("&amp;", "&") == "?status=realised&pagina=2#resultaten"
    assert link.group(2).replace("&amp;", "&") == "?status=realised&pagina=2"
    assert 'data-keep-focus="#result-count"' in html


# --- an empty result ---------------------------------------------------------------------------


def test_an_empty_result_offers_to_drop_the_filter_that_empties_it(client, offerings):
    html = body(client, MAP + "?bereikbaar=bemand&anonimiteit=identified")
    assert "0 resultaten" in html
    assert "export.csv" not in html
    suggestions = html.split('class="suggestions"', 1)[1].split("</ul>", 1)[0]
    assert "Zonder “Anonimiteit: met uw naam”: 1 resultaat" in suggestions
    assert "Nu bereikbaar" not in suggestions  # dropping it alone still finds nothing
    # and what a person answers right now
    assert "Nu bemand" in html
    assert "Zorgchat" in html


@pytest.mark.parametrize(
    "query", ["?bereikbaar=misschien", "?bereikbaar=%00", "?q=%00&bereikbaar=bemand"]
)
def test_odd_reachable_values_never_fail(client, offerings, query):
    assert client.get(MAP + query).status_code == 200


# --- the way in for organisations -------------------------------------------------------------


def test_offering_and_organisation_pages_lead_to_the_request_to_represent(
    client, offerings, organisation, member
):
    request_url = f"/sociale-kaart/mijn-organisatie/aanvragen/?organisatie={organisation.slug}"
    for page in (offerings["staffed"].get_absolute_url(), organisation.get_absolute_url()):
        html = body(client, page)
        assert "Werkt u hier?" in html
        assert f'href="{request_url}"' in html
    # Anonymous visitors log in first, and come back to the request.
    response = client.get(request_url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(member)
    html = body(client, request_url)
    assert re.search(rf'<option value="{organisation.pk}" selected>', html)


@pytest.mark.parametrize("slug", ["%00", "x" * 300, "bestaat-niet", "../../"])
def test_an_odd_organisation_in_the_request_address_is_ignored(client, member, slug):
    client.force_login(member)
    url = f"/sociale-kaart/mijn-organisatie/aanvragen/?organisatie={slug}"
    assert client.get(url).status_code == 200


def test_my_organisation_is_in_the_account_menu_of_members(client, member, representative):
    for user in (member, representative):
        client.force_login(user)
        html = body(client, "/accounts/profiel/")
        menu = html.split('class="account-nav"', 1)[1].split("</nav>", 1)[0]
        assert 'href="/sociale-kaart/mijn-organisatie/">Mijn organisatie</a>' in menu


def test_for_a_real_time_channel_only_staffed_offerings_are_alternatives(
    client, offerings, organisation, coordinator, chat, youth
):
    Modality.objects.filter(pk=chat.pk).update(synchronous=True)
    make_offering(
        organisation,
        coordinator,
        name="Altijd-chat",
        modalities=[chat],
        target_groups=[youth],
        always_available=True,
    )
    html = body(client, offerings["closed"].get_absolute_url())
    section = html.split('class="alternatives"', 1)[1]
    assert "Zorgchat" in section
    assert "Altijd-chat" not in section
