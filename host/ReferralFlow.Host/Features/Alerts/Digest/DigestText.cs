using System.Text;
using System.Text.Json;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>The morning digest's text: counts and links only.</summary>
internal static class DigestText
{
    public static (string Subject, string Body) Render(JsonElement data, bool english, string root)
    {
        int Count(string name) => data.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : 0;
        var body = new StringBuilder();
        void Line(string name, string ko, string en, string link)
        {
            if (Count(name) is > 0 and var n)
            {
                body.Append(english ? $"- {en}: {n}" : $"- {ko}: {n}건").Append($"  {root}{link}\n");
            }
        }

        Line("newSteps", "어제 아침 이후 새 단계", "New steps since the last digest", "/inbox?view=queue");
        Line("dueToday", "오늘 기한인 기관 단계", "Agency steps due today", "/inbox?view=queue");
        Line("overdue", "기한이 지난 기관 단계", "Overdue agency steps", "/inbox?view=overdue");
        Line("mineDueToday", "오늘 기한인 내 단계", "My steps due today", "/inbox");
        Line("mineOverdue", "기한이 지난 내 단계", "My overdue steps", "/inbox");
        Line("consentNeeded", "동의 기록을 기다리는 의뢰", "Referrals waiting for consent", "/notifications");
        Line("newNotes", "지난 요약 이후 내가 맡은 의뢰에 달린 새 메모", "Notes on referrals you work on since the last digest", "/notifications");
        Line("newTransfers", "지난 요약 이후 전출 요청·결정 소식", "Transfer requests and decisions since the last digest", "/transfers");
        Line("transfersWaiting", "우리 구의 결정을 기다리는 전출 요청", "Transfer requests waiting for your district's decision", "/transfers");
        Line("awaitingDecision", "종결 결정을 기다리는 의뢰", "Referrals waiting for your closing decision", "/referrals");
        if (data.TryGetProperty("newStepIds", out var ids) && ids.ValueKind == JsonValueKind.Array && ids.GetArrayLength() > 0)
        {
            body.Append(english ? "\nNew steps:\n" : "\n새 단계:\n");
            foreach (var id in ids.EnumerateArray())
            {
                body.Append($"  {root}/tasks/{id.GetString()}\n");
            }
        }

        var date = AlertTemplates.Text(data, "date");
        return english
            ? ($"[ReferralFlow] Morning digest {date}", $"Your ReferralFlow summary for {date}:\n\n{body}\nNotification settings: {root}/account/notifications\n")
            : ($"[ReferralFlow] {date} 아침 알림 요약", $"{date} ReferralFlow 요약입니다.\n\n{body}\n알림 설정: {root}/account/notifications\n");
    }
}
