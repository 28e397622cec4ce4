using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralFlow.Host.Tests.Infrastructure;

/// <summary>
/// The host of the contract tests: records which CLR types each schema name was made from, serves the document, and
/// knows a real value for every path parameter, the worker each operation is called as, and how to call one.
/// </summary>
public sealed class OpenApiHostFixture(PostgresClusterFixture cluster) : HostFixture(cluster)
{
    private readonly Dictionary<string, HttpClient> _clients = [];
    private readonly List<HttpClient> _oneOff = [];

    /// <summary>Schema name → the CLR types it was generated for (a nullable value type counts as its underlying type).</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<Type, byte>> SchemaTypes { get; } = new();

    protected override void ConfigureHost(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.Configure<OpenApiOptions>("v1", o => o.AddSchemaTransformer((_, context, _) =>
        {
            if (o.CreateSchemaReferenceId(context.JsonTypeInfo) is { } id)
            {
                var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
                SchemaTypes.GetOrAdd(id, _ => new())[type] = 0;
            }

            return Task.CompletedTask;
        })));

    public async Task<OpenApiDocument> DocumentAsync()
    {
        var client = await ClientAsync("nangok-dong.worker");
        return new OpenApiDocument(await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken));
    }

    /// <summary>A signed-in client per worker, reused (sign-in is rate-limited and slow).</summary>
    public async Task<HttpClient> ClientAsync(string login)
    {
        if (!_clients.TryGetValue(login, out var client))
        {
            client = _clients[login] = await SignInAsync(login);
        }

        return client;
    }

    /// <summary>
    /// The client an operation is called with: a fresh sign-in for the operations that may end the session (logout,
    /// password change), so the shared clients stay signed in; otherwise the caller's shared client.
    /// </summary>
    public async Task<HttpClient> ClientForAsync(OpenApiOperation operation, string login)
    {
        if (operation.Path is not ("/api/auth/logout" or "/api/auth/password"))
        {
            return await ClientAsync(login);
        }

        var client = await SignInAsync(login);
        _oneOff.Add(client);
        return client;
    }

    /// <summary>
    /// The worker an operation is called as: the 관악구 district administrator for district administration, system administrators for their areas, the district's designer for writing
    /// workflows, the hub for district-wide records, and otherwise the 난곡동 worker who opened the sample referral.
    /// </summary>
    public static string CallerOf(OpenApiOperation operation) => operation.Path switch
    {
        var p when p.StartsWith("/api/admin", StringComparison.Ordinal) => "gwanak-hub.districtadmin",
        var p when p.StartsWith("/api/repair", StringComparison.Ordinal) || p.StartsWith("/api/audit", StringComparison.Ordinal)
            || p.StartsWith("/api/outbox", StringComparison.Ordinal) => "gwanak-hub.admin",
        var p when p.StartsWith("/api/workflows", StringComparison.Ordinal) && operation.Method is "post" or "put" => "gwanak-hub.designer",
        var p when (p.StartsWith("/api/joint-responses", StringComparison.Ordinal) || p.StartsWith("/api/role-allocations", StringComparison.Ordinal))
            && operation.Method is "post" or "put" => "gwanak-hub.worker",
        _ => "nangok-dong.worker",
    };

    /// <summary>A fresh referral (the documented example) and its first open task, for path parameters.</summary>
    public async Task<Samples> SamplesAsync(OpenApiDocument document)
    {
        var client = await ClientAsync("nangok-dong.worker");
        var open = document.Operations.Single(o => o.OperationId == "OpenReferral");
        var created = await client.PostAsJsonAsync("/api/referrals", open.JsonBody!.Value.Example, TestContext.Current.CancellationToken);
        created.EnsureSuccessStatusCode();
        var referral = await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var referralId = referral.GetProperty("id").GetGuid();
        var task = (await client.GetAllItemsAsync($"/api/tasks?referralId={referralId}"))[0];
        var (workerId, token) = await InvitationSampleAsync();
        var transferId = await TransferSampleAsync(client, open);
        return new Samples(referralId, task.GetProperty("id").GetGuid(), task.GetProperty("step").GetProperty("taskId").GetInt32(), workerId, token, transferId);
    }

    /// <summary>A pending transfer to 동작구 of another fresh referral (the sample referral itself stays transferable).</summary>
    private static async Task<Guid> TransferSampleAsync(HttpClient client, OpenApiOperation open)
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await client.PostAsJsonAsync("/api/referrals", open.JsonBody!.Value.Example, ct);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var etag = (await client.GetAsync($"/api/referrals/{id}", ct)).Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/referrals/{id}/transfers")
        {
            Content = JsonContent.Create(new { toDistrict = "동작구", reasonCode = "moved" }),
        };
        request.Headers.IfMatch.Add(etag);
        var requested = await client.SendAsync(request, ct);
        requested.EnsureSuccessStatusCode();
        return (await requested.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }

    /// <summary>The administered sample worker (나눔과 기쁨) and an open one-time link of theirs, made once (its mail is never sent).</summary>
    private async Task<(Guid WorkerId, string Token)> InvitationSampleAsync()
    {
        const string token = "contract-sample-link";
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlow.Host.Data.ReferralFlowDbContext>();
        var email = ReferralFlow.Host.Features.Demo.DemoData.Email("nanum-joy.worker");
        var workerId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
        var hash = ReferralFlow.Host.Features.Administration.Invitations.InvitationLinks.Hash(token);
        if (!await db.UserInvitations.AnyAsync(i => i.TokenHash == hash, TestContext.Current.CancellationToken))
        {
            db.UserInvitations.Add(new ReferralFlow.Host.Data.UserInvitation
            {
                Id = Guid.NewGuid(),
                UserId = workerId,
                TokenHash = hash,
                CreatedAt = Clock.GetUtcNow(),
                ExpiresAt = Clock.GetUtcNow().AddYears(10),
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        return (workerId, token);
    }

    /// <summary>Sends <paramref name="body"/> (JSON, when given) to the operation with its path parameters filled in.</summary>
    public async Task<HttpResponseMessage> CallAsync(OpenApiOperation operation, Samples samples, JsonNode? body, string query = "", string? login = null)
    {
        var client = login is null ? Anonymous() : await ClientForAsync(operation, login);
        var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), samples.Fill(operation) + query);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values.Concat(_oneOff))
        {
            client.Dispose();
        }

        await base.DisposeAsync();
    }
}

/// <summary>Real values for the path parameters of every operation; an operation with a parameter not known here fails the tests.</summary>
public sealed record Samples(Guid ReferralId, Guid TaskId, int StepTaskId, Guid WorkerId = default, string InvitationToken = "", Guid TransferId = default)
{
    public string Fill(OpenApiOperation operation)
    {
        var area = operation.Path.Split('/')[2];
        return System.Text.RegularExpressions.Regex.Replace(operation.Path, "{(?<name>[^}]+)}", m => Uri.EscapeDataString((area, m.Groups["name"].Value) switch
        {
            ("referrals", "id") or ("repair", "referralId") => ReferralId.ToString(),
            ("tasks", "id") => TaskId.ToString(),
            ("repair", "taskId") => StepTaskId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ("repair", "tokenId") => "1",
            ("agencies", "id") or ("referrals", "agencyId") => "sillim-welfare",
            ("admin", "agencyId") => "nanum-joy",
            ("admin", "userId") => WorkerId.ToString(),
            ("invitations", "token") => InvitationToken,
            ("notifications", "id") or ("outbox", "id") => Guid.NewGuid().ToString(),
            ("transfers", "id") => TransferId.ToString(),
            ("workflows", "key") => "hoarding-household",
            ("workflows", "version") => "1",
            var (a, name) => throw new InvalidOperationException($"No sample value for '{name}' of {operation}: add one to {nameof(Samples)}."),
        }));
    }
}
