from django.urls import path

from ablework.exchange.views import comparison, imports

app_name = "exchange"

# The registry's kind keeps the short addresses it has always had.
FIRST_KIND = {"kind": "persons"}

urlpatterns = [
    path("", imports.batch_list, name="batch_list"),
    path("new/", imports.upload, FIRST_KIND, name="upload"),
    path("template.xlsx", imports.template_download, FIRST_KIND, name="template"),
    path("new/<slug:kind>/", imports.upload, name="upload_kind"),
    path("template/<slug:kind>.xlsx", imports.template_download, name="template_kind"),
    path("compare/", comparison.comparison_upload, name="comparison_upload"),
    path("<int:batch_id>/", imports.batch_detail, name="batch_detail"),
    path("<int:batch_id>/commit/", imports.batch_commit, name="batch_commit"),
    path("<int:batch_id>/discard/", imports.batch_discard, name="batch_discard"),
    path("<int:batch_id>/restart/", imports.batch_restart, name="batch_restart"),
    path("<int:batch_id>/rejected.xlsx", imports.rejected_download, name="rejected_rows"),
    path("<int:batch_id>/decide/", comparison.proposals_decide, name="proposals_decide"),
]
