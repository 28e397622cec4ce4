using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ReferralFlow.Host.Features.Administration.Invitations;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Pages;

/// <summary><c>/invitation/{token}</c> (no sign-in): an invited worker, or one whose password was reset, chooses a password once.</summary>
[EnableRateLimiting(AuthExtensions.SignInRateLimit)]
public sealed class InvitationModel(UiContext ui, GetInvitation get, AcceptInvitation accept) : UiPage(ui)
{
    public GetInvitation.Response? Invitation { get; private set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token) => await TryAsync(() => LoadAsync(token)) ?? Page();

    public async Task<IActionResult> OnPostAsync(string token, string? password)
    {
        if (await TryAsync(async () => Done = await accept.HandleAsync(token, new AcceptInvitation.Request(password), Ct) is not null) is { } failed)
        {
            return failed;
        }

        return Done ? Page() : await OnGetAsync(token);
    }

    private async Task LoadAsync(string token)
    {
        try
        {
            Invitation = await get.HandleAsync(token, Ct);
        }
        catch (Infrastructure.Http.ApiException ex) when (ex.Status == StatusCodes.Status410Gone || ex.Status == StatusCodes.Status404NotFound)
        {
            // A used, expired or unknown link: say so on the page instead of a bare error.
            Problem = ex.Detail;
        }
    }
}
