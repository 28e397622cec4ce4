namespace ReferralFlow.Host.Features.Transfers;

/// <summary>
/// The fixed reasons of a transfer between districts (전출 사유) and of a decline (반려 사유), with Korean and English
/// labels. Pages and the audit log carry the code; a worker's note stays in the platform and is never mailed.
/// </summary>
public static class TransferReasons
{
    private static readonly (string Code, string Ko, string En)[] Request =
    [
        ("moved", "관외 전출(전입 신고 완료)", "Moved to the district (registered)"),
        ("moving", "전출 예정", "Moving to the district soon"),
        ("facility", "관외 시설 입소", "Admitted to a facility in the district"),
        ("family", "가족과 합가", "Moving in with family in the district"),
        ("other", "기타", "Other"),
    ];

    private static readonly (string Code, string Ko, string En)[] Decline =
    [
        ("not-resident", "관내 거주 확인 안 됨", "Not resident in the district"),
        ("existing-case", "이미 관리 중인 사례", "Already a case of the district"),
        ("more-information", "정보 보완 필요", "More information needed"),
        ("other", "기타", "Other"),
    ];

    public static IReadOnlyList<string> RequestCodes { get; } = [.. Request.Select(r => r.Code)];

    public static IReadOnlyList<string> DeclineCodes { get; } = [.. Decline.Select(r => r.Code)];

    public static string RequestLabel(string? code, string? language) => Label(Request, code, language);

    public static string DeclineLabel(string? code, string? language) => Label(Decline, code, language);

    private static string Label((string Code, string Ko, string En)[] all, string? code, string? language)
    {
        var english = language?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
        var found = all.FirstOrDefault(r => r.Code == code);
        return found.Code is null ? "–" : english ? found.En : found.Ko;
    }
}
