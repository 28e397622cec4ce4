using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Features.Administration.Agencies;
using ReferralFlow.Host.Features.Administration.Workers;

namespace ReferralFlow.Host.Pages.Admin;

/// <summary><c>/admin/workers/{id}</c>: a worker's name and roles, rotation to another agency, lock, deactivation, password reset link.</summary>
public sealed class WorkerModel(
    UiContext ui, GetWorker get, ListAdminAgencies agencies, UpdateWorker update, MoveWorker move, ChangeWorkerStatus status, ChangeWorkerLock locks,
    ResetWorkerPassword reset, ResetWorkerTwoFactor resetTwoFactor) : UiPage(ui)
{
    public WorkerView? Worker { get; private set; }

    public IReadOnlyList<AdminAgencyView> Agencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await TryAsync(() => LoadAsync(id)) ?? Page();

    public Task<IActionResult> OnPostAsync(Guid id, string? displayName, string[]? roles, string? language) =>
        ActAsync(id, async () => await update.HandleAsync(id, new UpdateWorker.Request(displayName, roles ?? [], language), Ct) is not null ? L["Admin.Saved"].Value : null);

    public Task<IActionResult> OnPostMoveAsync(Guid id, string? agencyId) =>
        ActAsync(id, async () => string.Format(L["Admin.Returned"], (await move.HandleAsync(id, new MoveWorker.Request(agencyId), Ct)).ReturnedTasks));

    public Task<IActionResult> OnPostStatusAsync(Guid id, bool active) =>
        ActAsync(id, async () => string.Format(L["Admin.Returned"], (await status.HandleAsync(id, active, Ct)).ReturnedTasks));

    public Task<IActionResult> OnPostLockAsync(Guid id, bool locked) =>
        ActAsync(id, async () => await locks.HandleAsync(id, locked, Ct) is not null ? L["Admin.Saved"].Value : null);

    public Task<IActionResult> OnPostResetAsync(Guid id) =>
        ActAsync(id, async () => await reset.HandleAsync(id, Ct) is not null ? L["Admin.Invited"].Value : null);

    public Task<IActionResult> OnPostResetTwoFactorAsync(Guid id) =>
        ActAsync(id, async () => await resetTwoFactor.HandleAsync(id, Ct) is not null ? L["Admin.TwoFactorResetDone"].Value : null);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<string?>> action)
    {
        string? done = null;
        if (await TryAsync(async () => done = await action()) is { } failed)
        {
            return failed;
        }

        if (done is not null)
        {
            Flash = done;
            return RedirectToPage(new { id });
        }

        return await OnGetAsync(id);
    }

    private async Task LoadAsync(Guid id)
    {
        Worker = await get.HandleAsync(id, Ct);
        Agencies = (await agencies.HandleAsync(new ListAdminAgencies.Query(null, true, 200, null), Ct)).Items;
    }
}
