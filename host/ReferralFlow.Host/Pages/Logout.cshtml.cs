using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Pages;

public sealed class LogoutModel : UiPage
{
    public IActionResult OnGet() => LocalRedirect("/inbox");

    public async Task<IActionResult> OnPostAsync()
    {
        await S<SignInManager<User>>().SignOutAsync();
        return LocalRedirect("/login");
    }
}
