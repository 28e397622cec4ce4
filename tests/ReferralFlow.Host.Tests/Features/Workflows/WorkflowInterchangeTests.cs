using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Templates;

namespace ReferralFlow.Host.Tests.Features.Workflows;

/// <summary>Documents from other tools: their encodings, broken ids, and issues in the caller's language.</summary>
public sealed class WorkflowInterchangeTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Designer = "gwanak-hub.designer";

    private static readonly Encoding EucKr = CodePagesEncodingProvider.Instance.GetEncoding(949)!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A bundled template under another key, declared (and, by the caller, encoded) as EUC-KR.</summary>
    private static string EucKrCopy(string key) =>
        BundledTemplates.Find("hoarding-household")!.Xml
            .Replace("\"hoarding-household\"", $"\"{key}\"", StringComparison.Ordinal)
            .Replace("encoding=\"UTF-8\"", "encoding=\"EUC-KR\"", StringComparison.Ordinal);

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Fact]
    public async Task An_EUC_KR_copy_of_a_template_round_trips_through_create_and_download_with_its_Korean_names()
    {
        var client = await host.SignInAsync(Designer);
        var xml = EucKrCopy("hoarding-euc-kr");
        Assert.Contains("encoding=\"EUC-KR\"", xml, StringComparison.Ordinal);

        var created = await client.PostAsync("/api/workflows", Bytes(EucKr.GetBytes(xml), "application/xml"), Ct);
        using var download = new HttpRequestMessage(HttpMethod.Get, "/api/workflows/hoarding-euc-kr/draft");
        download.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        var downloaded = await client.SendAsync(download, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(body.GetProperty("validation").GetProperty("valid").GetBoolean());
        Assert.Equal("utf-8", downloaded.Content.Headers.ContentType?.CharSet);
        var text = Encoding.UTF8.GetString(await downloaded.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(xml.Replace("encoding=\"EUC-KR\"", "encoding=\"UTF-8\"", StringComparison.Ordinal), text);
        Assert.Contains("name=\"쓰레기집 가구 공동개입\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_sent_with_charset_euc_kr_is_read_in_that_charset()
    {
        var client = await host.SignInAsync(Designer);
        var xml = BundledTemplates.Find("hoarding-household")!.Xml;

        var response = await client.PostAsync("/api/workflows/validate", Bytes(EucKr.GetBytes(xml), "application/xml; charset=euc-kr"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Bytes_that_cannot_be_decoded_are_400_with_their_line_and_nothing_is_stored()
    {
        var client = await host.SignInAsync(Designer);
        var bytes = Encoding.UTF8.GetBytes(TestBpmn.Simple("broken-bytes")).ToList();
        bytes.InsertRange(bytes.ToArray().AsSpan().IndexOf("가정"u8), [0xC0, 0xC1]);

        var response = await client.PostAsync("/api/workflows", Bytes([.. bytes], "application/xml"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("encoding-invalid", problem.GetProperty("code").GetString());
        Assert.Equal(11, problem.GetProperty("line").GetInt32());
        Assert.Contains("바이트", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/workflows/broken-bytes/draft", Ct)).StatusCode);
    }

    [Fact]
    public async Task Two_sequence_flows_with_the_same_id_are_reported_on_validate_create_and_save_never_500()
    {
        var client = await host.SignInAsync(Designer);
        var xml = TestBpmn.Simple("twin-flows").Replace("id=\"Flow_2\"", "id=\"Flow_1\"", StringComparison.Ordinal);

        var validated = await client.PostAsync("/api/workflows/validate", TestBpmn.Xml(xml), Ct);
        var created = await client.PostAsync("/api/workflows", TestBpmn.Xml(xml), Ct);
        var saved = await client.SendAsync(TestBpmn.Put("/api/workflows/twin-flows/draft", xml, ifMatch: 1), Ct);

        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var issue = Assert.Single((await validated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("issues").EnumerateArray());
        Assert.Equal(("duplicate-id", "Flow_1", 12), (issue.GetProperty("code").GetString(), issue.GetProperty("elementId").GetString(), issue.GetProperty("line").GetInt32()));
    }

    [Fact]
    public async Task Issues_are_Korean_by_default_and_English_on_the_language_switch_with_the_same_code_and_arguments()
    {
        var client = await host.SignInAsync(Designer);
        var xml = TestBpmn.Simple("plumbing-flow", role: "plumbing");

        var korean = await ValidateAsync(client, xml, language: null);
        var english = await ValidateAsync(client, xml, language: "en");

        Assert.Equal("unknown-role", korean.GetProperty("code").GetString());
        Assert.Equal("사용자 과업 '가정 방문'의 역할 'plumbing'은(는) 알 수 없는 역할입니다.", korean.GetProperty("message").GetString());
        Assert.Equal("User task '가정 방문' has role 'plumbing', which is not a known role.", english.GetProperty("message").GetString());
        Assert.Equal("plumbing", english.GetProperty("arguments").GetProperty("role").GetString());
    }

    [Fact]
    public async Task The_workflow_endpoints_problems_are_coded_and_Korean_by_default()
    {
        var client = await host.SignInAsync(Designer);

        var noVersion = await client.GetAsync("/api/workflows/hoarding-household/versions/99", Ct);
        var mediaType = await client.PostAsync("/api/workflows/validate", new StringContent("x", Encoding.UTF8, "text/plain"), Ct);
        var noRevision = await client.PutAsync("/api/workflows/hoarding-household/draft", TestBpmn.Xml(TestBpmn.Simple("hoarding-household")), Ct);
        var exists = await client.PostAsync("/api/workflows", TestBpmn.Xml(TestBpmn.Simple("hoarding-household")), Ct);
        var badJson = await client.PostAsync("/api/workflows/validate", new StringContent("{ \"xml\": 3 }", Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(noVersion, HttpStatusCode.NotFound, "workflow-version-not-published", "게시된 99 버전");
        await AssertProblemAsync(mediaType, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "지원하지 않는");
        await AssertProblemAsync(noRevision, HttpStatusCode.PreconditionRequired, "version-required", "판 번호");
        await AssertProblemAsync(exists, HttpStatusCode.Conflict, "workflow-exists", "이미 있습니다");
        await AssertProblemAsync(badJson, HttpStatusCode.BadRequest, "invalid-request", "JSON 본문");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string koreanPart)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Contains(koreanPart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ValidateAsync(HttpClient client, string xml, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workflows/validate") { Content = TestBpmn.Xml(xml) };
        if (language is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", $"lang={language}");
        }

        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("issues").EnumerateArray());
    }
}
