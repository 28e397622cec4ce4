using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Pages;

/// <summary>Ends the browser's session on the server (not just the cookie), so a copied cookie is refused too.</summary>
public sealed class LogoutModel(UiContext ui, SessionRevocation revocation) : UiPage(ui)
{
    public IActionResult OnGet() => LocalRedirect("/inbox");

    public async Task<IActionResult> OnPostAsync()
    {
        if (Me.SessionId is { } session)
        {
            await revocation.RevokeAsync(session, SessionRevocation.SignedOut, Ct);
        }

        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return LocalRedirect("/login");
    }
}
