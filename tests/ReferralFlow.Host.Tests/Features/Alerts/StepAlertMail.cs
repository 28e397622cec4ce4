using MimeKit;

namespace ReferralFlow.Host.Tests.Features.Alerts;

/// <summary>Tells the new-step and consent-needed alerts apart, for tests about other messages of the same referral.</summary>
public static class StepAlertMail
{
    public static bool Is(string? subject) =>
        subject is not null && (subject.StartsWith("[ReferralFlow] 새 단계:", StringComparison.Ordinal) || subject.StartsWith("[ReferralFlow] 동의 필요:", StringComparison.Ordinal)
            || subject.StartsWith("[ReferralFlow] New step:", StringComparison.Ordinal) || subject.StartsWith("[ReferralFlow] Consent needed", StringComparison.Ordinal)
            || subject.StartsWith("[ReferralFlow] 새 알림", StringComparison.Ordinal) || subject.StartsWith("[ReferralFlow] 담당 지정:", StringComparison.Ordinal));

    /// <summary>The mails in a pickup folder without the step alerts (which go out with every referral's new steps).</summary>
    public static async Task<List<MimeMessage>> OtherMailsAsync(string pickup, CancellationToken cancellationToken)
    {
        List<MimeMessage> mails = [];
        foreach (var file in Directory.GetFiles(pickup, "*.eml"))
        {
            mails.Add(await MimeMessage.LoadAsync(file, cancellationToken));
        }

        return [.. mails.Where(m => !Is(m.Subject))];
    }
}
