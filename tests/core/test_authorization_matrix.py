"""Every URL of the platform has a declared policy, and every role gets only what it allows.

The policy is declared in tests/authorization_policy.py (its docstring says how to add a URL).
The matrix builds one set of objects (organisations A and B, their offerings, a pending
representation request, an import job, a document, ...) and requests each URL once per role
and method, with empty form data: what counts is whether the role gets past the permission
check, not whether the form is valid. All mismatches are reported in one failure.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth.tokens import default_token_generator as django_token_generator
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.functional import empty
from django.utils.http import urlsafe_base64_encode
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
    ReferenceIndex,
)

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.documents import private_storage
from aanspreekpunt.pages.models import HomePage, StandardPage
from socialekaart.imports import offering_importer
from socialekaart.models import CorrectionReport, ImportJob, Offering, Representation
from tests.authorization_policy import (
    ADMIN_PREFIX,
    RULES,
    Outcome,
    Role,
    Rule,
    allowed_outcomes,
)
from tests.factories import UserFactory
from tests.forum.matrix import forum_world
from tests.sessions import login
from tests.socialekaart.factories import (
    OfferingFactory,
    OpeningExceptionFactory,
    OrganisationFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db

POLICY_FILE = "tests/authorization_policy.py"


# --- The URL configuration ------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    route: str
    name: str | None

    def __str__(self) -> str:
        return f"/{self.route} (name {self.name!r})"


def url_patterns(patterns=None, prefix: str = "", namespace: str | None = None) -> list[Pattern]:
    """Every URL pattern under ``patterns`` (the whole configuration by default), with its
    full route and its namespaced name, descending into every include."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    found = []
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            found += url_patterns(entry.url_patterns, route, inner)
        else:
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            found.append(Pattern(route, name))
    return found


RULES_BY_NAME = {rule.name: rule for rule in RULES if rule.name}
# Longest first, so that a prefix inside the admin wins over the admin's.
PREFIX_RULES = sorted((rule for rule in RULES if rule.prefix), key=lambda r: -len(r.prefix))


def rule_for(pattern: Pattern) -> Rule | None:
    """The pattern's own rule, or in the admin the rule of the longest prefix it is under."""
    if pattern.name in RULES_BY_NAME:
        return RULES_BY_NAME[pattern.name]
    return next((rule for rule in PREFIX_RULES if pattern.route.startswith(rule.prefix)), None)


def undeclared(patterns: list[Pattern]) -> list[Pattern]:
    return [pattern for pattern in patterns if rule_for(pattern) is None]


def undeclared_message(missing: list[Pattern]) -> str:
    lines = [f"  {pattern}" for pattern in missing]
    return (
        f"{len(missing)} URL pattern(s) have no authorization policy. Add a Rule for each to "
        f"{POLICY_FILE} (outside /{ADMIN_PREFIX} a pattern needs a name and a rule of its own):\n"
        + "\n".join(lines)
    )


def test_every_url_pattern_has_a_declared_policy():
    patterns = url_patterns()
    missing = undeclared(patterns)
    assert not missing, undeclared_message(missing)


def test_a_new_url_pattern_without_a_policy_is_named_in_the_failure():
    new = Pattern("vraag/<int:pk>/antwoorden/", "questions:answer")
    unnamed = Pattern("stappenplan/", None)
    in_admin = Pattern("admin/vragen/", "questions:index")
    missing = undeclared([*url_patterns(), new, unnamed, in_admin])
    assert missing == [new, unnamed]
    message = undeclared_message(missing)
    assert "/vraag/<int:pk>/antwoorden/ (name 'questions:answer')" in message
    assert "/stappenplan/ (name None)" in message


def test_the_discovery_reaches_the_api_allauth_the_admin_and_the_page_tree():
    names = {pattern.name for pattern in url_patterns()}
    assert {"api:services_get", "account_login", "mfa_authenticate"} <= names
    assert {"wagtailadmin_home", "offering:index", "wagtail_serve"} <= names
    assert {"socialekaart:import_job", "accounts:profile"} <= names


def test_each_url_name_and_prefix_has_one_rule():
    keys = [rule.name or rule.prefix for rule in RULES]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    assert not twice, f"Rules in {POLICY_FILE} declared twice: {twice}"


def test_every_named_rule_belongs_to_an_existing_url_pattern():
    names = {pattern.name for pattern in url_patterns()}
    stale = sorted(set(RULES_BY_NAME) - names)
    assert not stale, f"Rules in {POLICY_FILE} for URL names that no longer exist: {stale}"


# --- The objects and sessions the matrix requests with -----------------------------------


@dataclass
class World:
    """The objects the rules' ``args`` fill a route's parameters from."""

    organisation_a: object
    organisation_b: object
    offering_a: object
    exception_a: object
    submitted_offering: object
    representation_request: object
    import_job: object
    member: object
    document: object
    collection_restriction: object
    page_restriction: object
    password_reset_key: dict
    admin_password_reset_key: dict
    users: dict
    # --- desk: a question of the member, waiting for their information, with an attachment
    desk_question: object
    desk_attachment: object
    desk_tokens: dict
    # --- beleidsacties
    policy_import_job: object = None
    forum: object = None  # tests/forum/matrix.py
    # --- socialekaart (issue 16) ---
    archivable_offering: object = None
    correction_report: object = None
    # --- vorming ---
    vorming_session: object = None
    vorming_meeting: object = None
    vorming_confirm_value: str = ""
    vorming_cancel_value: str = ""
    vorming_evaluate_value: str = ""
    vorming_material: object = None

    def email_confirmation_key(self) -> str:
        """A key for a new, unconfirmed address: confirming uses a key up."""
        address = EmailAddress.objects.get(user=UserFactory())
        address.verified = False
        address.save()
        return EmailConfirmationHMAC(address).key


def representative_of(organisation):
    user = UserFactory(groups=[roles.REPRESENTATIVES])
    Representation.objects.create(
        user=user, organisation=organisation, status=Representation.Status.APPROVED
    )
    return user


def build_world() -> World:
    sector = SectorFactory()
    organisation_a = OrganisationFactory(sectors=[sector])
    organisation_b = OrganisationFactory(sectors=[sector])
    offering_a = OfferingFactory(organisation=organisation_a)
    OfferingFactory(organisation=organisation_b)
    submitted = OfferingFactory(
        organisation=organisation_a,
        draft=True,
        moderation_state=Offering.Moderation.SUBMITTED,
    )
    member = UserFactory(groups=[roles.MEMBERS])
    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    users = {
        Role.MEMBER: member,
        Role.REPRESENTATIVE_A: representative_of(organisation_a),
        Role.REPRESENTATIVE_B: representative_of(organisation_b),
        Role.COORDINATOR: coordinator,
        Role.COORDINATOR_NO_2FA_SESSION: UserFactory(groups=[roles.COORDINATORS], two_factor=True),
        Role.COORDINATOR_NO_AUTHENTICATOR: UserFactory(groups=[roles.COORDINATORS]),
        Role.EDITOR: UserFactory(groups=[roles.EDITORS], two_factor=True),
        Role.ADMINISTRATOR: UserFactory(is_superuser=True, is_staff=True, two_factor=True),
    }
    protected = Collection.get_first_root_node().add_child(name="Beschermd")
    home = HomePage.objects.get()
    hidden_page = home.add_child(instance=StandardPage(title="Verborgen", slug="verborgen"))
    document = get_document_model().objects.create(
        title="Gids", file=ContentFile(b"Gids voor onlinehulp", name="gids.txt")
    )
    # Visitors download a document while a published page uses it (core.documents).
    guide_page = home.add_child(
        instance=StandardPage(
            title="Gids",
            slug="gids",
            body=[("paragraph", f'<p><a linktype="document" id="{document.pk}">Gids</a></p>')],
        )
    )
    ReferenceIndex.create_or_update_for_object(guide_page)
    # --- beleidsacties
    from beleidsacties.imports import action_importer
    from beleidsacties.models import ImportJob as PolicyImportJob

    policy_import_job = PolicyImportJob.objects.create(
        importer=action_importer.key,
        uploaded_by=coordinator,
        filename="acties.csv",
        status=PolicyImportJob.Status.DONE,
    )
    vorming = vorming_world(sector)
    return World(
        policy_import_job=policy_import_job,
        organisation_a=organisation_a,
        organisation_b=organisation_b,
        offering_a=offering_a,
        exception_a=OpeningExceptionFactory(offering=offering_a),
        submitted_offering=submitted,
        representation_request=Representation.objects.create(
            user=member, organisation=organisation_b
        ),
        import_job=ImportJob.objects.create(
            importer=offering_importer.key,
            uploaded_by=coordinator,
            filename="kaart.csv",
            status=ImportJob.Status.DONE,
        ),
        member=member,
        document=document,
        collection_restriction=CollectionViewRestriction.objects.create(
            collection=protected,
            restriction_type=CollectionViewRestriction.PASSWORD,
            password="geheim",
        ),
        page_restriction=PageViewRestriction.objects.create(
            page=hidden_page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        ),
        password_reset_key={
            "uidb36": user_pk_to_url_str(member),
            "key": default_token_generator.make_token(member),
        },
        admin_password_reset_key={
            "uidb64": urlsafe_base64_encode(force_bytes(member.pk)),
            "token": django_token_generator.make_token(member),
        },
        users=users,
        **desk_world(member),
        forum=forum_world(member, users[Role.REPRESENTATIVE_B]),
        # --- socialekaart (issue 16) ---
        archivable_offering=OfferingFactory(organisation=organisation_a),
        correction_report=CorrectionReport.objects.create(
            offering=offering_a, text="De openingsuren kloppen niet."
        ),
        **vorming,
    )


# --- desk: the question desk's objects ---------------------------------------------------


@pytest.fixture(autouse=True)
def _desk_private_files(settings, tmp_path):
    """Attachments are private files: kept under this test's own folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    private_storage._wrapped = empty
    yield
    private_storage._wrapped = empty


def desk_world(member) -> dict:
    from aanspreekpunt.desk import services as desk_services
    from aanspreekpunt.desk import tokens

    question = desk_services.question_ask(
        user=member,
        data={
            "name": "Lid",
            "email": member.email,
            "subject": "Vraag",
            "body": "Tekst",
        },
    )
    desk_services.question_request_info(
        question=question, actor=UserFactory(groups=[roles.COORDINATORS]), text="Meer?"
    )
    attachment = desk_services.attachment_add(
        question=question, upload=ContentFile(b"%PDF-1.4 test", name="bijlage.pdf")
    )
    return {
        "desk_question": question,
        "desk_attachment": attachment,
        "desk_tokens": {
            purpose: tokens.token_for(question, purpose)
            for purpose in (tokens.CONFIRM, tokens.FOLLOW, tokens.REPLY)
        },
    }


def vorming_world(sector) -> dict:
    """A training session with a registration, and a meeting of a platform (vorming)."""
    from tests.vorming.factories import matrix_objects

    return matrix_objects(sector)


# The roles whose session passed two-factor; the others signed in with a password only.
TWO_FACTOR_SESSION = {Role.COORDINATOR, Role.EDITOR, Role.ADMINISTRATOR}


def sign_in(client: Client, role: Role, world: World) -> None:
    """A fresh session of ``role`` on ``client`` (one client for all: a new one would load the
    middleware again, static file index included)."""
    client.cookies.clear()
    if role is not Role.ANONYMOUS:
        login(client, world.users[role], two_factor=role in TWO_FACTOR_SESSION)


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The matrix makes a score of users: the default hasher's slowness buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # private files (training material) under tmp_path too
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    private_storage._wrapped = empty
    yield build_world()
    private_storage._wrapped = empty


# --- The matrix ---------------------------------------------------------------------------


def outcome_of(response, path: str) -> Outcome:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"]).path
        if target.startswith("/accounts/login/"):
            return Outcome.LOGIN
        if target.startswith(("/accounts/2fa/", "/accounts/reauthenticate/")):
            return Outcome.TWO_FACTOR
        if target == "/accounts/password/reset/":
            return Outcome.PASSWORD_RESET
        if target == "/admin/" and path != "/admin/":
            return Outcome.ADMIN_DENIED
        return Outcome.OK
    known = {403: Outcome.FORBIDDEN, 404: Outcome.NOT_FOUND, 405: Outcome.NOT_ALLOWED}
    if status in known:
        return known[status]
    if status < 300 or status in (400, 422):
        return Outcome.OK
    return Outcome.ERROR


@dataclass(frozen=True)
class Cell:
    rule: Rule
    method: str


def matrix_cells() -> list[Cell]:
    """Each named rule of an existing pattern, each method; those of ``last`` rules at the end.

    A name given to two patterns (one overriding the other) is requested once, at the path
    ``reverse`` gives it."""
    names = {pattern.name for pattern in url_patterns()}
    cells = [
        Cell(rule, method)
        for rule in RULES
        if rule.name and rule.name in names
        for method in ("GET", "POST")
    ]
    return sorted(cells, key=lambda cell: cell.rule.last)


def path_for(rule: Rule, world: World) -> str:
    arguments = rule.args(world) if rule.args else {}
    try:
        if isinstance(arguments, dict):
            return reverse(rule.name, kwargs=arguments)
        return reverse(rule.name, args=arguments)
    except NoReverseMatch as error:
        pytest.fail(f"Give the rule for {rule.name!r} in {POLICY_FILE} its `args`: {error}")


def describe(role: Role, cell: Cell, path: str, outcome: Outcome) -> str:
    policy = cell.rule.methods[cell.method]
    allowed = " or ".join(sorted(o.value for o in allowed_outcomes(policy, role)))
    return (
        f"{role.value}: {cell.method} {path} [{cell.rule.name}, {policy!r}] "
        f"got {outcome.value}; allowed: {allowed}"
    )


def test_every_role_gets_only_what_the_policy_allows_on_every_url(world):
    cells = matrix_cells()
    mismatches = []
    # A view that fails answers 500 here, reported with the other mismatches.
    client = Client(raise_request_exception=False)
    for role in Role:
        sign_in(client, role, world)
        for cell in cells:
            if cell.rule.last:
                sign_in(client, role, world)
            path = path_for(cell.rule, world)
            send = client.post if cell.method == "POST" else client.get
            outcome = outcome_of(send(path), path)
            if outcome not in allowed_outcomes(cell.rule.methods[cell.method], role):
                mismatches.append(describe(role, cell, path, outcome))
    requests = len(Role) * len(cells)
    assert not mismatches, (
        f"{len(mismatches)} of {requests} answers break {POLICY_FILE}:\n  "
        + "\n  ".join(mismatches)
    )
