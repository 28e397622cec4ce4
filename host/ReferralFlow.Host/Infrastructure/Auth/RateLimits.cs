using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ReferralFlow.Host.Infrastructure.Auth;

/// <summary>
/// Rate limits: sign-in per client address, and writes per signed-in user. Every POST/PUT/PATCH/DELETE under
/// <c>/api</c> by a signed-in user counts against <see cref="Writes"/>; workflow validation and publication (costly
/// parses) against the stricter <see cref="DesignerWrites"/> instead. Both are also named policies for endpoints that
/// want them explicitly. Refusals are 429 problem details with <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Writes = "writes";
    public const string DesignerWrites = "designer-writes";

    internal static void Configure(RateLimiterOptions o, AuthOptions auth)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = RejectAsync;
        o.AddPolicy(SignIn, context => PerMinute("sign-in:" + SignInThrottling.ClientAddress(context), auth.SignInsPerMinute));
        o.AddPolicy(Writes, context => PerUser(context, Writes, auth.WritesPerMinute));
        o.AddPolicy(DesignerWrites, context => PerUser(context, DesignerWrites, auth.DesignerWritesPerMinute));
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Classify(context.Request) switch
        {
            Writes => PerUser(context, "global-" + Writes, auth.WritesPerMinute),
            DesignerWrites => PerUser(context, "global-" + DesignerWrites, auth.DesignerWritesPerMinute),
            _ => RateLimitPartition.GetNoLimiter(""),
        });
    }

    /// <summary><see cref="Writes"/>, <see cref="DesignerWrites"/>, or null for reads and requests outside the API.</summary>
    internal static string? Classify(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Path.StartsWithSegments("/api", out var rest))
        {
            return null;
        }

        var segments = (rest.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["workflows", .., "validate" or "publish"] ? DesignerWrites : Writes;
    }

    private static RateLimitPartition<string> PerUser(HttpContext context, string policy, int perMinute) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user
            ? PerMinute($"{policy}:{user}", perMinute)
            : RateLimitPartition.GetNoLimiter("");

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Too many requests in a short time; try again in {seconds} seconds.",
                Extensions = { ["code"] = "rate-limited", ["retryAfter"] = seconds },
            },
        });
    }
}
