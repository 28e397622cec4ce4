using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>
/// <c>POST /api/auth/login</c> with email and password. Answers a bearer token for the API (use it from curl as
/// <c>Authorization: Bearer …</c>); with <c>?useCookies=true</c> signs the browser in with a cookie instead.
/// Repeated failures lock the account; the endpoint is rate-limited per address.
/// </summary>
internal static class Login
{
    public sealed record Request(string Email, string Password);

    public static async Task<IResult> HandleAsync(Request request, bool? useCookies, SignInManager<User> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            throw ApiException.Invalid(new Dictionary<string, string[]>
            {
                [string.IsNullOrWhiteSpace(request.Email) ? "email" : "password"] = ["Email and password are required."],
            });
        }

        var user = await signIn.UserManager.FindByEmailAsync(request.Email.Trim());
        if (user is null || !user.IsActive)
        {
            return Failed("The email or password is not correct.");
        }

        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Results.Problem(title: "Account locked", detail: "Too many failed sign-ins; try again in 15 minutes.", statusCode: StatusCodes.Status423Locked);
        }

        // On success the bearer handler has already written the token response.
        return result.Succeeded ? Results.Empty : Failed("The email or password is not correct.");
    }

    private static IResult Failed(string detail) =>
        Results.Problem(title: "Sign-in failed", detail: detail, statusCode: StatusCodes.Status401Unauthorized);
}
