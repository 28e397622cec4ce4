using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Allocations;
using ReferralFlow.Host.Features.Referrals;

namespace ReferralFlow.Host.Pages.Referrals;

/// <summary>
/// Opens a referral through <see cref="OpenReferral"/>: a published workflow, the household's minimal data, the consent,
/// and the role allocation with the district's defaults pre-filled (<see cref="RoleAllocationResolver"/>), each changeable.
/// </summary>
public sealed class NewModel(UiContext ui, OpenReferral open, GetReferralForm getForm) : UiPage(ui)
{
    public static readonly IReadOnlyList<string> Categories = ConsentCategories.All;

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
        DateTimeOffset? consentedAt, string? method, List<string>? agencyIds, List<string>? categories)
    {
        var allocations = Request.Form.Keys.Where(k => k.StartsWith("role_", StringComparison.Ordinal))
            .ToDictionary(k => k["role_".Length..], k => Request.Form[k].ToString(), StringComparer.Ordinal);
        var consentAt = consentedAt is { } at ? LocalToUtc(at.DateTime) : (DateTimeOffset?)null;
        var request = new OpenReferral.Request(
            WorkflowKey, new OpenReferral.HouseholdInput(name, birthDate, address, phone, members), Dong,
            new OpenReferral.ConsentInput(consentedBy, relationship, consentAt, method, agencyIds, categories, false, null),
            allocations, null, null);
        ReferralResponse? created = null;
        var failed = await TryAsync(async () => created = await open.HandleAsync(request, Ct));
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
        var form = await getForm.HandleAsync(WorkflowKey, Dong, Ct);
        (Workflows, Agencies, Dong) = (form.Workflows, form.Agencies, form.Dong);
        Roles = [.. form.Roles.Select(r => (r.Key, r.Name, r.AgencyId))];
    }
}
