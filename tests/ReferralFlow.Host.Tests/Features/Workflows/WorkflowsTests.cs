using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Workflows;

public sealed class WorkflowsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Designer = "gwanak-hub.designer";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bundled_templates_are_published_as_version_1_on_first_start()
    {
        var client = await host.SignInAsync("nangok-dong.worker");

        var list = await client.GetAllItemsAsync("/api/workflows");
        var versions = await client.GetAllItemsAsync("/api/workflows/hoarding-household/versions");

        var published = list.Where(w => w.TryGetProperty("latestVersion", out var v) && v.GetInt32() == 1)
            .Select(w => w.GetProperty("key").GetString()).ToList();
        Assert.Contains("hoarding-household", published);
        Assert.Contains("integrated-case-management", published);
        Assert.Contains("discharge-elderly-alone", published);
        Assert.Equal("system", Assert.Single(versions).GetProperty("publishedBy").GetString());
    }

    [Fact]
    public async Task A_designer_uploads_and_publishes_a_bpmn_file_and_a_second_publish_creates_version_2_leaving_version_1_unchanged()
    {
        var client = await host.SignInAsync(Designer);
        var original = TestBpmn.Simple("home-visit", name: "가정 방문 v1");

        var created = await client.PostAsync("/api/workflows", TestBpmn.Xml(original), Ct);
        var first = await client.PostAsync("/api/workflows/home-visit/publish", null, Ct);
        var saved = await client.SendAsync(TestBpmn.Put("/api/workflows/home-visit/draft", TestBpmn.Simple("home-visit", name: "가정 방문 v2"), ifMatch: 1), Ct);
        var second = await client.PostAsync("/api/workflows/home-visit/publish", null, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("home-visit", body.GetProperty("key").GetString());
        Assert.True(body.GetProperty("validation").GetProperty("valid").GetBoolean());
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(1, (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());

        var v1 = await client.GetFromJsonAsync<JsonElement>("/api/workflows/home-visit/versions/1", Ct);
        var v2 = await client.GetFromJsonAsync<JsonElement>("/api/workflows/home-visit/versions/2", Ct);
        Assert.Equal(original, v1.GetProperty("xml").GetString());
        Assert.Equal("가정 방문 v1", v1.GetProperty("name").GetString());
        Assert.Equal("가정 방문 v2", v2.GetProperty("name").GetString());
        Assert.Equal("dong", Assert.Single(v2.GetProperty("roles").EnumerateArray()).GetProperty("key").GetString());
        var versions = await client.GetAllItemsAsync("/api/workflows/home-visit/versions");
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task A_version_is_served_as_raw_xml_when_asked_for()
    {
        var client = await host.SignInAsync("sillim-welfare.worker");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/workflows/hoarding-household/versions/1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<bpmn:process id=\"hoarding-household\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_body_with_xml_is_accepted_too_and_an_existing_key_is_409()
    {
        var client = await host.SignInAsync(Designer);

        var created = await client.PostAsJsonAsync("/api/workflows", new { xml = TestBpmn.Simple("json-upload") }, Ct);
        var again = await client.PostAsJsonAsync("/api/workflows", new { xml = TestBpmn.Simple("json-upload") }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Saving_a_draft_from_a_stale_revision_is_409_with_the_current_revision()
    {
        var client = await host.SignInAsync(Designer);
        await client.PostAsync("/api/workflows", TestBpmn.Xml(TestBpmn.Simple("stale-draft")), Ct);
        var ours = await client.SendAsync(TestBpmn.Put("/api/workflows/stale-draft/draft", TestBpmn.Simple("stale-draft", name: "A"), ifMatch: 1), Ct);

        var theirs = await client.SendAsync(TestBpmn.Put("/api/workflows/stale-draft/draft", TestBpmn.Simple("stale-draft", name: "B"), ifMatch: 1), Ct);
        var byJsonVersion = await client.PutAsJsonAsync("/api/workflows/stale-draft/draft", new { xml = TestBpmn.Simple("stale-draft", name: "C"), version = 1 }, Ct);
        var withoutRevision = await client.PutAsJsonAsync("/api/workflows/stale-draft/draft", new { xml = TestBpmn.Simple("stale-draft", name: "D") }, Ct);

        Assert.Equal(HttpStatusCode.OK, ours.StatusCode);
        Assert.Equal("\"2\"", ours.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.Conflict, theirs.StatusCode);
        Assert.Equal(2, (await theirs.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("currentVersion").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, byJsonVersion.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutRevision.StatusCode);
        var draft = await client.GetFromJsonAsync<JsonElement>("/api/workflows/stale-draft/draft", Ct);
        Assert.Equal("A", draft.GetProperty("name").GetString());
        Assert.Equal(2, draft.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task A_worker_without_the_designer_role_may_list_and_read_but_not_create_save_or_publish()
    {
        var client = await host.SignInAsync("nangok-dong.worker");

        var list = await client.GetAsync("/api/workflows", Ct);
        var draft = await client.GetAsync("/api/workflows/hoarding-household/draft", Ct);
        var create = await client.PostAsync("/api/workflows", TestBpmn.Xml(TestBpmn.Simple("not-allowed")), Ct);
        var save = await client.SendAsync(TestBpmn.Put("/api/workflows/hoarding-household/draft", TestBpmn.Simple("hoarding-household"), ifMatch: 1), Ct);
        var publish = await client.PostAsync("/api/workflows/hoarding-household/publish", null, Ct);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
    }

    public static TheoryData<string, string> HostileDocuments => new()
    {
        { "billion-laughs", "dtd-prohibited" },
        { "external-entity", "dtd-prohibited" },
        { "oversized", "document-too-large" },
        { "not-xml", "malformed-xml" },
        { "not-bpmn", "not-bpmn" },
        { "empty-definitions", "no-process" },
    };

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public async Task Hostile_or_unreadable_documents_are_400_with_the_parser_code_and_nothing_is_stored(string document, string code)
    {
        var client = await host.SignInAsync(Designer);
        var xml = document switch
        {
            "billion-laughs" => TestBpmn.BillionLaughs,
            "external-entity" => TestBpmn.ExternalEntity,
            "oversized" => TestBpmn.Oversized(),
            "not-xml" => "this is { not xml",
            "not-bpmn" => "<html><body>hello</body></html>",
            _ => "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"D\" />",
        };
        var before = (await client.GetAllItemsAsync("/api/workflows")).Length;

        var response = await client.PostAsync("/api/workflows", TestBpmn.Xml(xml), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, (await client.GetAllItemsAsync("/api/workflows")).Length);
    }

    [Fact]
    public async Task A_body_over_the_request_limit_is_413()
    {
        var client = await host.SignInAsync(Designer);

        var response = await client.PostAsync("/api/workflows", TestBpmn.Xml(new string('x', 6 * 1024 * 1024)), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_invalid_draft_is_saved_with_its_report_but_publishing_it_is_422_naming_the_element()
    {
        var client = await host.SignInAsync(Designer);

        var created = await client.PostAsync("/api/workflows", TestBpmn.Xml(TestBpmn.Simple("no-role", role: null)), Ct);
        var publish = await client.PostAsync("/api/workflows/no-role/publish", null, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var report = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("validation");
        Assert.False(report.GetProperty("valid").GetBoolean());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, publish.StatusCode);
        var issue = Assert.Single((await publish.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("issues").EnumerateArray(),
            i => i.GetProperty("severity").GetString() == "error");
        Assert.Equal("missing-role", issue.GetProperty("code").GetString());
        Assert.Equal("Task_Visit", issue.GetProperty("elementId").GetString());
        Assert.Empty(await client.GetAllItemsAsync("/api/workflows/no-role/versions"));
    }

    [Fact]
    public async Task Validate_reports_a_role_the_district_does_not_allocate_on_its_task()
    {
        var client = await host.SignInAsync(Designer);

        var response = await client.PostAsync("/api/workflows/validate", TestBpmn.Xml(TestBpmn.Simple("plumbing-flow", role: "plumbing")), Ct);
        var known = await client.PostAsJsonAsync("/api/workflows/validate", new { xml = TestBpmn.Simple("dong-flow", role: "dong") }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(report.GetProperty("valid").GetBoolean());
        var issue = Assert.Single(report.GetProperty("issues").EnumerateArray());
        Assert.Equal("unknown-role", issue.GetProperty("code").GetString());
        Assert.Equal("Task_Visit", issue.GetProperty("elementId").GetString());
        Assert.True(issue.GetProperty("line").GetInt32() > 0);
        Assert.True((await known.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Validating_a_saved_draft_does_not_change_it()
    {
        var client = await host.SignInAsync(Designer);
        await client.PostAsync("/api/workflows", TestBpmn.Xml(TestBpmn.Simple("validate-draft")), Ct);

        var report = await client.PostAsync("/api/workflows/validate-draft/validate", null, Ct);
        var draft = await client.GetAsync("/api/workflows/validate-draft/draft", Ct);

        Assert.True((await report.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("valid").GetBoolean());
        Assert.Equal("\"1\"", draft.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_draft_whose_process_id_no_longer_matches_the_key_is_refused()
    {
        var client = await host.SignInAsync(Designer);
        await client.PostAsync("/api/workflows", TestBpmn.Xml(TestBpmn.Simple("renamed")), Ct);

        var response = await client.SendAsync(TestBpmn.Put("/api/workflows/renamed/draft", TestBpmn.Simple("other-key"), ifMatch: 1), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("process-not-found", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_workflows_and_versions_are_404()
    {
        var client = await host.SignInAsync(Designer);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/workflows/nope/draft", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/workflows/hoarding-household/versions/99", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/workflows/nope/publish", null, Ct)).StatusCode);
    }
}
