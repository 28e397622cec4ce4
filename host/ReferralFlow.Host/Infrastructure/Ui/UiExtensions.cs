using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Infrastructure.Ui;

/// <summary>
/// The worker pages (Razor Pages under <c>Pages/</c>): Korean by default, English per user — the <c>lang</c> cookie
/// (set by the header's switch) wins, then the user's <c>Language</c>, then Korean (<see cref="RequestLanguage"/>; API
/// requests also honour <c>Accept-Language</c>). Every page but /login needs a sign-in.
/// </summary>
public static class UiExtensions
{
    public const string LanguageCookie = "lang";

    public const string PagePolicy = "pages";

    public static readonly CultureInfo[] Cultures = [new("ko"), new("en")];

    public static IServiceCollection AddReferralFlowUi(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddScoped<Pages.UiContext>();
        // Pages sign in with the cookie and challenge with it (a redirect to /login); the API's default scheme challenges with 401.
        services.AddAuthorizationBuilder().AddPolicy(PagePolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/", PagePolicy);
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/Language");
            o.Conventions.AllowAnonymousToPage("/Invitation");
            o.Conventions.AllowAnonymousToPage("/LoginTwoFactor");
        });
        return services;
    }

    public static WebApplication MapReferralFlowUi(this WebApplication app)
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("ko"),
            SupportedCultures = Cultures,
            SupportedUICultures = Cultures,
        };
        options.RequestCultureProviders.Clear();
        // The same choice as the problem responses (which are written outside this middleware): cookie, saved language,
        // Accept-Language for the API, Korean.
        options.RequestCultureProviders.Add(new CustomRequestCultureProvider(context =>
            Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(RequestLanguage.Resolve(context)))));
        app.UseRequestLocalization(options);
        app.UseStaticFiles();
        app.MapRazorPages();
        app.MapGet("/", () => Results.Redirect("/inbox")).ExcludeFromDescription();
        return app;
    }
}
