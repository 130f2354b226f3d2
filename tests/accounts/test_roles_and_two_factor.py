import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page

from aanspreekpunt.accounts import roles
from tests.factories import UserFactory
from tests.sessions import login

pytestmark = pytest.mark.django_db


def test_the_role_groups_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_GROUPS)


def test_editors_may_publish_pages_and_staff_roles_reach_the_admin():
    editors = Group.objects.get(name=roles.EDITORS)
    codenames = set(
        GroupPagePermission.objects.filter(
            group=editors, page=Page.get_first_root_node()
        ).values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page", "publish_page"} <= codenames
    for name in (roles.EDITORS, roles.COORDINATORS):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()
    assert not Group.objects.get(name=roles.MEMBERS).permissions.exists()


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: UserFactory(is_superuser=True, is_staff=True),
        lambda: UserFactory(groups=[roles.COORDINATORS]),
        lambda: UserFactory(groups=[roles.EDITORS]),
    ],
    ids=["administrator", "coordinator", "editor"],
)
def test_staff_without_two_factor_are_sent_to_set_it_up(client, make_user):
    client.force_login(make_user())
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/?next=/admin/pages/"


def test_staff_reach_the_admin_in_a_session_that_passed_two_factor(client):
    editor = UserFactory(groups=[roles.EDITORS])
    Authenticator.objects.create(user=editor, type=Authenticator.Type.TOTP, data={"secret": "x"})
    login(client, editor, two_factor=True)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("make_user", "paths"),
    [
        (
            lambda: UserFactory(is_superuser=True, is_staff=True, two_factor=True),
            ("/admin/pages/", "/sociale-kaart/moderatie/"),
        ),
        (
            lambda: UserFactory(groups=[roles.COORDINATORS], two_factor=True),
            ("/admin/pages/", "/sociale-kaart/moderatie/", "/sociale-kaart/importeren/"),
        ),
        (lambda: UserFactory(groups=[roles.EDITORS], two_factor=True), ("/admin/pages/",)),
    ],
    ids=["administrator", "coordinator", "editor"],
)
def test_having_an_authenticator_is_not_enough_this_session_must_have_used_it(
    client, make_user, paths
):
    client.force_login(make_user())
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/2fa/reauthenticate/?next={path}"


def test_members_are_not_asked_for_two_factor_and_do_not_get_in(client, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert "2fa" not in response.get("Location", "")
    assert response.status_code in (302, 403)


def test_role_check_counts_administrators_as_every_role():
    admin = UserFactory(is_superuser=True)
    member = UserFactory(groups=[roles.MEMBERS])
    assert roles.user_has_role(admin, roles.COORDINATORS)
    assert roles.user_has_role(member, roles.MEMBERS)
    assert not roles.user_has_role(member, roles.COORDINATORS)


def test_coordinators_may_manage_the_service_map_in_the_admin():
    coordinators = Group.objects.get(name=roles.COORDINATORS)
    codenames = set(coordinators.permissions.values_list("codename", flat=True))
    assert {"change_offering", "add_organisation", "delete_modality", "view_sector"} <= codenames
    assert "delete_offering" not in codenames


def test_coordinators_without_two_factor_are_sent_to_set_it_up_before_moderating(client):
    client.force_login(UserFactory(groups=[roles.COORDINATORS]))
    response = client.get("/sociale-kaart/moderatie/")
    assert response["Location"] == "/accounts/2fa/totp/activate/?next=/sociale-kaart/moderatie/"
    login(client, UserFactory(groups=[roles.COORDINATORS], two_factor=True), two_factor=True)
    assert client.get("/sociale-kaart/moderatie/").status_code == 200


def test_the_set_up_remembers_where_staff_were_going_until_they_get_there(client):
    coordinator = UserFactory(groups=[roles.COORDINATORS])
    client.force_login(coordinator)
    client.get("/sociale-kaart/moderatie/?tab=links")
    assert client.session["after_two_factor_setup"] == "/sociale-kaart/moderatie/?tab=links"
    Authenticator.objects.create(
        user=coordinator, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    login(client, coordinator, two_factor=True)
    assert client.get("/sociale-kaart/moderatie/?tab=links").status_code == 200
    assert "after_two_factor_setup" not in client.session
