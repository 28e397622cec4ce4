using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;

namespace ReferralFlow.Host.Pages.Admin;

/// <summary><c>/admin</c>: the district administrator's start page — links to the administration pages and the latest changes of the district.</summary>
public sealed class IndexModel(UiContext ui, QueryAuditLog audit) : UiPage(ui)
{
    public IReadOnlyList<QueryAuditLog.Entry> Recent { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!Me.IsSystemAdmin && !Me.IsInRole(Roles.DistrictAdmin))
        {
            return Forbid();
        }

        return await TryAsync(async () => Recent = (await audit.HandleAsync(null, null, "admin.", null, null, 10, null, Ct)).Items) ?? Page();
    }
}
