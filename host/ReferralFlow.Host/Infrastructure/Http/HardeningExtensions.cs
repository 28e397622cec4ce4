namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>The request-level protections every response goes through, registered first in the pipeline.</summary>
public static class HardeningExtensions
{
    public static WebApplication UseReferralFlowHardening(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
        {
            // Strict-Transport-Security on HTTPS requests (behind a TLS proxy: ASPNETCORE_FORWARDEDHEADERS_ENABLED=true).
            app.UseHsts();
        }

        app.UseMiddleware<RequestBodyLimit>();
        return app;
    }
}
