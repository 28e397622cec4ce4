using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Infrastructure.Database;

namespace ReferralFlow.Benchmarks.Scale;

/// <summary>
/// The issue-13 table: each list, page and report request as the user the issue names, after warm-up, timed end to end
/// through the in-process host (HTTP pipeline, authentication, query, JSON or HTML), printed as p50/p95.
/// </summary>
internal static class ScaleBench
{
    private sealed record Request(string Label, string Login, string Path, bool Page = false);

    public static async Task<int> RunAsync(WebApplicationFactory<UnitOfWork> host, int runs)
    {
        var deepCursor = await CursorOfPageAsync(await ApiAsync(host, "nangok-dong.worker"), "/api/referrals?limit=20", 200);
        Request[] requests =
        [
            new("tasks queue", "nangok-dong.worker", "/api/tasks?queue=true&limit=50"),
            new("referrals", "nangok-dong.worker", "/api/referrals?limit=20"),
            new("referrals page 200 (cursor)", "nangok-dong.worker", "/api/referrals?limit=20&cursor=" + deepCursor),
            new("referrals (private agency)", "sillim-welfare.worker", "/api/referrals?limit=20"),
            new("tasks owned", "nangok-dong.worker", "/api/tasks?owned=true&limit=50"),
            new("tasks district", "gwanak-hub.worker", "/api/tasks?district=true&limit=50"),
            new("tasks district overdue", "gwanak-hub.worker", "/api/tasks?district=true&overdue=true&limit=50"),
            new("reports agencies", "gwanak-hub.worker", "/api/reports/agencies"),
            new("page /inbox", "nangok-dong.worker", "/inbox", Page: true),
            new("page /referrals", "nangok-dong.worker", "/referrals", Page: true),
            new("page /referrals page 200 (cursor)", "nangok-dong.worker", "/referrals?after=" + deepCursor, Page: true),
            new("page /supervisor", "nangok-dong.supervisor", "/supervisor", Page: true),
            new("page /control-tower (hub)", "gwanak-hub.worker", "/control-tower", Page: true),
            new("page /control-tower (owner)", "nangok-dong.worker", "/control-tower", Page: true),
        ];

        var clients = new Dictionary<(string, bool), HttpClient>();
        Console.WriteLine($"| request | user | p50 | p95 |");
        Console.WriteLine($"|---|---|---:|---:|");
        var failed = 0;
        foreach (var request in requests)
        {
            if (!clients.TryGetValue((request.Login, request.Page), out var client))
            {
                client = request.Page ? await BrowserAsync(host, request.Login) : await ApiAsync(host, request.Login);
                clients[(request.Login, request.Page)] = client;
            }

            var times = new List<double>();
            string? error = null;
            for (var run = 0; run < runs + 3 && error is null; run++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(new Uri(request.Path, UriKind.Relative));
                var body = await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                if (!response.IsSuccessStatusCode || (request.Page && response.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/login", StringComparison.Ordinal) == true))
                {
                    error = $"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)[..Math.Min(300, body.Length)]}";
                }
                else if (run >= 3)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            if (error is not null)
            {
                failed++;
                Console.WriteLine($"| {request.Label} | {request.Login} | failed: {error} | |");
                continue;
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{Shorten(request.Path)}` {request.Label} | {request.Login} | {Percentile(times, 0.5):N0} ms | {Percentile(times, 0.95):N0} ms |"));
        }

        return failed == 0 ? 0 : 1;
    }

    private static string Shorten(string path) => path.Contains("cursor=", StringComparison.Ordinal) ? path[..(path.IndexOf("cursor=", StringComparison.Ordinal) + 7)] + "…" : path;

    // Nearest-rank percentile.
    private static double Percentile(List<double> sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task<string> CursorOfPageAsync(HttpClient client, string path, int page)
    {
        string? cursor = null;
        for (var p = 1; p < page; p++)
        {
            var json = await client.GetFromJsonAsync<JsonElement>(path + (cursor is null ? "" : "&cursor=" + cursor));
            cursor = json.GetProperty("nextCursor").GetString() ?? throw new InvalidOperationException($"{path} has fewer than {page} pages.");
        }

        return cursor ?? "";
    }

    private static async Task<HttpClient> ApiAsync(WebApplicationFactory<UnitOfWork> host, string login)
    {
        var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = DemoData.Email(login), password = DemoData.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<HttpClient> BrowserAsync(WebApplicationFactory<UnitOfWork> host, string login)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = true });
        using var response = await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = DemoData.Email(login), password = DemoData.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }
}
