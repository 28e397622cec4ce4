using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Collaboration;

/// <summary>Joint responses and the collaboration report (seed: 2016 105회 248시간 168명, 2017 168회 517시간 219명).</summary>
public sealed class CollaborationTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_district_hub_records_a_joint_response_and_lists_it_by_year()
    {
        var hub = await host.SignInAsync("gwanak-hub.worker");

        var response = await hub.PostAsJsonAsync("/api/joint-responses", new
        {
            date = "2025-05-14",
            kind = "training",
            title = "사례관리 학습스터디",
            hours = 2.5,
            people = 12,
            agencyIds = new[] { "sillim-welfare", "nangok-dong" },
        }, Ct);
        var listed = await hub.GetAllItemsAsync("/api/joint-responses?year=2025");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("training", 2.5m, 12, "관악구"), (created.GetProperty("kind").GetString(), created.GetProperty("hours").GetDecimal(), created.GetProperty("people").GetInt32(), created.GetProperty("district").GetString()));
        Assert.Contains(listed!, j => j.GetProperty("id").GetGuid() == created.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_worker_may_not_record_a_joint_response()
    {
        var worker = await host.SignInAsync("nangok-dong.worker");

        var response = await worker.PostAsJsonAsync("/api/joint-responses", new { date = "2025-05-14", kind = "meeting", title = "회의", hours = 1, people = 3 }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_invalid_joint_response_is_400_naming_each_field()
    {
        var hub = await host.SignInAsync("gwanak-hub.worker");

        var response = await hub.PostAsJsonAsync("/api/joint-responses", new { date = "2099-01-01", kind = "party", title = " ", hours = 0, people = 0, agencyIds = new[] { "nowhere" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["agencyIds", "date", "hours", "kind", "people", "title"], fields);
    }

    [Fact]
    public async Task The_report_sums_the_seeded_history_per_year_and_kind()
    {
        var worker = await host.SignInAsync("nangok-dong.worker");

        var report = await worker.GetFromJsonAsync<JsonElement>("/api/reports/collaboration?from=2016&to=2017", Ct);

        var years = report.GetProperty("years").EnumerateArray().ToList();
        Assert.Equal([2016, 2017], years.Select(y => y.GetProperty("value").GetInt32()));
        Assert.Equal((18, 0, 105, 248m, 168), Summary(years[0]));
        Assert.Equal((27, 0, 168, 517m, 219), Summary(years[1]));
        var byKind = years[0].GetProperty("byKind").EnumerateArray().ToList();
        Assert.Equal(["meeting", "training", "jointProject", "resourceLinkage"], byKind.Select(k => k.GetProperty("kind").GetString()));
        Assert.Equal(105, byKind.Sum(k => k.GetProperty("count").GetInt32()));
        Assert.Equal(168, byKind.Sum(k => k.GetProperty("people").GetInt32()));
    }

    [Fact]
    public async Task A_from_after_to_is_400_naming_from()
    {
        var worker = await host.SignInAsync("nangok-dong.worker");

        var response = await worker.GetAsync("/api/reports/collaboration?from=2020&to=2016", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("from", out _));
    }

    [Fact]
    public async Task The_csv_starts_with_a_byte_order_mark_and_a_korean_header()
    {
        var hub = await host.SignInAsync("gwanak-hub.worker");

        var response = await hub.GetAsync("/api/reports/collaboration.csv?from=2016&to=2017", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("연도,사례 및 서비스 의뢰(건),그중 이전 기록(건),민-관 협력 대응(회),시간,연인원(명),회의(회)", lines[0]);
        Assert.StartsWith("2016,18,18,105,248,168,", lines[1]);
        Assert.StartsWith("2017,27,27,168,517,219,", lines[2]);
    }

    [Fact]
    public async Task The_excel_workbook_opens_and_holds_the_numbers()
    {
        var hub = await host.SignInAsync("gwanak-hub.worker");

        var response = await hub.GetAsync("/api/reports/collaboration.xlsx?from=2016&to=2017", Ct);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single();
        Assert.Equal("민관협력 실적", sheet.Name?.Value);
        var rows = ((WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
        Assert.Equal("연도", rows[0][0]);
        Assert.Equal(["2016", "18", "18", "105", "248", "168"], rows[1].Take(6));
        Assert.Equal(["2017", "27", "27", "168", "517", "219"], rows[2].Take(6));
    }

    private static (int Referrals, int Recorded, int Count, decimal Hours, int People) Summary(JsonElement year)
    {
        var totals = year.GetProperty("jointResponses");
        return (year.GetProperty("referrals").GetInt32(), year.GetProperty("referralsRecorded").GetInt32(),
            totals.GetProperty("count").GetInt32(), totals.GetProperty("hours").GetDecimal(), totals.GetProperty("people").GetInt32());
    }
}
