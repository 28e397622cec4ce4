namespace ReferralFlow.Host.Features.CaseViews;

/// <summary>
/// The fixed closing outcomes of a referral (종결 사유, after the 통합사례관리 closing reasons) with their Korean and English
/// labels. Messages carry the label of the code, never the case owner's free text, which stays in the system.
/// </summary>
public static class ClosingOutcomes
{
    private static readonly (string Code, string Ko, string En)[] All =
    [
        ("resolved", "목표 달성(문제 해결)", "Resolved (goals met)"),
        ("partially-resolved", "일부 해결", "Partially resolved"),
        ("linked-elsewhere", "타 기관·서비스 연계(이관)", "Linked to another agency or service"),
        ("declined-by-household", "대상자 거부·중단 요청", "Declined by the household"),
        ("moved", "관할 외 전출", "Moved out of the district"),
        ("died", "사망", "Died"),
        ("unreachable", "연락 두절", "Unreachable"),
        ("not-eligible", "지원 대상 아님", "Not eligible"),
    ];

    /// <summary>Every code, in the order the close form offers them.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. All.Select(o => o.Code)];

    public static bool IsKnown(string? code) => code is not null && All.Any(o => o.Code == code);

    /// <summary>The label of a code in the language (<c>en</c>, else Korean); an unknown or missing code is "–".</summary>
    public static string Label(string? code, string? language)
    {
        var english = language?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
        foreach (var (known, ko, en) in All)
        {
            if (known == code)
            {
                return english ? en : ko;
            }
        }

        return "–";
    }
}
