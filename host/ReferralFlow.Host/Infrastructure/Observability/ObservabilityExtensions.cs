using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ReferralFlow.Host.Infrastructure.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// Structured JSON console logs, and OpenTelemetry traces and metrics exported per <c>Telemetry:Exporter</c>
    /// (<c>none</c>, <c>console</c> or <c>otlp</c> with the standard <c>OTEL_EXPORTER_OTLP_*</c> variables).
    /// </summary>
    public static WebApplicationBuilder AddReferralFlowObservability(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>("Logging:Json"))
        {
            builder.Logging.ClearProviders().AddJsonConsole(o => o.IncludeScopes = true);
        }

        var exporter = builder.Configuration["Telemetry:Exporter"] ?? "none";
        if (exporter.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("referralflow"))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentationIfAvailable());
        if (exporter.Equals("otlp", StringComparison.OrdinalIgnoreCase))
        {
            otel.WithTracing(t => t.AddOtlpExporter()).WithMetrics(m => m.AddOtlpExporter());
        }
        else
        {
            otel.WithTracing(t => t.AddConsoleExporter()).WithMetrics(m => m.AddConsoleExporter());
        }

        return builder;
    }

    private static MeterProviderBuilder AddRuntimeInstrumentationIfAvailable(this MeterProviderBuilder builder) =>
        builder.AddMeter("System.Runtime", "Microsoft.AspNetCore.Hosting", "ReferralFlow");
}
