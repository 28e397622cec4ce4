using System.Net.Http.Json;
using System.Text.Json;

namespace ReferralFlow.Host.Tests.Infrastructure;

/// <summary>Reading the API's paged lists (<c>{ items, nextCursor, total }</c>).</summary>
public static class ApiLists
{
    /// <summary>Every item of a list, following <c>nextCursor</c> page by page.</summary>
    public static async Task<JsonElement[]> GetAllItemsAsync(this HttpClient client, string url)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await client.GetFromJsonAsync<JsonElement>(
                cursor is null ? url : $"{url}{separator}cursor={Uri.EscapeDataString(cursor)}", TestContext.Current.CancellationToken);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        return [.. items];
    }
}
