"""The audit actions of jobs and matching."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions


class MatchingAction(AuditAction):
    POSTING_CREATE = "matching.posting.create", pgettext_lazy("audit action", "发布招聘岗位")
    POSTING_UPDATE = "matching.posting.update", pgettext_lazy("audit action", "修改招聘岗位")
    POSTING_CLOSE = "matching.posting.close", pgettext_lazy("audit action", "结束招聘岗位")
    POSTING_EXPIRE = (
        "matching.posting.expire",
        pgettext_lazy("audit action", "招聘岗位有效期届满，自动结束"),
    )
    POSTINGS_EXPORT = "matching.postings.export", pgettext_lazy("audit action", "导出招聘岗位")
    BATCH_START = "matching.batch.start", pgettext_lazy("audit action", "开始批量推荐")
    BATCH_FINISH = "matching.batch.finish", pgettext_lazy("audit action", "批量推荐完成")
    CANDIDATES_VIEW = (
        "matching.candidates.view",
        pgettext_lazy("audit action", "查看岗位候选人"),
    )
    POSTING_SAVE = "matching.posting.save", pgettext_lazy("audit action", "求职者收藏招聘岗位")
    POSTING_UNSAVE = (
        "matching.posting.unsave",
        pgettext_lazy("audit action", "求职者取消收藏招聘岗位"),
    )
    REFERRAL_ASK = "matching.referral.ask", pgettext_lazy("audit action", "本人申请岗位推荐")
    REFERRAL_REFER = "matching.referral.refer", pgettext_lazy("audit action", "推荐残疾人到岗位")
    REFERRAL_INTERVIEW = (
        "matching.referral.interview",
        pgettext_lazy("audit action", "登记推荐的面试安排"),
    )
    REFERRAL_HIRE = "matching.referral.hire", pgettext_lazy("audit action", "登记推荐已录用")
    REFERRAL_NOT_HIRED = (
        "matching.referral.not_hired",
        pgettext_lazy("audit action", "登记推荐未录用"),
    )
    REFERRAL_WITHDRAW = "matching.referral.withdraw", pgettext_lazy("audit action", "撤回岗位推荐")
    REFERRAL_TO_ROSTER = (
        "matching.referral.to_roster",
        pgettext_lazy("audit action", "将推荐录用人员添加到按比例就业申报名单"),
    )


# Every write of a posting advances its version (core.versioning).
POSTING_VERSION_ACTIONS = (
    MatchingAction.POSTING_UPDATE,
    MatchingAction.POSTING_CLOSE,
    MatchingAction.POSTING_EXPIRE,
)
# Every step of a referral after its creation advances its version.
REFERRAL_VERSION_ACTIONS = (
    MatchingAction.REFERRAL_REFER,
    MatchingAction.REFERRAL_INTERVIEW,
    MatchingAction.REFERRAL_HIRE,
    MatchingAction.REFERRAL_NOT_HIRED,
    MatchingAction.REFERRAL_WITHDRAW,
)


register_actions(
    MatchingAction,
    title=_("岗位与匹配"),
    models=(
        "matching.jobposting",
        "matching.recommendationrun",
        "matching.referral",
        "matching.referralstep",
    ),
    region_fields=("county_code", "township_code"),
)

# Recruitment events declare theirs in their own module, registered with the app's.
from ablework.matching import event_audit_actions  # noqa: E402, F401
