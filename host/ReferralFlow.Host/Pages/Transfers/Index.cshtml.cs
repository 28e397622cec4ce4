using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Transfers;

namespace ReferralFlow.Host.Pages.Transfers;

/// <summary>
/// <c>/transfers</c>: the transfers the worker sees (<see cref="ListTransfers"/>); the receiving district's hub accepts a
/// pending one, choosing the new public case owner among its district's active public agencies, or declines it with a reason.
/// </summary>
public sealed class IndexModel(UiContext ui, ListTransfers list, AcceptTransfer accept, DeclineTransfer decline, ReferralFlowDbContext db) : UiPage(ui)
{
    public IReadOnlyList<TransferView> Transfers { get; private set; } = [];

    /// <summary>Who may become the case owner in the caller's district: its active public agencies.</summary>
    public IReadOnlyList<Agency> Owners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await TryAsync(LoadAsync) ?? Page();

    public Task<IActionResult> OnPostAcceptAsync(Guid transferId, string? ownerAgencyId, int? version) =>
        AfterAsync(() => accept.HandleAsync(transferId, new AcceptTransfer.Request(ownerAgencyId, version), null, Ct), "Transfers.Accepted");

    public Task<IActionResult> OnPostDeclineAsync(Guid transferId, string? reasonCode, string? note, int? version) =>
        AfterAsync(() => decline.HandleAsync(transferId, new DeclineTransfer.Request(reasonCode, note, version), null, Ct), "Transfers.Declined");

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
            return Redirect("/transfers");
        }

        return await TryAsync(LoadAsync) ?? Page();
    }

    private async Task LoadAsync()
    {
        Transfers = (await list.HandleAsync(new ListTransfers.Query(Limit: 200), Ct)).Items;
        var district = Me.District;
        Owners = Transfers.Any(t => t.CanDecide)
            ? await db.Agencies.AsNoTracking().Where(a => a.IsPublic && a.IsActive && (Me.IsSystemAdmin || a.District == district))
                .OrderBy(a => a.District).ThenBy(a => a.Name).ToListAsync(Ct)
            : [];
    }
}
