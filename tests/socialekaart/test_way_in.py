"""The way in for an organisation's staff: from a public page through sign-up or login to
the request to represent that organisation, with the organisation already chosen."""

import re
from html import unescape

import pytest
from django.core import mail

from tests.factories import PASSWORD

from .conftest import make_offering

pytestmark = pytest.mark.django_db


@pytest.fixture
def offering(organisation, coordinator):
    return make_offering(organisation, coordinator, name="Zorgchat")


HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"')


def form_fields(html: str, action: str) -> dict:
    """The hidden fields of the page's form that posts to ``action``, as a browser sends them."""
    form = html.split(f'action="{action}', 1)[1].split("</form>", 1)[0]
    return {unescape(name): unescape(value) for name, value in HIDDEN.findall(form)}


def the_way_in(client, organisation) -> tuple[str, str]:
    """From the offering's "Werkt u hier?" link to the login page it leads an anonymous
    visitor to: (the request's address, the login page)."""
    page = client.get(organisation.offerings.first().get_absolute_url()).content.decode()
    link = re.search(r'href="(/sociale-kaart/mijn-organisatie/aanvragen/[^"]+)"', page)
    request_url = unescape(link.group(1))
    login_url = client.get(request_url)["Location"]
    return request_url, client.get(login_url).content.decode()


def test_a_new_account_comes_back_to_the_request_with_the_organisation_chosen(
    client, organisation, offering, django_capture_on_commit_callbacks
):
    request_url, login_page = the_way_in(client, organisation)
    signup_url = unescape(re.search(r'href="(/accounts/signup/\?next=[^"]+)"', login_page).group(1))
    signup_page = client.get(signup_url).content.decode()
    fields = form_fields(signup_page, "/accounts/signup/")
    assert fields["next"] == request_url
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD, **fields},
        )
    assert response["Location"] == "/accounts/confirm-email/"
    key_url = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    response = client.post(key_url.split("testserver", 1)[-1])
    assert response["Location"] == request_url
    form = client.get(request_url).content.decode()
    assert re.search(rf'<option value="{organisation.pk}" selected>', form)


def test_a_known_account_logs_in_and_comes_back_to_the_request(
    client, organisation, offering, member
):
    request_url, login_page = the_way_in(client, organisation)
    fields = form_fields(login_page, "/accounts/login/")
    assert fields["next"] == request_url
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": PASSWORD, **fields}
    )
    assert response["Location"] == request_url


def test_the_organisation_page_has_a_plain_title_and_one_way_in(client, organisation):
    page = client.get(organisation.get_absolute_url()).content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.startswith(f"{organisation.name} ·")
    assert "<" not in title
    assert page.count('id="manage-heading"') == 1
    assert page.count("Werkt u hier?") == 1
