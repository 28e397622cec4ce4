using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ReferralFlow.Host.Infrastructure.Http;

public static class HttpExtensions
{
    public static IServiceCollection AddReferralFlowHttp(this IServiceCollection services)
    {
        // Binding failures (a malformed or unknown JSON property, an unparsable query value) reach ApiExceptionHandler,
        // which answers problem details naming the field, in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? c.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // A property the request type does not have is a 400 naming it, never silently dropped.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.AddReferralFlowOpenApi();
        return services;
    }

    public static WebApplication UseReferralFlowHttp(this WebApplication app)
    {
        app.UseReferralFlowHardening();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // After authentication: the write limits are per signed-in user.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<Features.Auth.TwoFactor.TwoFactorGate>();
        app.MapReferralFlowOpenApi();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        return app;
    }
}
