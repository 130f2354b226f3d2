from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .forms import SearchForm
from .selectors import site_search

PAGE_SIZE = 20


@require_GET
def search_view(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(site_search(query=query), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "search/search.html", {"query": query, "page": page, "form": form})
