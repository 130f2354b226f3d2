from django.shortcuts import render
from django.views.decorators.http import require_GET

from aanspreekpunt.topics.selectors import topics_by_slug

from .forms import SearchForm
from .selectors import site_search


@require_GET
def search_view(request):
    """One search across the platform; any input gets an answer (a NUL is a form error)."""
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    topic = None
    topic_slug = request.GET.get("onderwerp", "")
    if topic_slug and len(topic_slug) <= 80 and "\x00" not in topic_slug:
        topic = topics_by_slug(slugs=[topic_slug]).first()
    results = site_search(
        query=query,
        kind=request.GET.get("soort", "")[:40],
        topic=topic,
        page_number=request.GET.get("pagina"),
    )
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "query": results.query,
            "results": results,
            "page": results.page,
            "topic": topic,
        },
    )
