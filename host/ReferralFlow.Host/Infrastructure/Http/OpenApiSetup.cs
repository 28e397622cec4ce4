using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and its interactive reference (<c>/api/reference</c>). Outside
/// Development both need a signed-in caller unless <c>Api:PublicReference</c> is true: the document lists every
/// operation and field of a system holding welfare data, which is no one's business before signing in.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPattern = "/openapi/{documentName}.json";

    public static IServiceCollection AddReferralFlowOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.CreateSchemaReferenceId = OpenApiSchemas.ReferenceId;
            o.AddSchemaTransformer(OpenApiSchemas.TransformAsync);
            o.AddOperationTransformer(OpenApiOperations.TransformAsync);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "ReferralFlow API";
                document.Info.Description =
                    "Inter-agency welfare referrals: workflows, referrals, tasks. Sign in with POST /api/auth/login, send the access token as " +
                    "'Authorization: Bearer …' and renew it with POST /api/auth/refresh. Lists take `limit` (default 50, at most 200) and `cursor` (the `nextCursor` of the previous " +
                    "page) and answer `{ items, nextCursor, total }`. Unknown query parameters and unknown JSON properties are a 400 naming them.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[OpenApiOperations.BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The accessToken of POST /api/auth/login (the sign-in cookie of the pages works too).",
                };
                OpenApiSchemas.RequiredAreNotNull(document);
                OpenApiSchemas.EnumsAreStrings(document);
                return Task.CompletedTask;
            });
        });

    public static WebApplication MapReferralFlowOpenApi(this WebApplication app)
    {
        var document = app.MapOpenApi(DocumentPattern);
        var reference = app.MapScalarApiReference("/api/reference", o => o.WithTitle("ReferralFlow API").WithOpenApiRoutePattern(DocumentPattern));
        if (!app.Configuration.GetValue("Api:PublicReference", app.Environment.IsDevelopment()))
        {
            // The document takes a bearer token or the sign-in cookie (401 without); the reference is a page for browsers,
            // which sends an anonymous visitor to the sign-in page and then fetches the document with the cookie.
            document.RequireAuthorization();
            reference.RequireAuthorization(Ui.UiExtensions.PagePolicy);
        }

        return app;
    }
}
