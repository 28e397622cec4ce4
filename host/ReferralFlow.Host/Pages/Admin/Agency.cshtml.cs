using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Administration.Agencies;

namespace ReferralFlow.Host.Pages.Admin;

/// <summary><c>/admin/agencies/{id}</c>: edit an agency, deactivate or reactivate it.</summary>
public sealed class AgencyModel(UiContext ui, GetAdminAgency get, UpdateAgency update, ChangeAgencyStatus status) : UiPage(ui)
{
    public AdminAgencyView? Agency { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id) => await TryAsync(async () => Agency = await get.HandleAsync(id, Ct)) ?? Page();

    public async Task<IActionResult> OnPostAsync(string id, string? name, AgencyKind? kind, bool isPublic, string? dong, string? email) =>
        await ActAsync(id, () => update.HandleAsync(id, new UpdateAgency.Request(name, kind, isPublic, dong, email), Ct));

    public Task<IActionResult> OnPostStatusAsync(string id, bool active) => ActAsync(id, () => status.HandleAsync(id, active, Ct));

    private async Task<IActionResult> ActAsync(string id, Func<Task<AdminAgencyView>> action)
    {
        AdminAgencyView? done = null;
        if (await TryAsync(async () => done = await action()) is { } failed)
        {
            return failed;
        }

        if (done is not null)
        {
            Flash = L["Admin.Saved"];
            return RedirectToPage(new { id });
        }

        return await OnGetAsync(id);
    }
}
