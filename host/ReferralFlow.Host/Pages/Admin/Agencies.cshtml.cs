using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Administration.Agencies;

namespace ReferralFlow.Host.Pages.Admin;

/// <summary><c>/admin/agencies</c>: the agencies of my district (every district for system administrators) and a new one.</summary>
public sealed class AgenciesModel(UiContext ui, ListAdminAgencies list, CreateAgency create) : UiPage(ui)
{
    public IReadOnlyList<AdminAgencyView> Agencies { get; private set; } = [];

    public string? NextCursor { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public async Task<IActionResult> OnGetAsync() => await TryAsync(LoadAsync) ?? Page();

    public async Task<IActionResult> OnPostAsync(string? id, string? name, AgencyKind? kind, bool isPublic, string? dong, string? email, string? district)
    {
        AdminAgencyView? created = null;
        var failed = await TryAsync(async () => created = await create.HandleAsync(new CreateAgency.Request(id, name, kind, isPublic, district, dong, email), Ct));
        if (failed is not null)
        {
            return failed;
        }

        if (created is not null)
        {
            Flash = L["Admin.Saved"];
            return RedirectToPage("/Admin/Agency", new { id = created.Id });
        }

        return await TryAsync(LoadAsync) ?? Page();
    }

    private async Task LoadAsync()
    {
        var page = await list.HandleAsync(new ListAdminAgencies.Query(null, null, 200, Cursor), Ct);
        (Agencies, NextCursor) = (page.Items, page.NextCursor);
    }
}
