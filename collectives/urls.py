from django.contrib import admin
from django.urls import include, path

from collectives.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("paper/", include("collectives.paper.urls")),
    path("plan/", include("collectives.planner.urls")),
    path("", include("collectives.web.urls")),
]
