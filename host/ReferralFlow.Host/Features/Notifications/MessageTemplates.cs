using System.Globalization;
using System.Resources;
using System.Text.Json;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Resources;

namespace ReferralFlow.Host.Features.Notifications;

/// <summary>
/// Korean (default) and English message texts. Messages carry the referral number, the step, the agency, how overdue,
/// coded outcomes' labels and a link — never household personal data and never free text typed by workers.
/// </summary>
public static class MessageTemplates
{
    /// <summary>The subject and body; times are shown at <paramref name="utcOffset"/> (<see cref="Calendar.KoreaTime.Offset"/>).</summary>
    public static (string Subject, string Body) Render(string? template, string? dataJson, string language, string baseUrl, DateTimeOffset now, string? agencyName, TimeSpan utcOffset)
    {
        var data = dataJson is null ? default : JsonDocument.Parse(dataJson).RootElement;
        string Get(string name) => data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "";
        var number = Get("referralNumber");
        var step = Get("stepName");
        var link = Get("taskRowId") is { Length: > 0 } task ? $"{baseUrl.TrimEnd('/')}/tasks/{task}"
            : Get("referralId") is { Length: > 0 } referral ? $"{baseUrl.TrimEnd('/')}/referrals/{referral}" : baseUrl;
        var english = language.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        if (Alerts.AlertTemplates.Render(template, data, english, baseUrl, utcOffset) is { } alert)
        {
            return alert;
        }

        switch (template)
        {
            case "escalation":
                return EscalationMessage.Render(Get, english, baseUrl, now, agencyName, utcOffset);
            case "step-created":
                var stepDue = Local(Get("dueAt"), utcOffset) is { Length: > 0 } dueText ? dueText : english ? "none" : "없음";
                return english
                    ? ($"[ReferralFlow] New step: {step} — referral {number}",
                        $"A new step has been given to {agencyName}.\nReferral: {number} ({Get("dong")})\nStep: {step}\nDue: {stepDue} (KST)\n\nOpen the task: {link}\n")
                    : ($"[ReferralFlow] 새 단계: {step} — 의뢰 {number}",
                        $"{agencyName}에 새 단계가 배정되었습니다.\n의뢰: {number} ({Get("dong")})\n단계: {step}\n기한: {stepDue}(KST)\n\n업무 열기: {link}\n");
            case "consent-needed":
                // Asks the case owner for the household's consent; until then the agency sees only number, dong, step and deadline.
                var categories = string.Join(", ", CategoryLabels(data, english));
                var consents = $"{baseUrl.TrimEnd('/')}/referrals/{Get("referralId")}/consents";
                return english
                    ? ($"[ReferralFlow] Consent needed for {agencyName} — referral {number}",
                        $"The step \"{step}\" of referral {number} ({Get("dong")}) has been given to {agencyName}, but the household's consent does not cover it yet: {categories}.\nUntil it is recorded, the agency sees only the number, dong, step and deadline.\n\nRecord the consent: {consents}\n")
                    : ($"[ReferralFlow] 동의 필요: {agencyName} — 의뢰 {number}",
                        $"의뢰 {number}({Get("dong")})의 \"{step}\" 단계가 {agencyName}에 배정되었지만, 가구의 정보제공 동의가 아직 이 기관을 포함하지 않습니다: {categories}.\n동의를 받아 기록하기 전까지 이 기관에는 의뢰번호·동·단계·기한만 보입니다.\n\n동의 기록: {consents}\n");
            case "referral-reply":
                // The closing code's label only: the case owner's free text may name the household and never leaves by email.
                var outcome = ClosingOutcomes.Label(Get("outcomeCode"), language);
                return english
                    ? ($"[ReferralFlow] Referral {number} closed — reply", $"Referral {number} has been closed by the public case owner.\nOutcome: {outcome}\n\nCase: {link}\n")
                    : ($"[ReferralFlow] 의뢰 {number} 종결 회신", $"의뢰 {number}이(가) 공공 주담당에 의해 종결되었습니다.\n결과: {outcome}\n\n사례 보기: {link}\n");
            case "possible-duplicate":
                // Agency names only (public bodies): the other referral's content stays with its owner.
                var other = agencyName ?? Get("agencyId");
                return english
                    ? ($"[ReferralFlow] Referral {number}: possible duplicate service", $"The district has another open referral that looks like the same household as referral {number}; its public case owner is {other}. Please coordinate so the household is not served twice.\n\nCase: {link}\n")
                    : ($"[ReferralFlow] 의뢰 {number} 서비스 중복 가능성 알림", $"의뢰 {number}과(와) 같은 가구로 보이는 진행 중인 의뢰가 구에 또 있습니다. 그 의뢰의 공공 주담당은 {other}입니다. 중복 지원이 되지 않도록 협의해 주세요.\n\n사례 보기: {link}\n");
            case "referral-result":
                // Sent by a workflow when its agreed steps are done; the closing reply (referral-reply) follows the close.
                return english
                    ? ($"[ReferralFlow] Referral {number}: the agreed steps are done", $"Every agreed step of referral {number} is done. The public case owner reviews the result and closes the referral; you will get the closing reply then.\n\nCase: {link}\n")
                    : ($"[ReferralFlow] 의뢰 {number} 지원 단계 완료 회신", $"의뢰 {number}의 합의된 지원 단계가 모두 끝났습니다. 공공 주담당이 결과를 확인해 종결하면 종결 회신을 다시 보내 드립니다.\n\n사례 보기: {link}\n");
            case "retention-review":
                var since = DateTimeOffset.TryParse(Get("lastActivity"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var a) ? a.ToOffset(utcOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
                return english
                    ? ($"[ReferralFlow] Referral {number}: no activity since {since} — please close it",
                        $"Referral {number} is still open but has had no activity since {since}, the whole retention period. Close it (with its outcome) so its personal data is destroyed on schedule.\n\nCase: {link}\n")
                    : ($"[ReferralFlow] 의뢰 {number} 장기 미처리 — 종결 검토 요청",
                        $"의뢰 {number}은(는) 아직 종결되지 않았으나 {since} 이후 보존기간 내내 처리 내역이 없습니다. 결과를 기록해 종결하면 개인정보가 보존기간에 맞춰 파기됩니다.\n\n사례 보기: {link}\n");
            case "transfer-requested" or "transfer-accepted" or "transfer-declined":
                // 전출: the number, the two districts and the transfers page; reasons and notes stay in the platform.
                return Transfer(template, english, number, Get("fromDistrict"), Get("toDistrict"), $"{baseUrl.TrimEnd('/')}/transfers");
            case "invitation" or "password-reset":
                return LinkMessage(template, english, Get("agencyName"), Get("inviterName"), Get("link"), Local(Get("expiresAt"), utcOffset));
            case "task-returned-to-queue":
                return english
                    ? ($"[ReferralFlow] Step back in the queue: {step} — referral {number}",
                        $"The step \"{step}\" of referral {number} was claimed by a worker who left {agencyName} or moved; it is back in the agency queue.\n\nOpen the task: {link}\n")
                    : ($"[ReferralFlow] 대기열로 돌아온 단계: {step} — 의뢰 {number}",
                        $"의뢰 {number}의 \"{step}\" 단계를 맡던 담당자가 {agencyName}을(를) 떠나거나 옮겨, 기관 대기열로 돌아왔습니다.\n\n업무 열기: {link}\n");
            default:
                return english
                    ? ($"[ReferralFlow] Referral {number}: {template ?? "notification"}", $"There is news on referral {number}.\n\n{link}\n")
                    : ($"[ReferralFlow] 의뢰 {number} 알림", $"의뢰 {number}에 새 소식이 있습니다.\n\n{link}\n");
        }
    }

    private static (string Subject, string Body) Transfer(string template, bool english, string number, string from, string to, string link) =>
        (template, english) switch
        {
            ("transfer-requested", true) => ($"[ReferralFlow] Transfer request: referral {number} from {from}",
                $"{from} asks {to} to take over referral {number} (transfer between districts). Accept it and name the new public case owner, or decline it.\n\nTransfers: {link}\n"),
            ("transfer-requested", false) => ($"[ReferralFlow] 전출 요청: 의뢰 {number} ({from} → {to})",
                $"{from}에서 의뢰 {number}의 {to} 전출(이관)을 요청했습니다. 수락하면서 새 공공 주담당 기관을 정하거나 반려해 주세요.\n\n전출 요청 보기: {link}\n"),
            ("transfer-accepted", true) => ($"[ReferralFlow] Referral {number} transferred to {to}",
                $"{to} has accepted the transfer of referral {number} from {from}. The case now belongs to {to}.\n\nTransfers: {link}\n"),
            ("transfer-accepted", false) => ($"[ReferralFlow] 의뢰 {number} 전출 완료 ({from} → {to})",
                $"{to}에서 의뢰 {number}의 전출을 수락했습니다. 이제 이 사례는 {to} 소관입니다.\n\n전출 요청 보기: {link}\n"),
            (_, true) => ($"[ReferralFlow] Transfer of referral {number} to {to} declined",
                $"{to} has declined the transfer of referral {number}. The case stays with {from}; the reason is on the transfers page.\n\nTransfers: {link}\n"),
            _ => ($"[ReferralFlow] 의뢰 {number} 전출 반려 ({to})",
                $"{to}에서 의뢰 {number}의 전출 요청을 반려했습니다. 사례는 {from}에 그대로 있으며, 반려 사유는 전출 요청 화면에서 볼 수 있습니다.\n\n전출 요청 보기: {link}\n"),
        };

    // A one-time link's mail: only the link, the agency and the inviter's name; nothing an administrator typed leaves by mail.
    private static (string Subject, string Body) LinkMessage(string template, bool english, string agency, string inviter, string link, string until) =>
        (template, english) switch
        {
            ("invitation", true) => ($"[ReferralFlow] Invitation to {agency}",
                $"{inviter} has invited you to ReferralFlow as a worker of {agency}.\nSet your password here (the link works once, until {until} KST):\n\n{link}\n"),
            ("invitation", false) => ($"[ReferralFlow] {agency} 계정 초대",
                $"{inviter}님이 {agency} 담당자로 ReferralFlow에 초대했습니다.\n아래 링크에서 비밀번호를 정하세요(한 번만, {until}(KST)까지 쓸 수 있습니다).\n\n{link}\n"),
            (_, true) => ("[ReferralFlow] Set a new password",
                $"{inviter} ({agency}) has asked for a new password for your ReferralFlow account.\nChoose it here (the link works once, until {until} KST):\n\n{link}\n"),
            _ => ("[ReferralFlow] 새 비밀번호 설정",
                $"{inviter}님({agency})이 ReferralFlow 계정의 비밀번호 재설정을 요청했습니다.\n아래 링크에서 새 비밀번호를 정하세요(한 번만, {until}(KST)까지 쓸 수 있습니다).\n\n{link}\n"),
        };

    private static readonly ResourceManager UiTexts = new("ReferralFlow.Host.Resources.UiText", typeof(UiText).Assembly);

    // The consent categories' labels as the pages show them.
    private static IEnumerable<string> CategoryLabels(JsonElement data, bool english) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("categories", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(c => UiTexts.GetString($"Category.{c.GetString()}", CultureInfo.GetCultureInfo(english ? "en" : "ko")) ?? c.GetString() ?? "")
            : [];

    private static string Local(string instant, TimeSpan utcOffset) =>
        DateTimeOffset.TryParse(instant, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at.ToOffset(utcOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : instant;
}
