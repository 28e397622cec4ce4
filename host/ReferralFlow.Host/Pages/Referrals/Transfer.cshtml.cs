using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Features.Referrals;
using ReferralFlow.Host.Features.Transfers;

namespace ReferralFlow.Host.Pages.Referrals;

/// <summary>
/// <c>/referrals/{id}/transfer</c>: the public case owner asks another district to take the referral over (전출,
/// <see cref="RequestTransfer"/>): the district, a reason and a note that stays in the platform. Others get 403.
/// </summary>
public sealed class TransferModel(UiContext ui, GetReferral get, ReferralAccess access, RequestTransfer request, ReferralFlowDbContext db) : UiPage(ui)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ReferralResponse? Referral { get; private set; }

    /// <summary>The districts with a hub to decide, other than the referral's.</summary>
    public IReadOnlyList<string> Districts { get; private set; } = [];

    /// <summary>A request already waiting for the other district's decision.</summary>
    public bool Pending { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await TryAsync(LoadAsync) ?? (Referral is null ? Forbid() : Page());

    public async Task<IActionResult> OnPostAsync(string? toDistrict, string? reasonCode, string? note, int? version)
    {
        var failed = await TryAsync(() => request.HandleAsync(Id, new RequestTransfer.Request(toDistrict, reasonCode, note, version), null, Ct));
        if (failed is not null)
        {
            return failed;
        }

        if (Problem is null && ModelState.IsValid)
        {
            Flash = L["Transfer.Requested"];
            return Redirect("/transfers");
        }

        return await TryAsync(LoadAsync) ?? (Referral is null ? Forbid() : Page());
    }

    private async Task LoadAsync()
    {
        var referral = await access.GetVisibleAsync(Id, Ct);
        if (!access.IsCaseOwner(referral))
        {
            return;
        }

        Referral = await get.HandleAsync(Id, Ct);
        Districts = await db.Agencies.AsNoTracking().Where(a => a.IsActive && a.Kind == AgencyKind.DistrictHub && a.District != referral.District)
            .Select(a => a.District).Distinct().OrderBy(d => d).ToListAsync(Ct);
        Pending = await db.ReferralTransfers.AnyAsync(t => t.ReferralId == Id && t.Status == TransferStatus.Pending, Ct);
    }
}
