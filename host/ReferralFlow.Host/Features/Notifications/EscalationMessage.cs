using System.Globalization;

namespace ReferralFlow.Host.Features.Notifications;

/// <summary>
/// The overdue-step mail: which step, how late, who holds it, and what this recipient is expected to do at this level,
/// with a link to a page the recipient can open (the task for the agency's people, the referral for the case owner, the
/// district hub and the referrer, who cannot open another agency's task). Worker names are staff, not household data.
/// </summary>
internal static class EscalationMessage
{
    /// <summary>What the sweep stores per recipient (data keys of the outbox row).</summary>
    public const string RecipientKey = "recipient";

    public const string HolderKey = "holderName";

    public static (string Subject, string Body) Render(
        Func<string, string> get, bool english, string baseUrl, DateTimeOffset now, string? agencyName, TimeSpan utcOffset)
    {
        var number = get("referralNumber");
        var step = get("stepName");
        var level = get("level");
        var due = DateTimeOffset.TryParse(get("dueAt"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : now;
        var dueText = due.ToOffset(utcOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var holder = get(HolderKey);
        // "The assignee" of a step nobody has claimed is its agency's queue.
        var recipient = get(RecipientKey) is "Assignee" && holder.Length == 0 ? "AgencyQueue" : get(RecipientKey);
        var onReferral = recipient is "PublicCaseOwner" or "DistrictHub" or "Referrer" && get("referralId").Length > 0;
        var link = onReferral ? $"{baseUrl.TrimEnd('/')}/referrals/{get("referralId")}"
            : get("taskRowId") is { Length: > 0 } task ? $"{baseUrl.TrimEnd('/')}/tasks/{task}" : baseUrl;
        var overdue = Describe(now - due, english);
        if (english)
        {
            var holds = holder.Length > 0 ? $"{holder} at {agencyName}" : $"nobody yet: it waits in the queue of {agencyName}";
            return ($"[ReferralFlow] Overdue step (level {level}): {step} — referral {number}",
                $"The step \"{step}\" of referral {number} was due {dueText} (KST) and is {overdue} overdue.\nHeld by: {holds}\n"
                + $"Escalation level: {level}\n\nWhat we ask of you: {ExpectedEnglish(recipient)}\n\n{(onReferral ? "Open the referral" : "Open the task")}: {link}\n");
        }

        var holdsKo = holder.Length > 0 ? $"{agencyName} {holder}" : $"아직 없음({agencyName} 기관 대기열에서 기다리는 중)";
        return ($"[ReferralFlow] 기한 경과 {level}단계 알림: {step} — 의뢰 {number}",
            $"의뢰 {number}의 \"{step}\" 단계의 기한은 {dueText}(KST)이며 {overdue} 지났습니다.\n현재 담당: {holdsKo}\n"
            + $"상향보고 단계: {level}\n\n요청 사항: {ExpectedKorean(recipient)}\n\n{(onReferral ? "의뢰 열기" : "업무 열기")}: {link}\n");
    }

    private static string ExpectedEnglish(string recipient) => recipient switch
    {
        "Assignee" => "complete the step, or hand it back to the agency queue if you cannot.",
        "AgencyQueue" => "someone at the agency should claim the step and complete it.",
        "AgencySupervisor" => "check who holds the step and reassign it within the agency if needed.",
        "PublicCaseOwner" => "as the public case owner, follow up with the agency; the case remains your responsibility.",
        "DistrictHub" => "as the district hub, see whether the agencies need coordinating or the step another agency.",
        "Referrer" => "for your information as the referring agency; the case owner follows it up.",
        _ => "please look at the step.",
    };

    private static string ExpectedKorean(string recipient) => recipient switch
    {
        "Assignee" => "이 단계를 완료하거나, 진행할 수 없으면 기관 대기열로 돌려 주세요.",
        "AgencyQueue" => "기관에서 담당자를 정해 이 단계를 맡아 완료해 주세요.",
        "AgencySupervisor" => "담당자를 확인하고 필요하면 기관 안에서 다른 직원에게 재배정해 주세요.",
        "PublicCaseOwner" => "공공 주담당으로서 해당 기관과 진행 상황을 확인해 주세요. 사례 책임은 계속 주담당에게 있습니다.",
        "DistrictHub" => "희망복지지원단으로서 기관 간 조정이나 다른 기관으로의 재배정이 필요한지 검토해 주세요.",
        "Referrer" => "의뢰기관에 알려 드리는 내용입니다. 후속 조치는 공공 주담당이 합니다.",
        _ => "이 단계를 확인해 주세요.",
    };

    private static string Describe(TimeSpan overdue, bool english)
    {
        if (overdue < TimeSpan.Zero)
        {
            overdue = TimeSpan.Zero;
        }

        return overdue.TotalDays >= 1
            ? english ? $"{(int)overdue.TotalDays} day(s) {overdue.Hours} hour(s)" : $"{(int)overdue.TotalDays}일 {overdue.Hours}시간"
            : english ? $"{(int)overdue.TotalHours} hour(s) {overdue.Minutes} minute(s)" : $"{(int)overdue.TotalHours}시간 {overdue.Minutes}분";
    }
}
