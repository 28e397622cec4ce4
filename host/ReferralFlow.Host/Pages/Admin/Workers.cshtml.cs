using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Features.Administration.Agencies;
using ReferralFlow.Host.Features.Administration.Workers;

namespace ReferralFlow.Host.Pages.Admin;

/// <summary><c>/admin/workers</c>: the workers I administer, and the invitation of a new one.</summary>
public sealed class WorkersModel(UiContext ui, ListWorkers list, ListAdminAgencies agencies, InviteWorker invite) : UiPage(ui)
{
    public IReadOnlyList<WorkerView> Workers { get; private set; } = [];

    public IReadOnlyList<AdminAgencyView> Agencies { get; private set; } = [];

    public string? NextCursor { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? AgencyId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public async Task<IActionResult> OnGetAsync() => await TryAsync(LoadAsync) ?? Page();

    public async Task<IActionResult> OnPostAsync(string? email, string? displayName, string? agency, string[]? roles, string? language)
    {
        WorkerView? invited = null;
        if (await TryAsync(async () => invited = await invite.HandleAsync(new InviteWorker.Request(email, displayName, agency, roles ?? [], language), Ct)) is { } failed)
        {
            return failed;
        }

        if (invited is not null)
        {
            Flash = L["Admin.Invited"];
            return RedirectToPage("/Admin/Worker", new { id = invited.Id });
        }

        return await TryAsync(LoadAsync) ?? Page();
    }

    private async Task LoadAsync()
    {
        var page = await list.HandleAsync(new ListWorkers.Query(AgencyId, null, 200, Cursor), Ct);
        (Workers, NextCursor) = (page.Items, page.NextCursor);
        Agencies = (await agencies.HandleAsync(new ListAdminAgencies.Query(null, true, 200, null), Ct)).Items;
    }
}
