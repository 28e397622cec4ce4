using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Allocations;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.Referrals;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Pages.Referrals;

/// <summary>
/// Opens a referral through <see cref="OpenReferral"/>: a published workflow, the household's minimal data, the consent,
/// and the role allocation with the district's defaults pre-filled (<see cref="RoleAllocationResolver"/>), each changeable.
/// </summary>
public sealed class NewModel : UiPage
{
    public static readonly string[] Categories = ["basic", "contact", "health", "income", "housing"];

    [BindProperty(SupportsGet = true)]
    public string? WorkflowKey { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Dong { get; set; }

    public IReadOnlyList<string> Workflows { get; private set; } = [];

    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    public IReadOnlyList<(string Key, string? Name, string AgencyId)> Roles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await TryAsync(LoadAsync) ?? Page();

    public async Task<IActionResult> OnPostAsync(
        string? name, DateOnly? birthDate, string? address, string? phone, int? members, string? consentedBy, string? relationship,
        DateTimeOffset? consentedAt, string? method, List<string>? agencyIds, List<string>? categories, bool healthData)
    {
        var allocations = Request.Form.Keys.Where(k => k.StartsWith("role_", StringComparison.Ordinal))
            .ToDictionary(k => k["role_".Length..], k => Request.Form[k].ToString(), StringComparer.Ordinal);
        var consentAt = consentedAt is { } at ? new DateTimeOffset(at.DateTime, TimeSpan.FromHours(9)).ToUniversalTime() : (DateTimeOffset?)null;
        var request = new OpenReferral.Request(
            WorkflowKey, new OpenReferral.HouseholdInput(name, birthDate, address, phone, members), Dong,
            new OpenReferral.ConsentInput(consentedBy, relationship, consentAt, method, agencyIds, categories, healthData, null),
            allocations, null, null);
        ReferralResponse? created = null;
        var failed = await TryAsync(async () => created = Value<ReferralResponse>(await OpenReferral.HandleAsync(
            request, HttpContext, S<CurrentUser>(), S<ReferralFlowDbContext>(), S<DefinitionStore>(), S<ReferralViews>(), S<RoleAllocationResolver>(),
            S<WorkflowRuntime>(), S<UnitOfWork>(), S<ReferralNumbers>(), S<AuditLog>(), S<TimeProvider>(), S<IConfiguration>(), Ct)));
        if (failed is not null)
        {
            return failed;
        }

        if (created is not null)
        {
            Flash = L["Referral.Opened"];
            return Redirect($"/referrals/{created.Id}");
        }

        return await TryAsync(LoadAsync) ?? Page();
    }

    private async Task LoadAsync()
    {
        var db = S<ReferralFlowDbContext>();
        var district = Me.District;
        Workflows = await S<WorkflowReadModel>().Definitions.Where(d => d.District == district).Select(d => d.Key).OrderBy(k => k).ToListAsync(Ct);
        Agencies = await db.Agencies.AsNoTracking().Where(a => a.District == district).OrderBy(a => a.Name).ToListAsync(Ct);
        if (Dong is null)
        {
            var mine = Me.AgencyId;
            Dong = Agencies.FirstOrDefault(a => a.Id == mine)?.Dong;
        }

        if (string.IsNullOrWhiteSpace(WorkflowKey))
        {
            return;
        }

        var version = await S<DefinitionStore>().GetVersionAsync(district, WorkflowKey.Trim(), cancellationToken: Ct);
        if (version is null)
        {
            return;
        }

        var definition = await S<ReferralViews>().DefinitionAsync(version.Id, Ct);
        var defaults = await S<RoleAllocationResolver>().ResolveAsync(district, Dong, definition.Roles.Select(r => r.Key), null, Ct);
        Roles = [.. definition.Roles.Select(r => (r.Key, r.Name, defaults.GetValueOrDefault(r.Key, "")))];
    }
}
