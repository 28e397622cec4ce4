using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// Texts of the alerts that are not a single new step: a task given to a worker, a note on a referral, a minute's batch
/// of alerts, the morning digest. Numbers, dongs, steps, deadlines, agencies, counts and links only — no household data, no free text.
/// </summary>
public static class AlertTemplates
{
    public static (string Subject, string Body)? Render(string? template, JsonElement data, bool english, string baseUrl, TimeSpan utcOffset)
    {
        var root = baseUrl.TrimEnd('/');
        return template switch
        {
            AssignmentAlerts.TaskAssigned => Assigned(data, english, root, utcOffset),
            Referrals.NoteAlerts.Template => Note(data, english, root),
            AlertMailer.Batch => Batch(data, english, root, utcOffset),
            MorningDigest.Template => DigestText.Render(data, english, root),
            _ => null,
        };
    }

    private static (string, string) Assigned(JsonElement data, bool english, string root, TimeSpan utcOffset)
    {
        var (number, step) = (Text(data, "referralNumber"), Text(data, "stepName"));
        var due = Due(data, utcOffset, english);
        var link = $"{root}/tasks/{Text(data, "taskRowId")}";
        return english
            ? ($"[ReferralFlow] A step was given to you: {step} — referral {number}",
                $"The step \"{step}\" of referral {number} ({Text(data, "dong")}) was given to you.\nDue: {due} (KST)\n\nOpen the task: {link}\n")
            : ($"[ReferralFlow] 담당 지정: {step} — 의뢰 {number}",
                $"의뢰 {number}({Text(data, "dong")})의 \"{step}\" 단계가 회원님께 배정되었습니다.\n기한: {due}(KST)\n\n업무 열기: {link}\n");
    }

    // That there is a note, never what it says: the text may describe the household.
    private static (string, string) Note(JsonElement data, bool english, string root)
    {
        var number = Text(data, "referralNumber");
        var step = Text(data, "stepName");
        var link = $"{root}/referrals/{Text(data, "referralId")}";
        return english
            ? ($"[ReferralFlow] New note on referral {number}",
                $"A note was added to referral {number} ({Text(data, "dong")}){(step.Length > 0 ? $" about the step \"{step}\"" : "")}. Read it in the platform.\n\nOpen the referral: {link}\n")
            : ($"[ReferralFlow] 새 메모: 의뢰 {number}",
                $"의뢰 {number}({Text(data, "dong")}){(step.Length > 0 ? $"의 \"{step}\" 단계" : "")}에 메모가 추가되었습니다. 내용은 플랫폼에서 확인해 주세요.\n\n의뢰 열기: {link}\n");
    }

    private static (string, string) Batch(JsonElement data, bool english, string root, TimeSpan utcOffset)
    {
        var total = data.TryGetProperty("total", out var t) && t.TryGetInt32(out var n) ? n : 0;
        var body = new StringBuilder(english ? $"{total} new alert(s) for you:\n\n" : $"새 알림 {total}건이 있습니다.\n\n");
        var listed = 0;
        foreach (var item in data.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : default)
        {
            listed++;
            var kind = Kind(Text(item, "kind"), english);
            var agency = Text(item, "agencyName");
            if (Text(item, "kind") == "Note")
            {
                var step = Text(item, "stepName");
                body.Append(CultureInfo.InvariantCulture, $"- {kind}: {Text(item, "referralNumber")} ({Text(item, "dong")}){(step.Length > 0 ? $" · {step}" : "")}\n")
                    .Append(CultureInfo.InvariantCulture, $"  {root}/referrals/{Text(item, "referralId")}\n");
                continue;
            }

            body.Append(CultureInfo.InvariantCulture, $"- {kind}: {Text(item, "referralNumber")} ({Text(item, "dong")}) · {Text(item, "stepName")}")
                .Append(agency.Length > 0 ? $" · {agency}" : "")
                .Append(CultureInfo.InvariantCulture, $" · {(english ? "due" : "기한")} {Due(item, utcOffset, english)}\n")
                .Append(CultureInfo.InvariantCulture, $"  {root}/tasks/{Text(item, "taskRowId")}\n");
        }

        if (total > listed)
        {
            body.Append(english ? $"\n…and {total - listed} more.\n" : $"\n외 {total - listed}건\n");
        }

        body.Append(english ? $"\nAll notifications: {root}/notifications\n" : $"\n전체 알림: {root}/notifications\n");
        return (english ? $"[ReferralFlow] {total} new alert(s)" : $"[ReferralFlow] 새 알림 {total}건", body.ToString());
    }

    public static string Kind(string kind, bool english) => (kind, english) switch
    {
        ("ConsentNeeded", true) => "Consent needed",
        ("ConsentNeeded", false) => "동의 필요",
        ("Assigned", true) => "Given to you",
        ("Assigned", false) => "담당 지정",
        ("Note", true) => "New note",
        ("Note", false) => "새 메모",
        (_, true) => "New step",
        _ => "새 단계",
    };

    internal static string Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "";

    private static string Due(JsonElement data, TimeSpan utcOffset, bool english) =>
        DateTimeOffset.TryParse(Text(data, "dueAt"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToOffset(utcOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : english ? "none" : "없음";
}
