using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using ReferralFlow.Host.Data;
using ReferralFlow.Workflows.Persistence;
using Scalar.AspNetCore;

namespace ReferralFlow.Host.Infrastructure.Http;

public static class HttpExtensions
{
    public static IServiceCollection AddReferralFlowHttp(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? c.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ReferralFlow API";
            document.Info.Description = "Inter-agency welfare referrals: workflows, referrals, tasks. Sign in with POST /api/auth/login and send the token as 'Authorization: Bearer …'.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks()
            .AddDbContextCheck<ReferralFlowDbContext>("database")
            .AddDbContextCheck<WorkflowDbContext>("workflow-database");
        return services;
    }

    public static WebApplication UseReferralFlowHttp(this WebApplication app)
    {
        app.UseReferralFlowHardening();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("ReferralFlow API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        return app;
    }
}
