from django.urls import URLPattern, path

from ablework.support.views import (
    completion,
    difficulty,
    escalation,
    graduates,
    households,
    mine,
    plans,
    queue,
    records,
)

app_name = "support"

# Each part of employment services adds its pages here (the queue, the records, plans,
# graduates, employment difficulty and escalation).
urlpatterns: list[URLPattern] = [
    # one person, one plan (views/plans.py)
    path("persons/<int:person_id>/plan/", plans.plan_detail, name="plan"),
    path("persons/<int:person_id>/plan/edit/", plans.plan_edit, name="plan_edit"),
    path("persons/<int:person_id>/plan/submit/", plans.plan_submit, name="plan_submit"),
    path("persons/<int:person_id>/plan/approve/", plans.plan_approve, name="plan_approve"),
    path("persons/<int:person_id>/plan/return/", plans.plan_return, name="plan_return"),
    path("persons/<int:person_id>/plan/versions/", plans.plan_versions, name="plan_versions"),
    path(
        "persons/<int:person_id>/plan/actions/<int:action_id>/done/",
        plans.action_done,
        name="plan_action_done",
    ),
    path("plans/awaiting/", plans.awaiting, name="plans_awaiting"),
    # the person's own view, their feedback and correction requests (views/mine.py)
    path("mine/", mine.mine, name="mine"),
    path("mine/services/<int:service_id>/feedback/", mine.feedback, name="mine_feedback"),
    path("mine/corrections/new/", mine.ask_for_correction, name="mine_correction"),
    path("feedback/complaints/", mine.complaints, name="complaints"),
    path("corrections/", mine.corrections, name="corrections"),
    path("corrections/<int:request_id>/answer/", mine.answer, name="correction_answer"),
    # employment difficulty (views/difficulty.py)
    path(
        "persons/<int:person_id>/difficulty/apply/",
        difficulty.apply_page,
        name="difficulty_apply",
    ),
    path("difficulty/", difficulty.list_page, name="difficulty_list"),
    path("difficulty/export.xlsx", difficulty.list_export, name="difficulty_export"),
    path("difficulty/pending/", difficulty.pending_page, name="difficulty_pending"),
    path(
        "difficulty/<int:application_id>/",
        difficulty.application_page,
        name="difficulty_application",
    ),
    path(
        "difficulty/<int:application_id>/decide/",
        difficulty.decide_page,
        name="difficulty_decide",
    ),
    path(
        "difficulty/<int:application_id>/proofs/<int:proof_id>/",
        difficulty.proof_download,
        name="difficulty_proof",
    ),
    # escalation (views/escalation.py)
    path("escalations/", escalation.escalation_list, name="escalations"),
    path(
        "escalations/<int:proposal_id>/decide/",
        escalation.escalation_decide,
        name="escalation_decide",
    ),
    path(
        "escalations/<int:proposal_id>/owner/",
        escalation.escalation_reassign,
        name="escalation_reassign",
    ),
    path("queue/", queue.queue, name="queue"),
    path("queue/remind/", queue.remind, name="remind"),
    path("completion/", completion.completion_page, name="completion"),
    path("completion/export.xlsx", completion.completion_export, name="completion_export"),
    path("completion/persons/", completion.completion_persons, name="completion_persons"),
    path("graduates/", graduates.graduate_ledger, name="graduates"),
    path("graduates/<int:graduate_id>/", graduates.graduate_detail, name="graduate"),
    path(
        "graduates/cohorts/<int:cohort_id>/export.xlsx",
        graduates.ledger_export,
        name="graduate_export",
    ),
    # zero-employment households (views/households.py)
    path("households/", households.household_list_page, name="households"),
    path("households/export.xlsx", households.household_export, name="household_export"),
    path("households/<int:household_id>/", households.household_detail, name="household"),
    path("persons/<int:person_id>/household/", households.household_new, name="household_new"),
    # the records of the 四个一 (views/records.py)
    path("persons/<int:person_id>/", records.person_services, name="person"),
    path("persons/<int:person_id>/check/", records.check_page, name="record_check"),
    path(
        "persons/<int:person_id>/check/<int:record_id>/",
        records.check_page,
        name="record_check_correct",
    ),
    path("persons/<int:person_id>/assessment/", records.assessment_page, name="record_assessment"),
    path(
        "persons/<int:person_id>/assessment/<int:record_id>/",
        records.assessment_page,
        name="record_assessment_correct",
    ),
    path("persons/<int:person_id>/needs/", records.needs_page, name="record_needs"),
    path(
        "persons/<int:person_id>/needs/<int:record_id>/",
        records.needs_page,
        name="record_needs_correct",
    ),
    path("persons/<int:person_id>/service/", records.service_page, name="record_service"),
    path(
        "persons/<int:person_id>/service/<int:record_id>/",
        records.service_page,
        name="record_service_correct",
    ),
]
