using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;

namespace ReferralFlow.Host.Features.Demo;

/// <summary>
/// Adds the collaboration history of the seed presentation to the demo district (idempotent, after <see cref="SeedDemoData"/>,
/// under the same conditions: demo seeding on, Development only): the joint public-private responses of 2016
/// (105회, 248시간, 168명) and 2017 (168회, 517시간, 219명), split across meetings, training, joint projects and resource
/// linkage, and the referrals of those years (18 and 27) as imported history — they were handled before the system
/// existed, so they are counts, not referral rows.
/// </summary>
internal sealed class SeedCollaborationHistory(DatabaseOptions options, IHostEnvironment environment, TimeProvider time) : IStartupTask
{
    public const string Source = "관악구 민관협력 사례 발표 (2016–2017)";

    /// <summary>(year, referrals) of the presentation.</summary>
    public static readonly IReadOnlyList<(int Year, int Referrals)> Referrals = [(2016, 18), (2017, 27)];

    /// <summary>
    /// Per year and kind: how many joint responses, their hours and people in total. The yearly sums are the
    /// presentation's: 2016 = 105/248/168, 2017 = 168/517/219.
    /// </summary>
    public static readonly IReadOnlyList<(int Year, JointResponseKind Kind, int Count, decimal Hours, int People)> Totals =
    [
        (2016, JointResponseKind.Meeting, 60, 120, 80),
        (2016, JointResponseKind.Training, 12, 48, 40),
        (2016, JointResponseKind.JointProject, 8, 40, 28),
        (2016, JointResponseKind.ResourceLinkage, 25, 40, 20),
        (2017, JointResponseKind.Meeting, 90, 225, 95),
        (2017, JointResponseKind.Training, 20, 100, 52),
        (2017, JointResponseKind.JointProject, 18, 112, 42),
        (2017, JointResponseKind.ResourceLinkage, 40, 80, 30),
    ];

    public int Order => 110;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!options.SeedDemo || !DemoData.Allowed(environment))
        {
            return;
        }

        var db = services.GetRequiredService<ReferralFlowDbContext>();
        var first = new DateOnly(2016, 1, 1);
        var end = new DateOnly(2018, 1, 1);
        if (await db.JointResponses.AnyAsync(j => j.District == DemoData.District && j.Date >= first && j.Date < end, cancellationToken)
            || await db.ImportedReferralCounts.AnyAsync(c => c.District == DemoData.District, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (year, referrals) in Referrals)
        {
            db.ImportedReferralCounts.Add(new ImportedReferralCount { District = DemoData.District, Year = year, Referrals = referrals, Source = Source, RecordedAt = now });
        }

        foreach (var (year, kind, count, hours, people) in Totals)
        {
            foreach (var (date, h, p, i) in Spread(year, count, hours, people))
            {
                db.JointResponses.Add(new JointResponse
                {
                    Id = Guid.CreateVersion7(now),
                    District = DemoData.District,
                    Date = date,
                    Kind = kind,
                    Title = $"{Title(kind)} {i + 1}",
                    Hours = h,
                    People = p,
                    AgencyIds = Agencies(kind),
                    RecordedAt = now,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary><paramref name="count"/> occasions spread over the year whose hours and people add up exactly to the totals.</summary>
    private static IEnumerable<(DateOnly Date, decimal Hours, int People, int Index)> Spread(int year, int count, decimal hours, int people)
    {
        // Whole and half hours and whole people, the remainders on the first occasions, so the sums are exact.
        var hoursEach = decimal.Floor(hours * 2 / count) / 2;
        var halfHoursLeft = (int)((hours - (hoursEach * count)) * 2);
        var peopleEach = people / count;
        var peopleLeft = people % count;
        for (var i = 0; i < count; i++)
        {
            var h = hoursEach + (i < halfHoursLeft ? 0.5m : 0m);
            var p = peopleEach + (i < peopleLeft ? 1 : 0);
            var date = new DateOnly(year, 1, 1).AddDays((int)(i * 364L / count));
            yield return (date, h, p, i);
        }
    }

    private static string Title(JointResponseKind kind) => kind switch
    {
        JointResponseKind.Meeting => "통합사례회의",
        JointResponseKind.Training => "민관 학습스터디 '이웃사이다'",
        JointResponseKind.JointProject => "동주민센터-복지관 공동사업",
        _ => "자원연계활동",
    };

    private static List<string> Agencies(JointResponseKind kind) => kind switch
    {
        JointResponseKind.ResourceLinkage => ["gwanak-hub", "sillim-welfare", "nanum-joy"],
        _ => ["nangok-dong", "sillim-welfare", "gwanak-hub"],
    };
}
