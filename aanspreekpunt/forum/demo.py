"""Demo content of the forum, written for this platform and marked as demo (``is_demo``):
a few questions and replies, one answered, one pinned. Idempotent."""

from django.db import transaction

from aanspreekpunt.accounts.demo import demo_account
from aanspreekpunt.core.services import emails_withheld

from . import services
from .models import Category, ForumProfile, Post, Thread

DEMO_NOTE = "[demo] "

THREADS = [
    {
        "category": "chathulp",
        "title": DEMO_NOTE
        + "Hoe sluiten jullie een chatgesprek af als de bezoeker niet meer reageert?",
        "author": "lid@demo.onlinehulp.be",
        "body": (
            "Bij ons blijven gesprekken soms lang openstaan zonder reactie. Na hoeveel minuten "
            "sluiten jullie af, en met welke boodschap?\n\n*Dit is demo-inhoud.*"
        ),
        "replies": [
            (
                "coordinator@demo.onlinehulp.be",
                "Wij sturen na vijf minuten stilte een bericht dat het gesprek open blijft, en "
                "sluiten na tien minuten af met een verwijzing naar onze andere kanalen.\n\n"
                "*Dit is demo-inhoud.*",
            ),
        ],
        "answer": 0,
    },
    {
        "category": "deontologie-en-privacy",
        "title": DEMO_NOTE + "Welkom: spelregels van het expertiseforum",
        "author": "coordinator@demo.onlinehulp.be",
        "body": (
            "Deel ervaringen, geen gegevens van cliënten. Meld een bericht dat niet door de "
            "beugel kan; de coördinatoren bekijken het.\n\n*Dit is demo-inhoud.*"
        ),
        "replies": [],
        "pinned": True,
    },
    {
        "category": "tools-en-software",
        "title": DEMO_NOTE + "Ervaringen met videobellen in de hulpverlening?",
        "author": "lid@demo.onlinehulp.be",
        "body": (
            "Welke afspraken maken jullie over opnemen en beveiliging?\n\n*Dit is demo-inhoud.*"
        ),
        "replies": [],
    },
]

PROFILES = {
    "lid@demo.onlinehulp.be": ("lien", "Lien (demo)"),
    "coordinator@demo.onlinehulp.be": ("cor", "Cor (demo-coördinator)"),
}


def seed() -> list[str]:
    if not Category.objects.exists():
        raise ValueError("The forum categories are missing: run the migrations first.")
    if Thread.objects.filter(is_demo=True).exists():
        return ["  al aanwezig"]
    with transaction.atomic(), emails_withheld():
        for email, (handle, name) in PROFILES.items():
            user = demo_account(email)
            if not ForumProfile.objects.filter(user=user).exists():
                services.profile_save(user=user, handle=handle, display_name=name)
            # Demo members are not new: their posts need no approval.
            ForumProfile.objects.filter(user=user).update(
                approved_posts=services.APPROVALS_FOR_NEW_MEMBERS
            )
        for row in THREADS:
            category = Category.objects.get(slug=row["category"])
            thread = services.thread_create(
                user=demo_account(row["author"]),
                category=category,
                title=row["title"],
                body=row["body"],
                topics=category.topics.all(),
            )
            replies = [
                services.reply_create(user=demo_account(email), thread=thread, body=body)
                for email, body in row["replies"]
            ]
            if "answer" in row:
                services.answer_mark(actor=thread.author, post=replies[row["answer"]])
            if row.get("pinned"):
                Thread.objects.filter(pk=thread.pk).update(pinned=True)
        Thread.objects.filter(title__startswith=DEMO_NOTE).update(is_demo=True)
        Post.objects.filter(thread__is_demo=True).update(is_demo=True)
    return [f"  {len(THREADS)} demo-onderwerpen"]
