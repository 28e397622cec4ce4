using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Tasks.TaskTestData;

namespace ReferralFlow.Host.Tests.Features.Reports;

/// <summary>
/// The control tower page at scale: the open steps paged by the task list's cursor (every step once, none left out), and
/// the agencies CSV written row by row with the report's figures.
/// </summary>
public sealed partial class ControlTowerTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tower_pages_the_districts_open_steps_by_cursor_and_shows_each_once()
    {
        for (var i = 0; i < 55; i++)
        {
            await OpenReferralAsync(host);
        }

        var hub = await host.SignInToPagesAsync("gwanak-hub.worker");
        var api = await host.SignInOnceAsync("gwanak-hub.worker");
        var expected = (await api.GetAllItemsAsync("/api/tasks?district=true"))
            .Select(t => t.GetProperty("referral").GetProperty("id").GetString() + "/" + t.GetProperty("step").GetProperty("nodeId").GetString())
            .Order(StringComparer.Ordinal).ToList();

        var seen = new List<string>();
        var pages = 0;
        string? url = "/control-tower";
        while (url is not null)
        {
            var html = await hub.GetPageAsync(url);
            var rows = Row().Matches(html).Select(m => m.Groups["referral"].Value + "/" + m.Groups["step"].Value).ToList();
            Assert.InRange(rows.Count, 1, 50);
            seen.AddRange(rows);
            pages++;
            Assert.Equal(pages > 1, html.Contains("data-testid=\"steps-pager\"", StringComparison.Ordinal) && html.Contains(">처음</a>", StringComparison.Ordinal));
            url = Next().Match(html) is { Success: true } next ? next.Groups["href"].Value : null;
        }

        Assert.True(pages >= 2, $"{expected.Count} open steps fit one page");
        Assert.Equal(expected, seen.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Agencies_csv_has_a_row_per_agency_with_the_reports_figures()
    {
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
            for (var i = 0; i < 300; i++)
            {
                db.Agencies.Add(new Agency { Id = $"csv-test-{i:D3}", Name = $"시험 기관 {i:D3}, \"분점\"", District = DemoData.District, Kind = AgencyKind.WelfareCentre });
            }

            await db.SaveChangesAsync(Ct);
        }

        await OpenReferralAsync(host, visit: "csv-test-007");
        var hub = await host.SignInToPagesAsync("gwanak-hub.worker");
        var api = await host.SignInOnceAsync("gwanak-hub.worker");
        var report = await api.GetAllItemsAsync("/api/reports/agencies");

        using var response = await hub.GetAsync("/control-tower?handler=Csv", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("기관,진행 중,기한 지남,상향 보고,완료 소요 중앙값(시간)", lines[0]);
        Assert.True(report.Length > 300, $"{report.Length} agencies in the report");
        var expected = report.Select(a => string.Join(',',
            Quote(a.GetProperty("agencyName").GetString()!), a.GetProperty("open").GetInt32(), a.GetProperty("overdue").GetInt32(), a.GetProperty("escalated").GetInt32(),
            a.TryGetProperty("medianHoursToComplete", out var median) && median.ValueKind == JsonValueKind.Number
                ? median.GetDouble().ToString("0.0", CultureInfo.InvariantCulture)
                : ""));
        Assert.Equal(expected, lines[1..]);
        Assert.Contains("\"시험 기관 007, \"\"분점\"\"\",1,0,0,", lines);
    }

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : value;

    [GeneratedRegex("data-testid=\"tower-row\"[^>]*data-step=\"(?<step>[^\"]+)\">\\s*<td>\\s*<a href=\"/referrals/(?<referral>[0-9a-f-]+)\"")]
    private static partial Regex Row();

    [GeneratedRegex("<a rel=\"next\" href=\"(?<href>[^\"]+)\"")]
    private static partial Regex Next();
}
