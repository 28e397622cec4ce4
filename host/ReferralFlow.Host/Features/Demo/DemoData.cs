using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Features.Demo;

/// <summary>
/// The Gwanak-gu agencies of the seed presentation, a few workers each, and the district's default role allocation; and
/// a second district, Dongjak-gu, with its own agencies, hub and district administrator, so that district isolation is
/// visible. Demo sign-ins are <c>{agency}.{role}@demo.referralflow.kr</c> with <see cref="Password"/>.
/// </summary>
public static class DemoData
{
    public const string District = "관악구";

    /// <summary>The second district.</summary>
    public const string OtherDistrict = "동작구";

    public const string Password = "Demo-2026-관악!";

    public const string EmailDomain = "demo.referralflow.kr";

    public static readonly IReadOnlyList<Agency> Agencies =
    [
        Dong("nangok-dong", "난곡동 주민센터", "난곡동"),
        Dong("nanhyang-dong", "난향동 주민센터", "난향동"),
        Dong("miseong-dong", "미성동 주민센터", "미성동"),
        Dong("sinsa-dong", "신사동 주민센터", "신사동"),
        Dong("jowon-dong", "조원동 주민센터", "조원동"),
        Make("sillim-welfare", "신림종합사회복지관", AgencyKind.WelfareCentre, isPublic: false),
        Make("gwanak-health", "관악구 보건소", AgencyKind.HealthCentre, isPublic: true),
        Make("gwanak-cleaning", "관악구청 청소과", AgencyKind.DistrictOffice, isPublic: true),
        Make("gwanak-hub", "관악구 희망복지지원단", AgencyKind.DistrictHub, isPublic: true),
        Make("nanum-joy", "나눔과 기쁨", AgencyKind.Volunteer, isPublic: false),
        Dong("sangdo1-dong", "상도1동 주민센터", "상도1동", OtherDistrict),
        Dong("noryangjin1-dong", "노량진1동 주민센터", "노량진1동", OtherDistrict),
        Make("dongjak-welfare", "동작종합사회복지관", AgencyKind.WelfareCentre, isPublic: false, OtherDistrict),
        Make("dongjak-hub", "동작구 희망복지지원단", AgencyKind.DistrictHub, isPublic: true, OtherDistrict),
    ];

    /// <summary>(email local part, display name, agency, roles).</summary>
    public static readonly IReadOnlyList<(string Login, string Name, string AgencyId, string[] Roles)> Users =
    [
        ("nangok-dong.worker", "김민지 주무관", "nangok-dong", [Roles.Worker]),
        ("nangok-dong.worker2", "이서준 주무관", "nangok-dong", [Roles.Worker]),
        ("nangok-dong.supervisor", "박정희 팀장", "nangok-dong", [Roles.Worker, Roles.Supervisor]),
        ("nanhyang-dong.worker", "최유나 주무관", "nanhyang-dong", [Roles.Worker]),
        ("miseong-dong.worker", "정하늘 주무관", "miseong-dong", [Roles.Worker]),
        ("sinsa-dong.worker", "한지우 주무관", "sinsa-dong", [Roles.Worker]),
        ("jowon-dong.worker", "윤도현 주무관", "jowon-dong", [Roles.Worker]),
        ("sillim-welfare.worker", "오세영 사회복지사", "sillim-welfare", [Roles.Worker]),
        ("sillim-welfare.worker2", "강은비 사회복지사", "sillim-welfare", [Roles.Worker]),
        ("sillim-welfare.supervisor", "임재현 팀장", "sillim-welfare", [Roles.Worker, Roles.Supervisor]),
        ("gwanak-health.worker", "서민아 간호사", "gwanak-health", [Roles.Worker]),
        ("gwanak-health.supervisor", "조현우 팀장", "gwanak-health", [Roles.Worker, Roles.Supervisor]),
        ("gwanak-cleaning.worker", "배성호 주무관", "gwanak-cleaning", [Roles.Worker]),
        ("gwanak-cleaning.supervisor", "홍미란 팀장", "gwanak-cleaning", [Roles.Worker, Roles.Supervisor]),
        ("gwanak-hub.worker", "문지호 통합사례관리사", "gwanak-hub", [Roles.Worker, Roles.DistrictHub]),
        ("gwanak-hub.designer", "송하린 코디네이터", "gwanak-hub", [Roles.Worker, Roles.DistrictHub, Roles.Designer]),
        ("gwanak-hub.admin", "시스템 관리자", "gwanak-hub", [Roles.SystemAdmin]),
        ("gwanak-hub.districtadmin", "장관리 주무관", "gwanak-hub", [Roles.DistrictAdmin]),
        ("nanum-joy.worker", "유봉사 활동가", "nanum-joy", [Roles.Worker]),
        ("sangdo1-dong.worker", "노은서 주무관", "sangdo1-dong", [Roles.Worker]),
        ("sangdo1-dong.supervisor", "신동욱 팀장", "sangdo1-dong", [Roles.Worker, Roles.Supervisor]),
        ("noryangjin1-dong.worker", "양수빈 주무관", "noryangjin1-dong", [Roles.Worker]),
        ("dongjak-welfare.worker", "권나래 사회복지사", "dongjak-welfare", [Roles.Worker]),
        ("dongjak-hub.worker", "황보람 통합사례관리사", "dongjak-hub", [Roles.Worker, Roles.DistrictHub]),
        ("dongjak-hub.districtadmin", "남궁현 주무관", "dongjak-hub", [Roles.DistrictAdmin]),
    ];

    /// <summary>
    /// A district's allocation: district-wide defaults (dong empty) and per-dong rows for the roles a dong centre fills.
    /// </summary>
    public static IEnumerable<(string Dong, string RoleKey, string AgencyId)> Allocations(string district = District)
    {
        var gwanak = district == District;
        var (welfare, hub) = gwanak ? ("sillim-welfare", "gwanak-hub") : ("dongjak-welfare", "dongjak-hub");
        (string Role, string Agency)[] districtWide =
        [
            ("welfare-center", welfare), ("hub", hub), ("cleaning", gwanak ? "gwanak-cleaning" : hub),
            ("housing-repair", welfare), ("health", gwanak ? "gwanak-health" : hub), ("meals", gwanak ? "nanum-joy" : welfare),
            ("case-manager", welfare), ("provider", welfare), ("safety", welfare),
            ("dong", hub), ("intake", hub), ("benefits", hub), ("long-term-care", hub),
        ];
        foreach (var (role, agency) in districtWide)
        {
            yield return ("", role, agency);
        }

        foreach (var dong in Agencies.Where(a => a.Kind == AgencyKind.DongCentre && a.District == district))
        {
            foreach (var role in new[] { "dong", "intake", "benefits", "long-term-care" })
            {
                yield return (dong.Dong!, role, dong.Id);
            }
        }
    }

    /// <summary>The demo's districts.</summary>
    public static IReadOnlyList<string> Districts => [District, OtherDistrict];

    public static string Email(string login) => $"{login}@{EmailDomain}";

    /// <summary>
    /// Demo data, whose password is public, is created only in the Development environment and in <c>Testing</c>, the
    /// environment of the test suites; everywhere else (Staging, Production, …) it is refused.
    /// </summary>
    public static bool Allowed(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    private static Agency Dong(string id, string name, string dong, string district = District) =>
        new() { Id = id, Name = name, Kind = AgencyKind.DongCentre, IsPublic = true, District = district, Dong = dong, Email = $"{id}@{EmailDomain}" };

    private static Agency Make(string id, string name, AgencyKind kind, bool isPublic, string district = District) =>
        new() { Id = id, Name = name, Kind = kind, IsPublic = isPublic, District = district, Email = $"{id}@{EmailDomain}" };
}
