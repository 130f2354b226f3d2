from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .selectors import site_search

PAGE_SIZE = 20


@require_GET
def search_view(request):
    query = request.GET.get("q", "")
    page = Paginator(site_search(query=query), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "search/search.html", {"query": query, "page": page})
