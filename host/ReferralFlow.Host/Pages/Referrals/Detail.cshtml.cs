using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.Referrals;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Pages.Referrals;

/// <summary>A referral: its steps coloured by state (per lane/role), who holds each role, the shared timeline, closing.</summary>
public sealed class DetailModel : UiPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ReferralResponse? Referral { get; private set; }

    internal IReadOnlyList<GetTimeline.Entry> Timeline { get; private set; } = [];

    public bool CanClose { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await TryAsync(LoadAsync) ?? Page();

    public async Task<IActionResult> OnPostCloseAsync(string? outcome, string? reason, int? version)
    {
        var failed = await TryAsync(LoadAsync);
        if (failed is not null)
        {
            return failed;
        }

        var reasons = Referral!.Steps.Where(s => s.Status == WorkTaskStatus.Open)
            .ToDictionary(s => s.TaskId.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => reason ?? "");
        failed = await TryAsync(() => CloseReferral.HandleAsync(
            Id, new CloseReferral.Request(outcome, reasons, version), HttpContext, S<ReferralAccess>(), S<CurrentUser>(), S<ReferralFlowDbContext>(),
            S<WorkflowDbContext>(), S<WorkflowRuntime>(), S<UnitOfWork>(), S<ReferralViews>(), S<AuditLog>(), S<TimeProvider>(), Ct));
        if (failed is not null)
        {
            return failed;
        }

        if (Problem is null && ModelState.IsValid)
        {
            Flash = L["Referral.Closed"];
            return Redirect($"/referrals/{Id}");
        }

        return await TryAsync(LoadAsync) ?? Page();
    }

    private async Task LoadAsync()
    {
        var access = S<ReferralAccess>();
        Referral = Value<ReferralResponse>(await GetReferral.HandleAsync(Id, HttpContext, access, S<ReferralViews>(), S<AuditLog>(), Ct));
        Timeline = Value<List<GetTimeline.Entry>>(await GetTimeline.HandleAsync(Id, access, S<ReferralViews>(), S<ReferralFlowDbContext>(), S<WorkflowDbContext>(), S<AuditLog>(), Ct));
        var referral = await access.GetVisibleAsync(Id, Ct);
        CanClose = access.IsCaseOwner(referral) && Referral.ClosedAt is null;
    }
}
