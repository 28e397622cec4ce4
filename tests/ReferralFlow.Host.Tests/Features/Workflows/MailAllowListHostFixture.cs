using Microsoft.AspNetCore.Hosting;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Workflows;

/// <summary>The host with a mail allow-list for 관악구 and mail going to a fresh pickup folder instead of an SMTP server.</summary>
public sealed class MailAllowListHostFixture(PostgresClusterFixture cluster) : HostFixture(cluster)
{
    public const string ListedAddress = "team@gwanak.go.kr";

    public const string ListedDomain = "@welfare.gwanak.go.kr";

    public string Pickup { get; } = Path.Combine(Path.GetTempPath(), $"rf-pickup-{Guid.NewGuid():N}");

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Mail:PickupDirectory", Pickup);
        builder.UseSetting($"Workflows:MailAllowList:{DemoData.District}:0", ListedAddress);
        builder.UseSetting($"Workflows:MailAllowList:{DemoData.District}:1", ListedDomain);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(Pickup))
        {
            Directory.Delete(Pickup, recursive: true);
        }
    }
}
