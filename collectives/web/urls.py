from django.contrib.auth import views as auth_views
from django.urls import path

from .views import groups, people, ties

app_name = "web"

urlpatterns = [
    path("", groups.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("people/", people.people, name="people"),
    path("people/new/", people.new_person, name="new_person"),
    path("people/<int:pk>/", people.person, name="person"),
    path("people/<int:pk>/edit/", people.edit_person, name="edit_person"),
    path("people/<int:pk>/delete/", people.delete_person, name="delete_person"),
    path("people/<int:pk>/export/", people.export_person, name="export_person"),
    path("people/<int:pk>/erase/", people.erase_person, name="erase_person"),
    path("people/<int:pk>/stage/", people.record_stage, name="record_stage"),
    path("people/<int:pk>/ties/new/", people.new_tie, name="new_tie"),
    path("ties/<int:pk>/edit/", ties.edit_tie, name="edit_tie"),
    path("ties/<int:pk>/delete/", ties.delete_tie, name="delete_tie"),
    path("groups/new/", groups.new_group, name="new_group"),
    path("groups/<int:pk>/", groups.group, name="group"),
    path("groups/<int:pk>/edit/", groups.edit_group, name="edit_group"),
    path("groups/<int:pk>/delete/", groups.delete_group, name="delete_group"),
    path("groups/<int:pk>/members/new/", groups.add_member, name="add_member"),
    path("memberships/<int:pk>/edit/", groups.edit_membership, name="edit_membership"),
    path("memberships/<int:pk>/remove/", groups.remove_member, name="remove_member"),
]
