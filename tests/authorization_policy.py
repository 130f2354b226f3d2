"""Who may GET and who may POST each URL of the platform (product.md §2).

tests/core/test_authorization_matrix.py finds every URL pattern in the URL configuration and
fails for any pattern that no rule below covers. It then requests every pattern outside the
Wagtail admin, and the sample of admin views named below, once per role and method, and
fails for every answer its policy does not allow.

To add a URL, add a ``Rule`` with the pattern's name ("app_name:url_name"):

- ``get`` and ``post``: one of the policies below; when no policy says who may do it, add one
  (its ``granted`` roles and the answer the others get) rather than loosening one;
- ``args``: for a route with parameters, a function of the shared test objects (the
  ``World`` in the test module) giving its keyword arguments (or, for a regular expression
  with unnamed groups, the positional ones). Use organisation A's objects: the
  representative of A may then reach them, the representative of B may not;
- ``last=True`` for a URL that may sign the role out or remove its authenticator: the
  matrix requests it after the role's other URLs, each time on a fresh session.

The Wagtail admin is covered by one prefix rule, "admin/"; its named rules are the sample
of admin views the matrix requests. A session "passed two-factor" when allauth's
authentication records in it hold an "mfa" record (tests/sessions.py builds one).
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum

from socialekaart.api.hsds import VOCABULARIES, service_at_location_id, term_id


class Role(Enum):
    ANONYMOUS = "anonymous"
    MEMBER = "member"
    REPRESENTATIVE_A = "representative of A"
    REPRESENTATIVE_B = "representative of B"
    COORDINATOR = "coordinator (two-factor session)"
    COORDINATOR_NO_2FA_SESSION = "coordinator with an authenticator, session without two-factor"
    COORDINATOR_NO_AUTHENTICATOR = "coordinator without an authenticator"
    EDITOR = "editor (two-factor session)"
    ADMINISTRATOR = "administrator (two-factor session)"


class Outcome(Enum):
    OK = "through (2xx, 400, form error or a redirect onwards)"
    LOGIN = "redirect to /accounts/login/"
    TWO_FACTOR = "redirect to the two-factor step (/accounts/2fa/, /accounts/reauthenticate/)"
    PASSWORD_RESET = "redirect to /accounts/password/reset/"
    ADMIN_DENIED = "redirect to the admin dashboard (Wagtail's permission denied)"
    FORBIDDEN = "403"
    NOT_FOUND = "404"
    NOT_ALLOWED = "405"
    ERROR = "any other answer (500, ...)"


ADMIN_PREFIX = "admin/"
ALL_ROLES = frozenset(Role)
SIGNED_IN = ALL_ROLES - {Role.ANONYMOUS}
# Staff whose session did not pass two-factor: sent to the two-factor step for staff pages,
# treated as the member they also are everywhere else.
STAFF_WITHOUT_TWO_FACTOR = frozenset(
    {Role.COORDINATOR_NO_2FA_SESSION, Role.COORDINATOR_NO_AUTHENTICATOR}
)
# Where they are sent: allauth's two-factor step, or its login page, which then asks for it.
TO_TWO_FACTOR = frozenset({Outcome.TWO_FACTOR, Outcome.LOGIN})


@dataclass(frozen=True)
class Policy:
    """``granted`` roles get ``granted_outcomes``; other visitors are sent to log in; a
    ``staff`` privilege sends staff without a two-factor session to that step; the other
    roles get ``refused``. Behind the admin's two-factor gate (``gated``), staff without a
    two-factor session may be sent to that step before the policy applies."""

    name: str
    granted: frozenset[Role]
    granted_outcomes: frozenset[Outcome] = frozenset({Outcome.OK})
    refused: frozenset[Outcome] = frozenset({Outcome.FORBIDDEN, Outcome.NOT_FOUND})
    staff: bool = False
    gated: bool = False

    def __repr__(self) -> str:
        return self.name


ADMIN_REFUSED = frozenset({Outcome.LOGIN, Outcome.FORBIDDEN, Outcome.ADMIN_DENIED})

# Everyone, visitors included.
PUBLIC = Policy("PUBLIC", ALL_ROLES)
# Anyone signed in; visitors go to the login page.
MEMBER = Policy("MEMBER", SIGNED_IN)
# A step inside a login in progress: without one, visitors are sent to the login page and
# signed-in users on to their profile.
LOGIN_STEP = Policy("LOGIN_STEP", SIGNED_IN)
# The key in an e-mailed link is the permission: whoever holds it gets through (a visitor
# is then sent on to log in).
EMAILED_LINK = Policy(
    "EMAILED_LINK", ALL_ROLES, granted_outcomes=frozenset({Outcome.OK, Outcome.LOGIN})
)
# One's own account pages in allauth, which may ask to re-authenticate first.
OWN_ACCOUNT = Policy(
    "OWN_ACCOUNT", SIGNED_IN, granted_outcomes=frozenset({Outcome.OK, Outcome.TWO_FACTOR})
)
# One's own authenticator app and recovery codes: as OWN_ACCOUNT, and 404 for what one has
# not set up.
OWN_AUTHENTICATORS = Policy(
    "OWN_AUTHENTICATORS",
    SIGNED_IN,
    granted_outcomes=frozenset({Outcome.OK, Outcome.TWO_FACTOR, Outcome.NOT_FOUND}),
)
# A page of one organisation (A): its representatives and coordinators; any other signed-in
# user gets 404, never the form (style.md rule 4).
REPRESENTATIVE_OF_OBJECT = Policy(
    "REPRESENTATIVE_OF_OBJECT",
    frozenset({Role.REPRESENTATIVE_A, Role.COORDINATOR, Role.ADMINISTRATOR}),
    refused=frozenset({Outcome.NOT_FOUND}),
)
# A question asked under the account of the member in the matrix: other users get 404.
ASKER_OF_OBJECT = Policy(
    "ASKER_OF_OBJECT", frozenset({Role.MEMBER}), refused=frozenset({Outcome.NOT_FOUND})
)
# The coordinators' pages of the front office (moderation, imports).
COORDINATOR_2FA = Policy(
    "COORDINATOR_2FA", frozenset({Role.COORDINATOR, Role.ADMINISTRATOR}), staff=True
)
# The Wagtail admin: coordinators, editors and administrators.
STAFF_2FA = Policy(
    "STAFF_2FA",
    frozenset({Role.COORDINATOR, Role.EDITOR, Role.ADMINISTRATOR}),
    refused=ADMIN_REFUSED,
    staff=True,
)
# The page tree in the admin (the editors' page permissions).
ADMIN_EDITOR_2FA = Policy(
    "ADMIN_EDITOR_2FA",
    frozenset({Role.EDITOR, Role.ADMINISTRATOR}),
    refused=ADMIN_REFUSED,
    staff=True,
)
# The service map in the admin (the coordinators' model permissions).
ADMIN_COORDINATOR_2FA = Policy(
    "ADMIN_COORDINATOR_2FA",
    frozenset({Role.COORDINATOR, Role.ADMINISTRATOR}),
    refused=ADMIN_REFUSED,
    staff=True,
)
# Admin views for administrators only (users and groups).
ADMINISTRATOR_2FA = Policy(
    "ADMINISTRATOR_2FA", frozenset({Role.ADMINISTRATOR}), refused=ADMIN_REFUSED, staff=True
)
# The method is not offered to anyone.
NOT_ALLOWED = Policy("NOT_ALLOWED", ALL_ROLES, granted_outcomes=frozenset({Outcome.NOT_ALLOWED}))
# A login form outside allauth, which would skip its two-factor step: everyone is sent to
# allauth's login page instead.
REDIRECT_TO_LOGIN = Policy(
    "REDIRECT_TO_LOGIN", ALL_ROLES, granted_outcomes=frozenset({Outcome.LOGIN}), gated=True
)
# Wagtail's own password reset: turned off (404), or handing over to allauth's.
TURNED_OFF = Policy(
    "TURNED_OFF",
    ALL_ROLES,
    granted_outcomes=frozenset({Outcome.NOT_FOUND, Outcome.PASSWORD_RESET}),
    gated=True,
)


def only_get(policy: Policy) -> Policy:
    """The POST policy of a view that answers GET only, but checks ``policy`` first: the
    roles it grants get 405, the others its refusal."""
    return replace(
        policy,
        name=f"{policy.name}, GET only",
        granted_outcomes=frozenset({Outcome.NOT_ALLOWED}),
    )


def allowed_outcomes(policy: Policy, role: Role) -> frozenset[Outcome]:
    """The answers ``role`` may get from a URL under ``policy``."""
    if policy.gated and role in STAFF_WITHOUT_TWO_FACTOR:
        return policy.granted_outcomes | TO_TWO_FACTOR
    if role in policy.granted:
        return policy.granted_outcomes
    if role is Role.ANONYMOUS:
        return frozenset({Outcome.LOGIN})
    if policy.staff and role in STAFF_WITHOUT_TWO_FACTOR:
        return TO_TWO_FACTOR
    return policy.refused


Args = Callable[[object], dict | tuple]


@dataclass(frozen=True)
class Rule:
    """The policy of the pattern named ``name``, or of every pattern under ``prefix``."""

    name: str | None = None
    get: Policy | None = None
    post: Policy | None = None
    args: Args | None = None
    prefix: str | None = None
    last: bool = False
    methods: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if (self.name is None) == (self.prefix is None):
            raise ValueError("A rule has either a name or a prefix.")
        if self.prefix and not self.prefix.startswith(ADMIN_PREFIX):
            raise ValueError("Outside the admin every URL pattern has a rule of its own.")
        object.__setattr__(self, "methods", {"GET": self.get, "POST": self.post})


def slug_of(attribute: str) -> Args:
    return lambda world: {"slug": getattr(world, attribute).slug}


def pk_of(attribute: str) -> Args:
    return lambda world: {"pk": getattr(world, attribute).pk}


# --- forum: its policy and arguments (the rules are in the forum's block of RULES) ---
# A member's own post: its author; anyone else gets 404 (never the form).
AUTHOR_OF_POST = Policy(
    "AUTHOR_OF_POST", frozenset({Role.MEMBER}), refused=frozenset({Outcome.NOT_FOUND})
)


def forum_category(world) -> dict:
    return {"category": world.forum.category.slug}


def forum_thread(world) -> dict:
    return {"pk": world.forum.thread.pk}


def forum_post(world) -> dict:
    return {"pk": world.forum.post.pk}


RULES = [
    # --- Site-wide ---------------------------------------------------------------------
    Rule("health", get=PUBLIC, post=NOT_ALLOWED),
    Rule("robots", get=PUBLIC, post=NOT_ALLOWED),
    # Wagtail's sitemap view, like the page tree and the documents, answers any method.
    Rule("sitemap", get=PUBLIC, post=PUBLIC),
    Rule("search:search", get=PUBLIC, post=NOT_ALLOWED),
    Rule("bookmarks:list", get=MEMBER, post=NOT_ALLOWED),
    # --- Sociale kaart: public ---------------------------------------------------------
    Rule("socialekaart:offering_list", get=PUBLIC, post=NOT_ALLOWED),
    Rule(
        "socialekaart:offering_detail",
        get=PUBLIC,
        post=NOT_ALLOWED,
        args=slug_of("offering_a"),
    ),
    Rule(
        "socialekaart:organisation_detail",
        get=PUBLIC,
        post=NOT_ALLOWED,
        args=slug_of("organisation_a"),
    ),
    Rule("socialekaart:sector_statistics", get=PUBLIC, post=NOT_ALLOWED),
    # The exports hold what the public list shows, with the same filters.
    Rule("socialekaart:offerings_export_csv", get=PUBLIC, post=NOT_ALLOWED),
    Rule("socialekaart:offerings_export_xlsx", get=PUBLIC, post=NOT_ALLOWED),
    # --- Sociale kaart: Mijn organisatie -----------------------------------------------
    Rule("socialekaart:my_organisation", get=MEMBER, post=MEMBER),
    Rule("socialekaart:representation_request", get=MEMBER, post=MEMBER),
    Rule(
        "socialekaart:organisation_edit",
        get=REPRESENTATIVE_OF_OBJECT,
        post=REPRESENTATIVE_OF_OBJECT,
        args=slug_of("organisation_a"),
    ),
    Rule(
        "socialekaart:offering_create",
        get=REPRESENTATIVE_OF_OBJECT,
        post=REPRESENTATIVE_OF_OBJECT,
        args=slug_of("organisation_a"),
    ),
    Rule(
        "socialekaart:offering_edit",
        get=REPRESENTATIVE_OF_OBJECT,
        post=REPRESENTATIVE_OF_OBJECT,
        args=slug_of("offering_a"),
    ),
    Rule(
        "socialekaart:offering_submit",
        get=NOT_ALLOWED,
        post=REPRESENTATIVE_OF_OBJECT,
        args=slug_of("offering_a"),
    ),
    Rule(
        "socialekaart:offering_confirm",
        get=NOT_ALLOWED,
        post=REPRESENTATIVE_OF_OBJECT,
        args=slug_of("offering_a"),
    ),
    Rule(
        "socialekaart:opening_exception_add",
        get=NOT_ALLOWED,
        post=REPRESENTATIVE_OF_OBJECT,
        args=slug_of("offering_a"),
    ),
    Rule(
        "socialekaart:opening_exception_delete",
        get=NOT_ALLOWED,
        post=REPRESENTATIVE_OF_OBJECT,
        args=lambda world: {"slug": world.offering_a.slug, "pk": world.exception_a.pk},
    ),
    # --- Sociale kaart: coordinators ---------------------------------------------------
    Rule("socialekaart:moderation_queue", get=COORDINATOR_2FA, post=COORDINATOR_2FA),
    Rule(
        "socialekaart:offering_review",
        get=COORDINATOR_2FA,
        post=COORDINATOR_2FA,
        args=pk_of("submitted_offering"),
    ),
    Rule(
        "socialekaart:representation_decide",
        get=NOT_ALLOWED,
        post=COORDINATOR_2FA,
        args=pk_of("representation_request"),
    ),
    Rule("socialekaart:import_upload", get=COORDINATOR_2FA, post=COORDINATOR_2FA),
    Rule(
        "socialekaart:import_job",
        get=COORDINATOR_2FA,
        post=COORDINATOR_2FA,
        args=pk_of("import_job"),
    ),
    # --- JSON API (read-only) ----------------------------------------------------------
    Rule("api:api_index", get=PUBLIC, post=NOT_ALLOWED),
    # django-ninja's own root view, at the same path as api_index, which answers first.
    Rule("api:api-root", get=PUBLIC, post=NOT_ALLOWED),
    # django-ninja's schema and docs views answer any method.
    Rule("api:openapi-json", get=PUBLIC, post=PUBLIC),
    Rule("api:openapi-view", get=PUBLIC, post=PUBLIC),
    # HSDS 3.0 paths (issue 17): ids are UUIDs.
    Rule("api:organizations_list", get=PUBLIC, post=NOT_ALLOWED),
    Rule(
        "api:organizations_get",
        get=PUBLIC,
        post=NOT_ALLOWED,
        args=lambda world: {"organization_id": world.organisation_a.uuid},
    ),
    Rule("api:services_list", get=PUBLIC, post=NOT_ALLOWED),
    Rule(
        "api:services_get",
        get=PUBLIC,
        post=NOT_ALLOWED,
        args=lambda world: {"service_id": world.offering_a.uuid},
    ),
    Rule("api:service_at_locations_list", get=PUBLIC, post=NOT_ALLOWED),
    Rule(
        "api:service_at_locations_get",
        get=PUBLIC,
        post=NOT_ALLOWED,
        args=lambda world: {
            "service_at_location_id": service_at_location_id(world.offering_a.uuid)
        },
    ),
    Rule("api:taxonomies_list", get=PUBLIC, post=NOT_ALLOWED),
    Rule(
        "api:taxonomies_get",
        get=PUBLIC,
        post=NOT_ALLOWED,
        args=lambda world: {"taxonomy_id": VOCABULARIES["sector"].id},
    ),
    Rule("api:taxonomy_terms_list", get=PUBLIC, post=NOT_ALLOWED),
    Rule(
        "api:taxonomy_terms_get",
        get=PUBLIC,
        post=NOT_ALLOWED,
        args=lambda world: {
            "taxonomy_term_id": term_id("sector", world.organisation_a.sectors.first().slug)
        },
    ),
    # --- Accounts (allauth and the profile) --------------------------------------------
    Rule("account_login", get=PUBLIC, post=PUBLIC),
    Rule("account_logout", get=PUBLIC, post=PUBLIC, last=True),
    Rule("account_inactive", get=PUBLIC, post=NOT_ALLOWED),
    Rule("account_signup", get=PUBLIC, post=PUBLIC),
    Rule("account_reauthenticate", get=OWN_ACCOUNT, post=OWN_ACCOUNT),
    Rule("account_email", get=OWN_ACCOUNT, post=OWN_ACCOUNT),
    Rule("account_email_verification_sent", get=PUBLIC, post=NOT_ALLOWED),
    Rule(
        "account_confirm_email",
        get=PUBLIC,
        post=EMAILED_LINK,
        args=lambda world: {"key": world.email_confirmation_key()},
        # Opening another person's confirmation link signs one out.
        last=True,
    ),
    Rule("account_change_password", get=OWN_ACCOUNT, post=OWN_ACCOUNT),
    Rule("account_set_password", get=OWN_ACCOUNT, post=OWN_ACCOUNT),
    Rule("account_reset_password", get=PUBLIC, post=PUBLIC),
    Rule("account_reset_password_done", get=PUBLIC, post=NOT_ALLOWED),
    Rule(
        "account_reset_password_from_key",
        get=PUBLIC,
        post=PUBLIC,
        args=lambda world: world.password_reset_key,
    ),
    Rule("account_reset_password_from_key_done", get=PUBLIC, post=NOT_ALLOWED),
    Rule("account_confirm_login_code", get=LOGIN_STEP, post=LOGIN_STEP),
    Rule("mfa_authenticate", get=LOGIN_STEP, post=LOGIN_STEP),
    Rule("mfa_index", get=OWN_ACCOUNT, post=only_get(OWN_ACCOUNT)),
    Rule("mfa_reauthenticate", get=OWN_ACCOUNT, post=OWN_ACCOUNT),
    Rule("mfa_activate_totp", get=OWN_ACCOUNT, post=OWN_ACCOUNT),
    Rule("mfa_deactivate_totp", get=OWN_AUTHENTICATORS, post=OWN_AUTHENTICATORS, last=True),
    Rule(
        "mfa_view_recovery_codes",
        get=OWN_AUTHENTICATORS,
        post=only_get(OWN_AUTHENTICATORS),
    ),
    Rule("mfa_generate_recovery_codes", get=OWN_AUTHENTICATORS, post=OWN_AUTHENTICATORS),
    Rule("mfa_download_recovery_codes", get=OWN_AUTHENTICATORS, post=OWN_AUTHENTICATORS),
    Rule("accounts:profile", get=MEMBER, post=MEMBER),
    # Privacy: one's own data and account only; the pages hold no one else's.
    Rule("accounts:personal_data", get=MEMBER, post=NOT_ALLOWED),
    Rule("accounts:delete", get=MEMBER, post=MEMBER),
    Rule("accounts:deleted", get=PUBLIC, post=PUBLIC),
    Rule("privacy", get=PUBLIC, post=PUBLIC),
    Rule("sitemap_page", get=PUBLIC, post=PUBLIC),
    # --- Wagtail: documents and the page tree ------------------------------------------
    Rule(
        "wagtaildocs_serve",
        get=PUBLIC,
        post=PUBLIC,
        args=lambda world: (world.document.pk, world.document.filename),
    ),
    Rule(
        "wagtaildocs_authenticate_with_password",
        get=PUBLIC,
        post=PUBLIC,
        args=lambda world: {"restriction_id": world.collection_restriction.pk},
    ),
    Rule(
        "wagtailcore_authenticate_with_password",
        get=PUBLIC,
        post=PUBLIC,
        args=lambda world: {
            "page_view_restriction_id": world.page_restriction.pk,
            "page_id": world.page_restriction.page_id,
        },
    ),
    Rule("wagtailcore_login", get=REDIRECT_TO_LOGIN, post=REDIRECT_TO_LOGIN),
    # Ours, before Wagtail's: its two login routes lead to allauth's login page.
    Rule("util_login_elsewhere", get=REDIRECT_TO_LOGIN, post=REDIRECT_TO_LOGIN),
    # The catch-all that serves the page tree, here its home page.
    Rule("wagtail_serve", get=PUBLIC, post=PUBLIC, args=lambda world: ("",)),
    # --- The Wagtail admin: one prefix, and a sample of its views ----------------------
    Rule(prefix="admin/", get=STAFF_2FA, post=STAFF_2FA),
    Rule("wagtailadmin_home", get=STAFF_2FA, post=only_get(STAFF_2FA)),
    Rule("wagtailadmin_explore_root", get=ADMIN_EDITOR_2FA, post=only_get(ADMIN_EDITOR_2FA)),
    Rule(
        "offering:index",
        get=ADMIN_COORDINATOR_2FA,
        post=only_get(ADMIN_COORDINATOR_2FA),
    ),
    Rule(
        "organisation:index",
        get=ADMIN_COORDINATOR_2FA,
        post=only_get(ADMIN_COORDINATOR_2FA),
    ),
    Rule(
        "wagtailusers_users:edit",
        get=ADMINISTRATOR_2FA,
        post=ADMINISTRATOR_2FA,
        args=pk_of("member"),
    ),
    Rule("wagtailadmin_login", get=REDIRECT_TO_LOGIN, post=REDIRECT_TO_LOGIN),
    Rule("admin_login_elsewhere", get=REDIRECT_TO_LOGIN, post=REDIRECT_TO_LOGIN),
    Rule("wagtailadmin_password_reset", get=TURNED_OFF, post=TURNED_OFF),
    Rule("wagtailadmin_password_reset_done", get=TURNED_OFF, post=TURNED_OFF),
    Rule(
        "wagtailadmin_password_reset_confirm",
        get=TURNED_OFF,
        post=TURNED_OFF,
        args=lambda world: world.admin_password_reset_key,
    ),
    Rule("wagtailadmin_password_reset_complete", get=TURNED_OFF, post=TURNED_OFF),
    # --- socialekaart: quality of online help (issue 18) -------------------------------
    Rule("socialekaart:quality_norms", get=PUBLIC, post=NOT_ALLOWED),
    Rule("socialekaart:quality_figures", get=COORDINATOR_2FA, post=only_get(COORDINATOR_2FA)),
    Rule(
        "socialekaart:quality_answers",
        get=REPRESENTATIVE_OF_OBJECT,
        post=REPRESENTATIVE_OF_OBJECT,
        args=slug_of("offering_a"),
    ),
    # --- desk and stepplan (the question desk and the step plan) ---------------------
    Rule("desk:intro", get=PUBLIC, post=NOT_ALLOWED),
    # The form that posts lives on its own, uncached page.
    Rule("desk:ask", get=PUBLIC, post=PUBLIC),
    Rule("desk:sent", get=PUBLIC, post=NOT_ALLOWED),
    # The link shows a button; only its POST confirms (a mail scanner's GET does not).
    Rule(
        "desk:confirm",
        get=EMAILED_LINK,
        post=EMAILED_LINK,
        args=lambda world: {"token": world.desk_tokens["confirm"]},
    ),
    Rule(
        "desk:follow",
        get=EMAILED_LINK,
        post=NOT_ALLOWED,
        args=lambda world: {"token": world.desk_tokens["follow"]},
    ),
    Rule(
        "desk:reply",
        get=EMAILED_LINK,
        post=EMAILED_LINK,
        args=lambda world: {"token": world.desk_tokens["reply"]},
    ),
    Rule("desk:my_questions", get=MEMBER, post=only_get(MEMBER)),
    Rule(
        "desk:my_question",
        get=ASKER_OF_OBJECT,
        post=only_get(ASKER_OF_OBJECT),
        args=lambda world: {"reference": world.desk_question.reference},
    ),
    Rule("desk:queue", get=COORDINATOR_2FA, post=only_get(COORDINATOR_2FA)),
    Rule("desk:figures", get=COORDINATOR_2FA, post=only_get(COORDINATOR_2FA)),
    Rule(
        "desk:handle",
        get=COORDINATOR_2FA,
        post=COORDINATOR_2FA,
        args=pk_of("desk_question"),
    ),
    Rule(
        "desk:attachment",
        get=COORDINATOR_2FA,
        post=only_get(COORDINATOR_2FA),
        args=lambda world: {
            "pk": world.desk_question.pk,
            "attachment_pk": world.desk_attachment.pk,
        },
    ),
    Rule("stepplan:guide", get=PUBLIC, post=NOT_ALLOWED),
    Rule("stepplan:stuck", get=COORDINATOR_2FA, post=only_get(COORDINATOR_2FA)),
    Rule(
        "stepplan:walk",
        get=REPRESENTATIVE_OF_OBJECT,
        post=only_get(REPRESENTATIVE_OF_OBJECT),
        args=slug_of("organisation_a"),
    ),
    Rule(
        "stepplan:sharing",
        get=NOT_ALLOWED,
        post=REPRESENTATIVE_OF_OBJECT,
        args=slug_of("organisation_a"),
    ),
    Rule(
        "stepplan:step_update",
        get=NOT_ALLOWED,
        post=REPRESENTATIVE_OF_OBJECT,
        args=lambda world: {"slug": world.organisation_a.slug, "number": 1},
    ),
    # --- beleidsacties ---------------------------------------------------------------------
    Rule("beleidsacties:overview", get=PUBLIC, post=NOT_ALLOWED),
    Rule("beleidsacties:dashboard", get=PUBLIC, post=NOT_ALLOWED),
    Rule("beleidsacties:export_csv", get=PUBLIC, post=NOT_ALLOWED),
    Rule("beleidsacties:export_xlsx", get=PUBLIC, post=NOT_ALLOWED),
    # Django's syndication views answer any method, with the same feed.
    Rule("beleidsacties:feed", get=PUBLIC, post=PUBLIC),
    Rule(
        "beleidsacties:plan_feed",
        get=PUBLIC,
        post=PUBLIC,
        args=lambda world: {"slug": "bouwstenen-2014"},
    ),
    Rule(
        "beleidsacties:action_detail",
        get=PUBLIC,
        post=NOT_ALLOWED,
        args=lambda world: {"number": 1},
    ),
    Rule(
        "beleidsacties:plan",
        get=PUBLIC,
        post=NOT_ALLOWED,
        args=lambda world: {"slug": "ministeriele-acties-2015"},
    ),
    Rule(
        "beleidsacties:plan_action",
        get=PUBLIC,
        post=NOT_ALLOWED,
        args=lambda world: {"slug": "ministeriele-acties-2015", "number": 6},
    ),
    # Coordinators only: members and visitors can add or change nothing of the history.
    Rule(
        "beleidsacties:update_add",
        get=COORDINATOR_2FA,
        post=COORDINATOR_2FA,
        args=lambda world: {"slug": "bouwstenen-2014", "number": 1},
    ),
    Rule(
        "beleidsacties:action_edit",
        get=COORDINATOR_2FA,
        post=COORDINATOR_2FA,
        args=lambda world: {"slug": "bouwstenen-2014", "number": 20},
    ),
    Rule("beleidsacties:import_upload", get=COORDINATOR_2FA, post=COORDINATOR_2FA),
    Rule(
        "beleidsacties:import_job",
        get=COORDINATOR_2FA,
        post=COORDINATOR_2FA,
        args=pk_of("policy_import_job"),
    ),
    Rule("action:index", get=ADMIN_COORDINATOR_2FA, post=only_get(ADMIN_COORDINATOR_2FA)),
    # --- forum ---------------------------------------------------------------------------
    Rule("forum:category_list", get=PUBLIC, post=NOT_ALLOWED),
    Rule("forum:category_detail", get=PUBLIC, post=NOT_ALLOWED, args=forum_category),
    Rule("forum:category_feed", get=PUBLIC, post=NOT_ALLOWED, args=forum_category),
    Rule("forum:category_follow", get=NOT_ALLOWED, post=MEMBER, args=forum_category),
    Rule(
        "forum:thread_detail",
        get=PUBLIC,
        post=NOT_ALLOWED,
        args=lambda world: {
            "category": world.forum.category.slug,
            "pk": world.forum.thread.pk,
            "slug": world.forum.thread.slug,
        },
    ),
    Rule("forum:thread_create", get=MEMBER, post=MEMBER),
    Rule("forum:profile", get=MEMBER, post=MEMBER),
    # The signed token in a notification e-mail is the permission; no login.
    Rule(
        "forum:unsubscribe",
        get=PUBLIC,
        post=PUBLIC,
        args=lambda world: {"token": world.forum.unsubscribe_token},
    ),
    Rule("forum:reply", get=MEMBER, post=MEMBER, args=forum_thread),
    Rule("forum:thread_unread", get=MEMBER, post=only_get(MEMBER), args=forum_thread),
    Rule("forum:thread_seen", get=PUBLIC, post=NOT_ALLOWED, args=forum_thread),
    Rule("forum:thread_follow", get=NOT_ALLOWED, post=MEMBER, args=forum_thread),
    Rule("forum:post_edit", get=AUTHOR_OF_POST, post=AUTHOR_OF_POST, args=forum_post),
    Rule("forum:post_history", get=PUBLIC, post=NOT_ALLOWED, args=forum_post),
    Rule("forum:post_useful", get=NOT_ALLOWED, post=MEMBER, args=forum_post),
    Rule("forum:post_answer", get=NOT_ALLOWED, post=MEMBER, args=forum_post),
    Rule("forum:post_report", get=MEMBER, post=MEMBER, args=forum_post),
    Rule("forum:moderation_queue", get=COORDINATOR_2FA, post=COORDINATOR_2FA),
    Rule("forum:post_moderate", get=COORDINATOR_2FA, post=COORDINATOR_2FA, args=forum_post),
    Rule("forum:thread_moderate", get=COORDINATOR_2FA, post=COORDINATOR_2FA, args=forum_thread),
    Rule(
        "forum:member_suspend",
        get=COORDINATOR_2FA,
        post=COORDINATOR_2FA,
        args=lambda world: {"pk": world.forum.post.author_id},
    ),
    # --- socialekaart (issue 16) ---
    # The short notice applies at once; archiving is for coordinators.
    Rule(
        "socialekaart:offering_notice",
        get=NOT_ALLOWED,
        post=REPRESENTATIVE_OF_OBJECT,
        args=slug_of("offering_a"),
    ),
    Rule(
        "socialekaart:offering_archive",
        get=NOT_ALLOWED,
        post=COORDINATOR_2FA,
        args=pk_of("archivable_offering"),
    ),
    # Any visitor reports an error (rate-limited); the organisation's representatives and
    # the coordinators handle it.
    Rule(
        "socialekaart:offering_report",
        get=PUBLIC,
        post=PUBLIC,
        args=slug_of("offering_a"),
    ),
    Rule(
        "socialekaart:correction_handle",
        get=NOT_ALLOWED,
        post=REPRESENTATIVE_OF_OBJECT,
        args=pk_of("correction_report"),
    ),
    # --- vorming ---------------------------------------------------------------------
    Rule("vorming:session_list", get=PUBLIC, post=NOT_ALLOWED),
    Rule("vorming:session_detail", get=PUBLIC, post=NOT_ALLOWED, args=pk_of("vorming_session")),
    Rule("vorming:session_register", get=PUBLIC, post=PUBLIC, args=pk_of("vorming_session")),
    Rule("vorming:session_ics", get=PUBLIC, post=NOT_ALLOWED, args=pk_of("vorming_session")),
    # The signed value in the link is the permission; a made-up one gets the "not valid" page.
    Rule(
        "vorming:registration_confirm",
        get=EMAILED_LINK,
        post=EMAILED_LINK,
        args=lambda world: {"value": world.vorming_confirm_value},
    ),
    Rule(
        "vorming:registration_cancel",
        get=EMAILED_LINK,
        post=EMAILED_LINK,
        args=lambda world: {"value": world.vorming_cancel_value},
    ),
    Rule("vorming:my_registrations", get=MEMBER, post=only_get(MEMBER)),
    # The evaluation link of an attendee; the others get a clear refusal (403).
    Rule(
        "vorming:evaluation",
        get=EMAILED_LINK,
        post=EMAILED_LINK,
        args=lambda world: {"value": world.vorming_evaluate_value},
    ),
    Rule("vorming:evaluation_results", get=COORDINATOR_2FA, post=only_get(COORDINATOR_2FA)),
    Rule("vorming:planning", get=PUBLIC, post=NOT_ALLOWED),
    Rule("vorming:material_list", get=PUBLIC, post=NOT_ALLOWED),
    # Public material to everyone; the world's is for participants: others are sent to log
    # in or get 404.
    Rule(
        "vorming:material_file",
        get=Policy(
            "MATERIAL_OF_PARTICIPANTS",
            frozenset({Role.COORDINATOR, Role.ADMINISTRATOR}),
            refused=frozenset({Outcome.NOT_FOUND}),
        ),
        post=NOT_ALLOWED,
        args=pk_of("vorming_material"),
    ),
    Rule(
        "vorming:material_add",
        get=NOT_ALLOWED,
        post=COORDINATOR_2FA,
        args=pk_of("vorming_session"),
    ),
    Rule("vorming:agenda_feed", get=PUBLIC, post=NOT_ALLOWED),
    Rule("vorming:platform_list", get=COORDINATOR_2FA, post=only_get(COORDINATOR_2FA)),
    Rule(
        "vorming:meeting_move",
        get=NOT_ALLOWED,
        post=COORDINATOR_2FA,
        args=pk_of("vorming_meeting"),
    ),
    Rule("vorming:session_create", get=COORDINATOR_2FA, post=COORDINATOR_2FA),
    Rule("vorming:budget", get=COORDINATOR_2FA, post=COORDINATOR_2FA),
    Rule("vorming:reports", get=COORDINATOR_2FA, post=only_get(COORDINATOR_2FA)),
    Rule(
        "vorming:session_manage",
        get=COORDINATOR_2FA,
        post=COORDINATOR_2FA,
        args=pk_of("vorming_session"),
    ),
    Rule(
        "vorming:session_edit",
        get=COORDINATOR_2FA,
        post=COORDINATOR_2FA,
        args=pk_of("vorming_session"),
    ),
    Rule(
        "vorming:registrations_export_csv",
        get=COORDINATOR_2FA,
        post=only_get(COORDINATOR_2FA),
        args=pk_of("vorming_session"),
    ),
    Rule(
        "vorming:registrations_export_xlsx",
        get=COORDINATOR_2FA,
        post=only_get(COORDINATOR_2FA),
        args=pk_of("vorming_session"),
    ),
    # --- knowledge site ---------------------------------------------------------------
    # --- knowledge site (pages, search, bookmarks) ---
    # The news feed, like the page tree, answers any method.
    Rule("pages:news_feed", get=PUBLIC, post=PUBLIC),
    Rule("bookmarks:toggle", get=NOT_ALLOWED, post=MEMBER),
    # --- from forum to knowledge ---
    # An answered thread becomes a draft FAQ page: editors and coordinators, two-factor.
    Rule(
        "pages:faq_from_thread",
        get=NOT_ALLOWED,
        post=Policy(
            "EDITOR_COORDINATOR_2FA",
            frozenset({Role.COORDINATOR, Role.EDITOR, Role.ADMINISTRATOR}),
            staff=True,
        ),
        args=forum_thread,
    ),
]
