"""`POST /api/v1/matching/match`: the matching contract over HTTP (session + CSRF, for the roles
with `matching.match`, within a size and a per-user rate limit).

The body is the market JSON of `ablework match --input`; the answer is the same JSON the command
prints: `{"matches": …}`, or with `?person=ID&posting=ID` the pair's explanation (`--explain-pair`).
`?top=N` as `--top`. A body that is not JSON, or a market that breaks the contract, is a 400 in
the API's one error envelope, each problem in `fields` under its path (`persons[3].abilities…`).
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.core.envelope import error_responses
from ablework.core.errors import FieldsInvalid, Invalid, PermissionDenied, TooLarge
from ablework.core.form_values import int_or_none
from ablework.core.rate_limits import count_request
from ablework.matching.engine import DEFAULT_TOP, InvalidMarket, UnknownRecord
from ablework.matching.engine.contract import MOST_TOP, answer
from ablework.matching.engine.errors import MatchingErrorCode

router = Router(tags=["matching"])


@router.post(
    "/match",
    summary="Match job seekers to postings under the six hard constraints, with explanations",
    description="Needs the `matching.match` permission. The body is the market of the matching "
    "contract (`as_of`, `persons`, `postings`), at most `MATCHING_API_MAX_BYTES` (2 MiB; 413 "
    "beyond); each user may call it `MATCHING_API_RATE` times a minute (429 beyond). "
    "`person` and `posting` together explain one pair, as `--explain-pair`.",
    response={200: None, **error_responses(400, 401, 403, 413, 429)},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
def match(
    request: HttpRequest,
    top: int = DEFAULT_TOP,
    person: str | None = None,
    posting: str | None = None,
) -> JsonResponse:
    """Each person's suggestions, best first (matching-contract)."""
    user: User = request.user  # type: ignore[assignment]
    if not user.has_named_permission(Permission.MATCHING_MATCH):
        raise PermissionDenied(_("您的角色不能使用岗位匹配接口。"))
    count_request(
        key=f"matching.match:{user.pk}", limit=settings.MATCHING_API_RATE, window_seconds=60
    )
    if (person is None) != (posting is None):
        raise Invalid(
            _("解释一对人岗时，person 和 posting 两个参数都要给出。"),
            field="person" if person is None else "posting",
            code=MatchingErrorCode.INVALID_MARKET,
        )
    if not 1 <= top <= MOST_TOP:  # named as the API's parameter, not the command's --top
        raise Invalid(
            _("top 应当是 1 到 %(most)d 之间的整数。") % {"most": MOST_TOP},
            field="top",
            code=MatchingErrorCode.INVALID_MARKET,
        )
    pair = (person, posting) if person is not None and posting is not None else None
    try:
        result = answer(_market(request), top=top, pair=pair)
    except InvalidMarket as invalid:
        problems: dict[str, list[str]] = {}
        for problem in invalid.problems:
            problems.setdefault(problem.path, []).append(str(problem))
        raise FieldsInvalid(problems, code=MatchingErrorCode.INVALID_MARKET) from None
    except UnknownRecord as unknown:
        field = "person" if unknown.path.endswith("PERSON_ID") else "posting"
        raise Invalid(
            _("市场数据中没有编号为 %(id)s 的记录。") % {"id": unknown.record_id},
            field=field,
            code=MatchingErrorCode.UNKNOWN_RECORD,
        ) from None
    return JsonResponse(result, json_dumps_params={"ensure_ascii": False})


def _market(request: HttpRequest) -> Any:
    """The parsed body, refused when too large or not JSON."""
    limit = settings.MATCHING_API_MAX_BYTES
    declared = int_or_none(request.META.get("CONTENT_LENGTH")) or 0
    if declared > limit or len(request.body) > limit:
        raise TooLarge(
            _("(body): 请求体超过 %(kib)d KiB 的上限，更大的数据请用 ablework match 命令。")
            % {"kib": limit // 1024}
        )
    try:
        return json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise Invalid(
            _("(body): 请求体不是有效的 UTF-8 JSON（%(reason)s）") % {"reason": error},
            code=MatchingErrorCode.UNREADABLE_INPUT,
        ) from None
