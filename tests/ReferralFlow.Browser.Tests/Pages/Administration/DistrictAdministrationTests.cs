using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using ReferralFlow.Browser.Tests.Infrastructure;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Workflows.Persistence;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages.Administration;

/// <summary>The host writing its mail as <c>.eml</c> files into a folder of its own, with links to its own address.</summary>
public sealed class PickupMailHostFixture(PostgresClusterFixture cluster) : BrowserHostFixture(cluster)
{
    public string MailFolder { get; } = Directory.CreateTempSubdirectory("rf-mail-").FullName;

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Mail:PickupDirectory", MailFolder);
        builder.UseSetting("Mail:PublicBaseUrl", BaseUrl);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(MailFolder, recursive: true);
    }
}

/// <summary>
/// The 관악구 district administrator adds an agency and invites a worker; the worker sets a password through the mailed
/// one-time link, signs in, sets up an authenticator app because the district requires two-factor sign-in (the code is
/// computed here from the shared key on the page) and claims a step; deactivating the worker returns the step to the
/// queue and ends their session.
/// </summary>
public sealed partial class DistrictAdministrationTests(PickupMailHostFixture host) : IClassFixture<PickupMailHostFixture>
{
    private const string Password = "Saebom-Password-2026";

    [Fact]
    public async Task An_invited_worker_sets_a_password_signs_in_and_loses_their_step_and_session_when_deactivated()
    {
        var admin = await host.NewPageAsync("gwanak-hub.districtadmin", "ko");
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "기관 관리" }).First.ClickAsync();
        await admin.GetByLabel("기관 ID").FillAsync("miseong-volunteers");
        await admin.GetByLabel("이름", new() { Exact = true }).FillAsync("미성동 나눔 봉사단");
        await admin.GetByLabel("유형").SelectOptionAsync("Volunteer");
        await admin.GetByRole(AriaRole.Button, new() { Name = "기관 추가" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/agencies/miseong-volunteers$"));

        await admin.GotoAsync("/admin/workers");
        await admin.GetByLabel("이메일").FillAsync("saebom.kim@example.org");
        await admin.GetByLabel("이름", new() { Exact = true }).FillAsync("김새봄 주무관");
        await admin.GetByLabel("기관", new() { Exact = true }).SelectOptionAsync("miseong-volunteers");
        await admin.GetByRole(AriaRole.Button, new() { Name = "담당자 초대" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("일회용 링크를 메일로 보냈습니다.");
        var workerUrl = admin.Url;

        var link = await MailedLinkAsync("saebom.kim@example.org");
        var worker = await host.NewPageAsync(language: "ko");
        await worker.GotoAsync(link);
        await worker.GetByLabel("새 비밀번호").FillAsync(Password);
        await worker.GetByRole(AriaRole.Button, new() { Name = "비밀번호 저장" }).ClickAsync();
        await Expect(worker.GetByRole(AriaRole.Status)).ToHaveTextAsync("비밀번호를 정했습니다. 이제 로그인하세요.");

        var taskId = await StepOfferedToAsync("miseong-volunteers");
        await RequireTwoFactorAsync(admin);
        await worker.GotoAsync("/login");
        await worker.GetByLabel("이메일").FillAsync("saebom.kim@example.org");
        await worker.GetByLabel("비밀번호").FillAsync(Password);
        await worker.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();
        await Expect(worker).ToHaveURLAsync(new Regex("/account/two-factor"));
        await Expect(worker.GetByRole(AriaRole.Alert)).ToHaveTextAsync("이 계정은 2단계 인증을 등록해야 업무를 볼 수 있습니다.");
        var key = await worker.GetByTestId("shared-key").InnerTextAsync();
        await worker.GetByLabel("인증 코드").FillAsync(Totp.Now(key));
        await worker.GetByRole(AriaRole.Button, new() { Name = "등록 확인" }).ClickAsync();
        await Expect(worker.GetByTestId("recovery-codes").GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await worker.GetByRole(AriaRole.Link, new() { Name = "계속" }).ClickAsync();
        await Expect(worker.GetByTestId("who")).ToContainTextAsync("김새봄 주무관");
        await worker.GetByTestId("queue").GetByRole(AriaRole.Button, new() { NameRegex = new("^맡기") }).First.ClickAsync();
        await Expect(worker.Locator("#mine-h")).ToHaveTextAsync("내가 맡은 업무 (1)");

        await admin.GotoAsync(workerUrl);
        await admin.GetByRole(AriaRole.Button, new() { Name = "비활성화" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("변경했습니다. 맡던 업무 1건이 기관 대기열로 돌아갔습니다.");

        Assert.Null(await AssigneeAsync(taskId));
        await worker.GotoAsync("/inbox");
        await Expect(worker).ToHaveURLAsync(new Regex("/login"));
    }

    // The district administrator turns on two-factor sign-in for every account that reads household data.
    private static async Task RequireTwoFactorAsync(IPage admin)
    {
        var api = admin.Context.APIRequest;
        var settings = (await (await api.GetAsync("/api/admin/settings")).JsonAsync())!.Value;
        var saved = await api.PutAsync("/api/admin/settings", new()
        {
            DataObject = new
            {
                version = settings.GetProperty("version").GetInt32(),
                holidays = settings.GetProperty("holidays"),
                policies = settings.GetProperty("policies"),
                defaultPolicy = settings.GetProperty("defaultPolicy").GetString(),
                retentionYears = settings.GetProperty("retentionYears").GetInt32(),
                requireTwoFactorForCaseReaders = true,
            },
        });
        Assert.True(saved.Ok, await saved.TextAsync());
    }

    // The dispatcher runs as the recurring job would; the link is read from the .eml it wrote.
    private async Task<string> MailedLinkAsync(string address)
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(TestContext.Current.CancellationToken);
        }

        var bodies = Directory.GetFiles(host.MailFolder, "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => b.Address == address)).Select(m => m.TextBody ?? "").ToList();
        return Link().Match(Assert.Single(bodies)).Value;
    }

    // The district hub moves the first step of a new 난곡동 referral to the new agency.
    private async Task<string> StepOfferedToAsync(string agencyId)
    {
        var opener = await host.NewPageAsync("nangok-dong.worker");
        var referralId = await DemoReferral.CreateAsync(host, opener.Context.APIRequest, "박미성");
        var taskId = await DemoReferral.OpenTaskIdAsync(opener.Context.APIRequest, referralId);
        var hub = await host.NewPageAsync("gwanak-hub.worker");
        var moved = await hub.Context.APIRequest.PostAsync($"/api/tasks/{taskId}/reassign", new() { DataObject = new { agencyId, reason = "봉사단이 방문합니다." } });
        Assert.True(moved.Ok, await moved.TextAsync());
        await opener.Context.CloseAsync();
        await hub.Context.CloseAsync();
        return taskId;
    }

    private async Task<string?> AssigneeAsync(string taskId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var id = Guid.Parse(taskId);
        return await scope.ServiceProvider.GetRequiredService<WorkflowReadModel>().Tasks.Where(t => t.Id == id).Select(t => t.Assignee)
            .SingleAsync(TestContext.Current.CancellationToken);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/invitation/[A-Za-z0-9_-]+")]
    private static partial Regex Link();
}
