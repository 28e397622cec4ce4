using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Pages;

/// <summary>Cookie sign-in with the same rules as <c>POST /api/auth/login</c>: lock-out and the per-address rate limit.</summary>
[EnableRateLimiting(AuthExtensions.SignInRateLimit)]
public sealed class LoginModel : UiPage
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var signIn = S<SignInManager<User>>();
        var user = string.IsNullOrWhiteSpace(Email) ? null : await signIn.UserManager.FindByEmailAsync(Email.Trim());
        if (user is null || !user.IsActive || string.IsNullOrEmpty(Password))
        {
            Problem = L["Login.Failed"];
            return Page();
        }

        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            Problem = L["Login.Locked"];
            return Page();
        }

        if (!result.Succeeded)
        {
            Problem = L["Login.Failed"];
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/inbox");
    }
}
