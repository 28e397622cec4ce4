using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Allocations;
using ReferralFlow.Host.Features.Referrals;

namespace ReferralFlow.Host.Pages.Referrals;

/// <summary>
/// Opens a referral through <see cref="OpenReferral"/>: a published workflow, the household's minimal data, the consent,
/// and the role allocation with the district's defaults pre-filled (<see cref="RoleAllocationResolver"/>), each changeable.
/// </summary>
public sealed class NewModel(UiContext ui, OpenReferral open, GetReferralForm getForm, CheckDuplicateReferral duplicates) : UiPage(ui)
{
    /// <summary>Owners of the district's open referrals of the household (the duplicate-service check); empty when none.</summary>
    public IReadOnlyList<CheckDuplicateReferral.DuplicateOwner> Duplicates { get; private set; } = [];

    /// <summary>True once the check ran on the posted household (to say "no open referral found").</summary>
    public bool DuplicateChecked { get; private set; }

    /// <summary>A value the worker posted, so the form keeps it when shown again (a warning or an error).</summary>
    public string Posted(string key) => Request.HasFormContentType ? Request.Form[key].ToString() : "";

    /// <summary>The pre-check before submitting: does another agency already hold an open referral of this household?</summary>
    public async Task<IActionResult> OnPostCheckAsync(string? name, DateOnly? birthDate, string? address)
    {
        var failed = await TryAsync(() => CheckAsync(name, birthDate, address));
        return failed ?? await TryAsync(LoadAsync) ?? Page();
    }

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
        DateTimeOffset? consentedAt, string? method, List<string>? agencyIds, List<string>? categories, string? duplicateReason)
    {
        // Warn before opening: without a reason, a household another agency already holds comes back to the form.
        if (string.IsNullOrWhiteSpace(duplicateReason))
        {
            var failedCheck = await TryAsync(() => CheckAsync(name, birthDate, address));
            if (failedCheck is not null)
            {
                return failedCheck;
            }

            if (Duplicates.Count > 0)
            {
                return await TryAsync(LoadAsync) ?? Page();
            }
        }

        var allocations = Request.Form.Keys.Where(k => k.StartsWith("role_", StringComparison.Ordinal))
            .ToDictionary(k => k["role_".Length..], k => Request.Form[k].ToString(), StringComparer.Ordinal);
        var consentAt = consentedAt is { } at ? LocalToUtc(at.DateTime) : (DateTimeOffset?)null;
        var request = new OpenReferral.Request(
            WorkflowKey, new OpenReferral.HouseholdInput(name, birthDate, address, phone, members), Dong,
            new OpenReferral.ConsentInput(consentedBy, relationship, consentAt, method, agencyIds, categories, false, null),
            allocations, null, null, duplicateReason);
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

    private async Task CheckAsync(string? name, DateOnly? birthDate, string? address)
    {
        var result = await duplicates.HandleAsync(new CheckDuplicateReferral.Request(name, birthDate, address), Ct);
        DuplicateChecked = result.Checked;
        Duplicates = [.. result.Owners.Where(o => o.AgencyId != Me.AgencyId)];
    }

    private async Task LoadAsync()
    {
        var form = await getForm.HandleAsync(WorkflowKey, Dong, Ct);
        (Workflows, Agencies, Dong) = (form.Workflows, form.Agencies, form.Dong);
        Roles = [.. form.Roles.Select(r => (r.Key, r.Name, r.AgencyId))];
    }
}
