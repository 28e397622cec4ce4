using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// Whom a district's send tasks may mail: roles, the referrer, the district's agencies, and the addresses of
/// <c>Workflows:MailAllowList:&lt;district&gt;</c> (whole addresses or <c>@domain</c> entries, a list or one comma-separated
/// value). Checked when a workflow is validated or published, and again by the recipient resolver before anything is sent.
/// </summary>
public sealed class SendRecipientPolicy(ReferralFlowDbContext db, IConfiguration configuration)
{
    public const string AllowListSection = "Workflows:MailAllowList";

    public async Task<SendRecipientRules> ForDistrictAsync(string district, CancellationToken cancellationToken)
    {
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.District == district).Select(a => a.Id).ToListAsync(cancellationToken);
        return new SendRecipientRules
        {
            Agencies = agencies.ToHashSet(StringComparer.Ordinal),
            Addresses = AllowList(district),
        };
    }

    public IReadOnlyList<string> AllowList(string district)
    {
        var section = configuration.GetSection(AllowListSection).GetSection(district);
        var entries = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return [.. entries.SelectMany(e => (e ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(e => e.Contains('@', StringComparison.Ordinal))];
    }
}
