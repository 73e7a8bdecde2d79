from django.urls import include, path

from ablework.accounts import pages as account_pages
from ablework.accounts import views as account_views
from ablework.config.api import api
from ablework.employers import views as employer_views
from ablework.registry import views as registry_views

account_patterns = (
    [
        path("login/", account_views.SignInView.as_view(), name="login"),
        path("logout/", account_views.SignOutView.as_view(), name="logout"),
        path("consents/", account_pages.consent_list, name="consents"),
        path("consents/new/<int:person_id>/", account_pages.consent_new, name="consent_new"),
        path(
            "consents/<int:consent_id>/revoke/",
            account_pages.consent_revoke,
            name="consent_revoke",
        ),
        path("my-access-log/", account_pages.my_access_log, name="my_access_log"),
        path("password/", account_views.PasswordChangeView.as_view(), name="password_change"),
        path("users/", account_pages.account_list, name="account_list"),
        path(
            "users/<int:account_id>/reset-password/",
            account_pages.password_reset,
            name="password_reset",
        ),
    ],
    "accounts",
)
registry_patterns = (
    [
        path("", registry_views.person_list, name="person_list"),
        path("export.csv", registry_views.person_export, name="person_export"),
        path("<int:person_id>/", registry_views.person_detail, name="person_detail"),
        path("<int:person_id>/reveal/", registry_views.person_reveal, name="person_reveal"),
        path("new/", registry_views.person_create, name="person_create"),
        path("<int:person_id>/edit/", registry_views.person_edit, name="person_edit"),
        path("<int:person_id>/verify/", registry_views.person_verify, name="person_verify"),
        path("<int:person_id>/identity/", registry_views.identity_correct, name="identity_correct"),
        path("<int:person_id>/flags/new/", registry_views.flag_open, name="flag_open"),
        path("<int:person_id>/flags/<int:flag_id>/end/", registry_views.flag_end, name="flag_end"),
        path("<int:person_id>/training/new/", registry_views.training_add, name="training_add"),
        path(
            "<int:person_id>/certificate/new/",
            registry_views.certificate_event_add,
            name="certificate_event_add",
        ),
        path("updates/", registry_views.update_round, name="update_round"),
        path("updates/progress/", registry_views.update_progress, name="update_progress"),
        path("updates/progress/report.pdf", registry_views.update_report, name="update_report"),
        path("duplicates/", registry_views.duplicate_list, name="duplicate_list"),
        path("duplicates/merge/", registry_views.duplicate_merge, name="duplicate_merge"),
        path("duplicates/dismiss/", registry_views.duplicate_dismiss, name="duplicate_dismiss"),
    ],
    "registry",
)
employer_patterns = (
    [
        path("", employer_views.employer_list, name="employer_list"),
        path("export.csv", employer_views.employer_export, name="employer_export"),
        path("<int:employer_id>/", employer_views.employer_detail, name="employer_detail"),
        path("new/", employer_views.employer_create, name="employer_create"),
        path("<int:employer_id>/edit/", employer_views.employer_edit, name="employer_edit"),
        path(
            "<int:employer_id>/accounts/new/",
            employer_views.employer_user_new,
            name="employer_user_new",
        ),
        path(
            "<int:employer_id>/contacts/new/",
            employer_views.contact_new,
            name="contact_new",
        ),
        path(
            "<int:employer_id>/contacts/<int:contact_id>/edit/",
            employer_views.contact_edit,
            name="contact_edit",
        ),
        path(
            "<int:employer_id>/contacts/<int:contact_id>/remove/",
            employer_views.contact_remove,
            name="contact_remove",
        ),
        path("request-account/", employer_views.account_request, name="account_request"),
        path(
            "request-account/sent/",
            employer_views.account_request_sent,
            name="account_request_sent",
        ),
        path("requests/", employer_views.account_request_list, name="account_request_list"),
        path(
            "requests/<int:request_id>/",
            employer_views.account_request_decide,
            name="account_request_decide",
        ),
    ],
    "employers",
)

urlpatterns = [
    path("", include("ablework.shell.urls")),
    path("accounts/", include(account_patterns)),
    path("persons/", include(registry_patterns)),
    path("employers/", include(employer_patterns)),
    path("imports/", include("ablework.exchange.urls")),
    path("", include("ablework.printing.urls")),
    path("jobs/", include("ablework.jobs.urls")),
    path("parameters/", include("ablework.parameters.urls")),
    path("quota/", include("ablework.quota.urls")),
    path("organs/", include("ablework.organs.urls")),
    path("concentrated/", include("ablework.concentrated.urls")),
    path("levy/", include("ablework.levy.urls")),
    path("notice/", include("ablework.organs.public_urls")),
    path("rewards/", include("ablework.rewards.urls")),
    path("support/", include("ablework.support.urls")),
    path("matching/", include("ablework.matching.urls")),
    path("indicators/", include("ablework.indicators.urls")),
    path("open-data/", include("ablework.indicators.public_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]
