using System.Globalization;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Host.Resources;

namespace ReferralFlow.Host.Infrastructure.Ui;

/// <summary>Where the built designer (<c>designer/dist</c>) is found.</summary>
public sealed class DesignerOptions
{
    /// <summary>
    /// The folder with the designer's <c>index.html</c>; relative paths are resolved from the content root. Empty: the
    /// <c>designer</c> folder next to the app (publish output), else the repository's <c>designer/dist</c>.
    /// </summary>
    public string Path { get; set; } = "";
}

/// <summary>
/// Serves the browser designer (a static Vite build) at <c>/designer</c>, with the SPA fallback to its index.html. The
/// page itself is public; its API calls need a sign-in (the page shows a sign-in form on 401).
/// </summary>
public static class DesignerExtensions
{
    public const string RequestPath = "/designer";

    public static IServiceCollection AddReferralFlowDesigner(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DesignerOptions>(configuration.GetSection("Designer"));
        return services;
    }

    public static WebApplication MapReferralFlowDesigner(this WebApplication app)
    {
        var folder = ResolveFolder(app.Services.GetRequiredService<IOptions<DesignerOptions>>().Value, app.Environment);
        if (folder is null)
        {
            app.Logger.LogWarning("The designer is not built (no designer/dist); /designer answers 503. Run 'npm ci && npm run build' in designer/.");
            // Endpoints run inside the request localization, so the current UI culture is the caller's.
            app.MapGet(RequestPath + "/{*path}", () => Results.Problem(
                detail: ProblemCode.DesignerNotBuilt.ToProblemMessage().ToString(),
                title: ProblemText.Title(StatusCodes.Status503ServiceUnavailable, CultureInfo.CurrentUICulture),
                statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["code"] = ProblemCode.DesignerNotBuilt.Value }))
                .ExcludeFromDescription();
            return app;
        }

        var files = new PhysicalFileProvider(folder);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = RequestPath,
            OnPrepareResponse = context =>
            {
                // Vite's hashed assets never change; index.html must be revalidated so a new build is picked up.
                context.Context.Response.Headers.CacheControl = context.File.Name.Equals("index.html", StringComparison.OrdinalIgnoreCase)
                    ? "no-cache"
                    : "public, max-age=31536000, immutable";
            },
        });
        app.MapFallbackToFile(RequestPath + "/{*path:nonfile}", "index.html", new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>The first folder with an index.html: the configured path, the published copy, the repository's build.</summary>
    public static string? ResolveFolder(DesignerOptions options, IWebHostEnvironment environment)
    {
        string[] candidates = string.IsNullOrWhiteSpace(options.Path)
            ? [System.IO.Path.Combine(AppContext.BaseDirectory, "designer"), System.IO.Path.Combine(environment.ContentRootPath, "..", "..", "designer", "dist")]
            : [System.IO.Path.GetFullPath(options.Path, environment.ContentRootPath)];
        return candidates.Select(System.IO.Path.GetFullPath).FirstOrDefault(c => File.Exists(System.IO.Path.Combine(c, "index.html")));
    }
}
