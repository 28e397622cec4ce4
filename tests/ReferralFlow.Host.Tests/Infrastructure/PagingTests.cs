using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Tests.Features.Tasks;

namespace ReferralFlow.Host.Tests.Infrastructure;

/// <summary>The one paging convention of every list: <c>limit</c>, an opaque <c>cursor</c>, <c>{ items, nextCursor, total }</c>.</summary>
public sealed class PagingTests(OpenApiHostFixture host) : IClassFixture<OpenApiHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_list_pages_by_cursor_through_the_same_items_in_the_same_order_as_one_page()
    {
        var document = await host.DocumentAsync();
        var samples = await host.SamplesAsync(document);
        // Tasks with deadlines (visit) and without (clean, meals), opened at the same instant: ties are broken by id.
        for (var i = 0; i < 3; i++)
        {
            await TaskTestData.OpenReferralAsync(host);
            await TaskTestData.OpenReferralAsync(host, workflowKey: TaskTestData.ParallelKey);
        }

        var worker = await host.ClientAsync("nangok-dong.worker");
        for (var i = 0; i < 3; i++)
        {
            (await worker.PostAsJsonAsync($"/api/referrals/{samples.ReferralId}/notes", new { text = $"메모 {i}" }, Ct)).EnsureSuccessStatusCode();
        }

        var lists = document.Operations.Where(o => o.Method == "get" && o.Parameters("query").Select(p => p.GetProperty("name").GetString()).ToHashSet() is var names
            && names.Contains("limit") && names.Contains("cursor")).ToList();
        var longer = new List<string>();
        foreach (var list in lists)
        {
            var client = await host.ClientAsync(OpenApiHostFixture.CallerOf(list));
            var url = samples.Fill(list);

            var first = await client.GetFromJsonAsync<JsonElement>($"{url}?limit=200", Ct);
            var whole = await client.GetAllItemsAsync($"{url}?limit=200");
            var paged = await client.GetAllItemsAsync($"{url}?limit=3");

            var items = whole.Select(i => i.GetRawText()).ToList();
            Assert.True(items.SequenceEqual(paged.Select(i => i.GetRawText())), $"{list}: paging by 3 differs from paging by 200");
            Assert.Equal(items.Count > 200, first.TryGetProperty("nextCursor", out _));
            if (first.TryGetProperty("total", out var total))
            {
                Assert.Equal(items.Count, total.GetInt32());
            }

            if (items.Count > 2)
            {
                longer.Add(list.OperationId!);
            }
        }

        Assert.Subset(longer.ToHashSet(), new HashSet<string> { "ListTasks", "ListReferrals", "GetTimeline", "ListNotes", "ListAgencies" });
    }

    [Fact]
    public async Task A_referral_opened_between_two_pages_neither_repeats_nor_hides_an_item_of_the_next_page()
    {
        var document = await host.DocumentAsync();
        for (var i = 0; i < 4; i++)
        {
            await TaskTestData.OpenReferralAsync(host);
        }

        var worker = await host.ClientAsync("nangok-dong.worker");
        var before = await worker.GetAllItemsAsync("/api/referrals?limit=200");

        var first = await worker.GetFromJsonAsync<JsonElement>("/api/referrals?limit=2", Ct);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.SamplesAsync(document);
        var rest = new List<JsonElement>();
        for (var cursor = first.GetProperty("nextCursor").GetString(); cursor is not null;)
        {
            var page = await worker.GetFromJsonAsync<JsonElement>($"/api/referrals?limit=2&cursor={cursor}", Ct);
            rest.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }

        var seen = first.GetProperty("items").EnumerateArray().Concat(rest).Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(before.Select(r => r.GetProperty("id").GetGuid()), seen);
    }

    [Theory]
    [InlineData("/api/tasks?limit=0", "limit")]
    [InlineData("/api/tasks?limit=201", "limit")]
    [InlineData("/api/referrals?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/tasks?cursor=WyJob2FyZGluZy1ob3VzZWhvbGQiXQ", "cursor")]
    [InlineData("/api/referrals?page=2&pageSize=10", "page")]
    public async Task A_bad_limit_or_cursor_or_an_old_paging_parameter_is_400_naming_it(string url, string field)
    {
        var worker = await host.ClientAsync("nangok-dong.worker");

        var response = await worker.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }
}
