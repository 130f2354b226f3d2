"""An answered question of the desk, prepared for publication, becomes an unpublished FAQ
page on the knowledge site (desk.publishing), for an editor to approve."""

import pytest
from wagtail.models import Page, WorkflowState

from aanspreekpunt.accounts import roles
from aanspreekpunt.desk import publishing, services
from aanspreekpunt.pages.faq_drafts import make_faq_draft
from aanspreekpunt.pages.models import FAQPage, ThemePage
from aanspreekpunt.topics.models import Topic
from tests.desk.conftest import confirmed
from tests.factories import UserFactory

from .conftest import publish

pytestmark = pytest.mark.django_db

ANSWER = (
    "De regels van vandaag zeggen dat u de zorg van een goede hulpverlener moet bieden."
    "\n\nMeer lezen kan in de gids."
)


@pytest.fixture
def coordinator(db):
    return UserFactory(groups=[roles.COORDINATORS], two_factor=True)


def prepared(coordinator, topics=()):
    question = confirmed(topic=topics[0] if topics else None)
    services.question_answer(question=question, actor=coordinator, text="Noor, " + ANSWER)
    return services.question_prepare_publication(
        question=question,
        actor=coordinator,
        title="Aansprakelijkheid bij advies via videobellen",
        question_text="Is een organisatie aansprakelijk voor advies via videobellen?",
        answer_text=ANSWER,
        topics=list(topics),
    )


def test_the_knowledge_site_registers_its_draft_maker():
    assert publishing.faq_draft_maker() is make_faq_draft


def test_an_answered_question_becomes_an_unpublished_faq_page_with_the_answer(
    coordinator, home, client
):
    question = prepared(coordinator)
    page = FAQPage.objects.get(pk=question.faq_page_id)
    assert page.live is False
    assert page.get_parent().specific == home
    assert page.title == "Aansprakelijkheid bij advies via videobellen"
    [block] = page.questions
    assert block["question"] == "Is een organisatie aansprakelijk voor advies via videobellen?"
    assert "zorg van een goede hulpverlener" in block["answer"].source
    assert "Noor" not in block["answer"].source
    assert page.get_latest_revision() is not None
    # Nobody sees it before an editor publishes it.
    assert client.get(page.url_path.replace(home.url_path, "/", 1)).status_code == 404
    assert not FAQPage.objects.live().filter(pk=page.pk).exists()


def test_the_draft_goes_to_the_moderation_workflow(coordinator, home):
    question = prepared(coordinator)
    page = Page.objects.get(pk=question.faq_page_id)
    if page.get_workflow() is None:
        pytest.fail("the site has no moderation workflow for the FAQ draft")
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # An editor (no superuser) may review it, and approving publishes it.
    editor = UserFactory(groups=[roles.EDITORS], is_staff=True)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.user_can_access_editor(page, editor)
    assert "approve" in [name for name, *_ in task.get_actions(page, editor)]
    task.on_action(task_state, user=editor, action_name="approve")
    assert FAQPage.objects.live().filter(pk=page.pk).exists()


def test_a_draft_of_a_topic_goes_under_its_topic_page(coordinator, home):
    topic = Topic.objects.get(slug="deontologie-en-privacy")
    theme_page = publish(home, ThemePage(title="Deontologie", slug="deontologie", topic=topic))
    question = prepared(coordinator, topics=[topic])
    page = FAQPage.objects.get(pk=question.faq_page_id)
    assert page.get_parent().pk == theme_page.pk
    assert list(page.topics.all()) == [topic]


def test_two_drafts_with_the_same_title_get_their_own_address(coordinator, home):
    first = prepared(coordinator)
    second = prepared(coordinator)
    slugs = {FAQPage.objects.get(pk=q.faq_page_id).slug for q in (first, second)}
    assert len(slugs) == 2


def test_a_long_question_is_kept_whole_in_the_introduction(home):
    entry = publishing.FaqEntry(
        question_id=7,
        title="Lange vraag",
        question="Waarom " * 80,
        answer="Daarom.",
        topic_slugs=(),
    )
    page = FAQPage.objects.get(pk=make_faq_draft(entry))
    assert page.intro.startswith("Waarom Waarom")
    assert page.questions[0]["question"] == "Lange vraag"
    assert page.live is False
