using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>Writes the health report as JSON: overall status and each check's status (no exception details).</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }, cancellationToken: context.RequestAborted);
    }
}
