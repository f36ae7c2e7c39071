from django.urls import path

from .views import distribution, issues, reach

app_name = "paper"

urlpatterns = [
    # Reading the paper, and making it
    path("", issues.home, name="home"),
    path("issues/new/", issues.new_issue, name="new_issue"),
    path("issues/<int:number>/", issues.issue, name="issue"),
    path("issues/<int:number>/edit/", issues.edit_issue, name="edit_issue"),
    path("issues/<int:number>/publish/", issues.publish_issue, name="publish_issue"),
    path("issues/<int:number>/articles/new/", issues.new_article, name="new_article"),
    path("articles/<int:pk>/", issues.article, name="article"),
    path("articles/<int:pk>/edit/", issues.edit_article, name="edit_article"),
    # Logging copies
    path("log/", distribution.log, name="log"),
    path("log/<int:number>/take/", distribution.take, name="take"),
    path("log/<int:number>/return/", distribution.give_back, name="give_back"),
    path("bundles/new/", distribution.new_bundle, name="new_bundle"),
    path("handouts/new/", distribution.new_handout, name="new_handout"),
    path("entries/", distribution.entries, name="entries"),
    path("bundles/<int:pk>/correct/", distribution.correct_bundle, name="correct_bundle"),
    path("handouts/<int:pk>/correct/", distribution.correct_handout, name="correct_handout"),
    # Reach
    path("reach/", reach.overview, name="reach"),
    path("reach/<int:number>/", reach.issue, name="reach_issue"),
    path("reach/trend.svg", reach.trend_chart, name="trend_chart"),
    path("reach/share.svg", reach.share_chart, name="share_chart"),
    path("reach/<int:number>/categories.svg", reach.categories_chart, name="categories_chart"),
    path("export/reach.csv", reach.export_reach, name="export_reach"),
    path("export/bundles.csv", reach.export_bundles, name="export_bundles"),
    path("export/handouts.csv", reach.export_handouts, name="export_handouts"),
]
