using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Consents;
using ReferralFlow.Host.Features.Referrals;

namespace ReferralFlow.Host.Pages.Referrals;

/// <summary>
/// A referral's consents per agency and category: which agencies still need consent for their steps, recording consent
/// given at the joint visit (<see cref="RecordConsent"/>) and withdrawing it (<see cref="WithdrawConsent"/>).
/// </summary>
public sealed class ConsentsModel(UiContext ui, GetReferral get, RecordConsent record, WithdrawConsent withdraw) : UiPage(ui)
{
    public static readonly IReadOnlyList<string> Categories = ConsentCategories.All;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ReferralResponse? Referral { get; private set; }

    /// <summary>Agencies consent can be recorded for: those with steps or allocated roles, and those already consented.</summary>
    public IReadOnlyList<(string Id, string Name)> Agencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await TryAsync(LoadAsync) ?? Page();

    public async Task<IActionResult> OnPostRecordAsync(
        string? consentedBy, string? relationship, DateTimeOffset? consentedAt, string? method, string? urgentReason, List<string>? agencyIds, List<string>? categories)
    {
        var at = consentedAt is { } local ? LocalToUtc(local.DateTime) : (DateTimeOffset?)null;
        var request = new RecordConsent.Request(consentedBy, relationship, at, method, urgentReason, agencyIds ?? [], categories ?? [], null);
        return await AfterAsync(() => record.HandleAsync(Id, request, Ct), "Consents.Recorded");
    }

    public Task<IActionResult> OnPostWithdrawAsync(string? agencyId) =>
        AfterAsync(() => withdraw.HandleAsync(Id, new WithdrawConsent.Request(agencyId, null), Ct), "Consents.Withdrawn");

    private async Task<IActionResult> AfterAsync(Func<Task> action, string done)
    {
        var failed = await TryAsync(action);
        if (failed is not null)
        {
            return failed;
        }

        if (Problem is null && ModelState.IsValid)
        {
            Flash = L[done];
            return Redirect($"/referrals/{Id}/consents");
        }

        return await TryAsync(LoadAsync) ?? Page();
    }

    private async Task LoadAsync()
    {
        Referral = await get.HandleAsync(Id, Ct);
        Agencies = [.. Referral.Steps.Select(s => s.Agency).OfType<Features.CaseViews.AgencyRef>()
            .Concat(Referral.Participants.Select(p => new Features.CaseViews.AgencyRef(p.AgencyId, p.AgencyName)))
            .Concat(Referral.Consents.Select(c => c.Agency))
            .Where(a => a.Id != Referral.PublicOwnerAgency.Id && a.Id != Referral.ReferringAgency.Id)
            .DistinctBy(a => a.Id).OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => (a.Id, a.Name))];
    }
}
