using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Features.Escalation;
using ReferralFlow.Host.Tests.Features.Referrals;

namespace ReferralFlow.Host.Tests.Infrastructure.Database;

/// <summary>
/// The embedded default (<c>./build.sh run</c>): SQLite files in a data directory, every host migration applied, the demo
/// seeded, and a referral worked through the API — so the SQLite migrations are exercised, not only PostgreSQL's.
/// </summary>
/// <remarks>In the jobs collection: Hangfire's storage is process-wide and this host points it at a SQLite file.</remarks>
[Collection(JobsCollection.Name)]
public sealed class SqliteStartTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"rf-sqlite-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _clock = new(HostFixture.T0);
    private WebApplicationFactory<Program>? _factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:DataDirectory", _data);
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Auth:SignInsPerMinute", "1000");
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(_clock);
            });
        });
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_referral_is_opened_worked_and_moved_between_agencies_on_the_embedded_database()
    {
        var owner = await SignInAsync("nangok-dong.worker");
        var hub = await SignInAsync("gwanak-hub.worker");

        Assert.Equal(HttpStatusCode.OK, (await _factory!.CreateClient().GetAsync("/health", Ct)).StatusCode);
        var referral = await ReferralScenario.OpenAsync(owner);
        var id = referral.GetProperty("id").GetGuid();
        var tasks = await owner.GetFromJsonAsync<JsonElement>($"/api/tasks?referralId={id}", Ct);
        var first = tasks.GetProperty("items")[0].GetProperty("id").GetGuid();
        var moved = await hub.PostAsJsonAsync($"/api/tasks/{first}/reassign", new { agencyId = "sillim-welfare", reason = "동 인력 부족" }, Ct);
        var joint = await hub.PostAsJsonAsync("/api/joint-responses", new
        {
            date = "2026-03-02",
            kind = "meeting",
            title = "통합사례회의",
            hours = 2,
            people = 8,
            agencyIds = new[] { "nangok-dong" },
        }, Ct);
        var read = await (await SignInAsync("sillim-welfare.worker")).GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);
        var report = await hub.GetFromJsonAsync<JsonElement>("/api/reports/collaboration?from=2026&to=2026", Ct);
        int counted;
        using (var scope = _factory!.Services.CreateScope())
        {
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(9));
            counted = await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().Referrals
                .CountAsync(r => r.District == "관악구" && r.OpenedAt >= start && r.OpenedAt < start.AddYears(1), Ct);
        }

        Assert.True(File.Exists(Path.Combine(_data, "referralflow.db")), "the database file is in the data directory");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.Created, joint.StatusCode);
        Assert.Equal(referral.GetProperty("number").GetString(), read.GetProperty("number").GetString());
        Assert.Equal(counted, report.GetProperty("years")[0].GetProperty("referralsRecorded").GetInt32());
    }

    [Fact]
    public async Task Pending_alerts_fall_due_at_their_minutes_end_and_are_mailed_once_on_the_embedded_database()
    {
        await ReferralScenario.OpenAsync(await SignInAsync("nangok-dong.worker"));
        await using var scope = _factory!.Services.CreateAsyncScope();
        var mailer = scope.ServiceProvider.GetRequiredService<AlertMailer>();
        _ = await mailer.RunAsync(Ct);
        var due = AlertMailer.DueAt(_clock.GetUtcNow());
        Assert.Equal(due, await scope.ServiceProvider.GetRequiredService<PendingAlertsDue>().NextDueAsync(Ct));

        _clock.SetUtcNow(due);
        Assert.True(await mailer.RunAsync(Ct) > 0);
        Assert.Equal(0, await mailer.RunAsync(Ct));
        Assert.Null(await scope.ServiceProvider.GetRequiredService<PendingAlertsDue>().NextDueAsync(Ct));
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private async Task<HttpClient> SignInAsync(string login)
    {
        var client = _factory!.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = DemoData.Email(login), password = DemoData.Password }, Ct);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }
}
