from django.http import HttpResponse
from django.views.decorators.http import require_GET

from .calendar import calendar_render


@require_GET
def agenda_feed_view(request):
    return HttpResponse(calendar_render(events=[]), content_type="text/calendar; charset=utf-8")
