namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// Security headers on every response, errors and static files included: a Content-Security-Policy without inline
/// script, <c>nosniff</c>, no referrer, and no framing. Styles may be inline because bpmn-js (the designer and the
/// referral diagram) styles its SVG through <c>style</c> attributes; scripts never are — the pages load theirs from
/// files. The API reference (Scalar) is the one exception: it starts itself with an inline module script.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private static readonly PathString Reference = "/api/reference";

    public Task InvokeAsync(HttpContext context)
    {
        var policy = context.Request.Path.StartsWithSegments(Reference) ? ReferencePolicy : Policy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
