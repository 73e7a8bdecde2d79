from django.urls import path

from ablework.quota import views
from ablework.quota.pages import (
    correction,
    credit,
    declarations,
    editing,
    reminders,
    review,
    sample,
)

app_name = "quota"

urlpatterns = [
    path("", declarations.declaration_list, name="declarations"),
    path("review/", review.review_list, name="review"),
    path("review/sample/", sample.sample, name="sample"),
    path("review/bulk-certify/", sample.bulk_certify, name="bulk_certify"),
    path("reminders/", reminders.reminders, name="reminders"),
    path("credit/", credit.credit_list, name="credit"),
    path("credit/new/", credit.credit_new, name="credit_new"),
    path("credit/<int:entry_id>/decide/", credit.credit_decide, name="credit_decide"),
    path("credit/export.<str:form>", credit.credit_export, name="credit_export"),
    path("template/", declarations.roster_template, name="roster_template"),
    path(
        "employers/<int:employer_id>/",
        declarations.employer_declarations,
        name="employer_declarations",
    ),
    path(
        "employers/<int:employer_id>/open/",
        declarations.declaration_open,
        name="declaration_open",
    ),
    path(
        "declarations/<int:declaration_id>/",
        declarations.declaration_detail,
        name="declaration",
    ),
    path("declarations/<int:declaration_id>/facts/", editing.facts_edit, name="facts"),
    path("declarations/<int:declaration_id>/lines/new/", editing.line_new, name="line_new"),
    path(
        "declarations/<int:declaration_id>/lines/<int:line>/",
        editing.line_edit,
        name="line_edit",
    ),
    path(
        "declarations/<int:declaration_id>/lines/<int:line>/remove/",
        editing.line_remove,
        name="line_remove",
    ),
    path("declarations/<int:declaration_id>/certify/", review.certify, name="certify"),
    path("declarations/<int:declaration_id>/return/", review.return_to_employer, name="return"),
    path("declarations/<int:declaration_id>/reject/", review.reject, name="reject"),
    path("declarations/<int:declaration_id>/proofs/new/", sample.proof_upload, name="proof_upload"),
    path(
        "declarations/<int:declaration_id>/proofs/<int:proof_id>/",
        sample.proof_download,
        name="proof",
    ),
    path(
        "declarations/<int:declaration_id>/deep-check/",
        sample.deep_check_outcome,
        name="deep_check",
    ),
    path("declarations/<int:declaration_id>/correct/", correction.correct, name="correct"),
    path("declarations/<int:declaration_id>/roster/", editing.roster_upload, name="roster"),
    path("declarations/<int:declaration_id>/submit/", editing.declaration_submit, name="submit"),
    path(
        "declarations/<int:declaration_id>/certificate/",
        views.certificate,
        name="certificate",
    ),
]
