using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReferralFlow.Host.Features.Demo;

namespace ReferralFlow.Host.Tests.Infrastructure;

/// <summary>
/// The served OpenAPI document against the running host, walked operation by operation so it cannot drift: names,
/// operation ids, bodies built from the documented required fields, unknown fields and parameters, and every answer's
/// status and properties.
/// </summary>
public sealed class OpenApiContractTests(OpenApiHostFixture host) : IClassFixture<OpenApiHostFixture>
{
    private const string Unknown = "unexpectedField";

    // Use-case records are nested (OpenReferral.Request); these bare names mean two types collided.
    private static readonly string[] AmbiguousNames = ["Request", "Response", "Item", "Entry", "Row", "Payload", "Query"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_schema_name_is_descriptive_resolves_and_stands_for_one_type()
    {
        var document = await host.DocumentAsync();

        var shared = host.SchemaTypes.Where(s => s.Value.Count > 1).Select(s => $"{s.Key}: {string.Join(", ", s.Value.Keys.Select(t => t.FullName))}");
        Assert.Empty(shared);
        Assert.Empty(document.Schemas.Keys.Intersect(AmbiguousNames));
        var references = System.Text.RegularExpressions.Regex.Matches(document.Root.GetRawText(), "\"#/components/schemas/(?<name>[^\"]+)\"")
            .Select(m => m.Groups["name"].Value).Distinct();
        Assert.DoesNotContain(references, r => !document.Schemas.ContainsKey(r));
        Assert.Contains("OpenReferralRequest", document.Schemas.Keys);
        Assert.Contains("CompleteTaskRequest", document.Schemas.Keys);
        Assert.Contains("LoginRequest", document.Schemas.Keys);
    }

    [Fact]
    public async Task Every_operation_has_a_unique_id_and_lists_its_problem_responses()
    {
        var document = await host.DocumentAsync();
        var operations = document.Operations.ToList();

        Assert.All(operations, o => Assert.False(string.IsNullOrEmpty(o.OperationId), $"{o} has no operationId"));
        Assert.Empty(operations.GroupBy(o => o.OperationId).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(operations, o =>
        {
            Assert.Contains("400", o.DocumentedStatuses);
            Assert.True(!o.IsSecured || o.DocumentedStatuses.Contains("401"), $"{o} is secured but documents no 401");
            foreach (var status in o.DocumentedStatuses.Where(s => s[0] is '4' or '5'))
            {
                Assert.True(o.Content(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)).ContainsKey("application/problem+json"), $"{o} {status} is not problem details");
            }
        });
        Assert.Contains("429", operations.Single(o => o.OperationId == "Login").DocumentedStatuses);
    }

    [Fact]
    public async Task A_client_opens_a_referral_from_the_documented_example_and_each_required_field_is_needed()
    {
        var document = await host.DocumentAsync();
        var open = document.Operations.Single(o => o.OperationId == "OpenReferral");
        var (schema, example) = open.JsonBody!.Value;
        var samples = await host.SamplesAsync(document);

        var response = await host.CallAsync(open, samples, example, login: "nangok-dong.worker");

        await AssertDocumentedAsync(document, open, response, HttpStatusCode.Created);
        Assert.Equal(["consent", "household", "workflowKey"], document.Required(schema).Order(StringComparer.Ordinal));
        foreach (var path in RequiredPaths(document, schema, example!))
        {
            var without = example!.DeepClone();
            Remove(without, path);
            var refused = await host.CallAsync(open, samples, without, login: "nangok-dong.worker");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(path, await ErrorKeysAsync(refused));
        }
    }

    [Fact]
    public async Task A_client_completes_a_task_with_the_documented_example()
    {
        var document = await host.DocumentAsync();
        var complete = document.Operations.Single(o => o.OperationId == "CompleteTask");
        var samples = await host.SamplesAsync(document);

        var response = await host.CallAsync(complete, samples, complete.JsonBody!.Value.Example, login: "nangok-dong.worker");

        await AssertDocumentedAsync(document, complete, response, HttpStatusCode.OK);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("completed", answer.GetProperty("task").GetProperty("status").GetString());
        Assert.NotEmpty(answer.GetProperty("nextTasks").EnumerateArray());
    }

    [Fact]
    public async Task The_login_example_has_the_documented_shape_and_signs_in_with_a_real_password()
    {
        var document = await host.DocumentAsync();
        var login = document.Operations.Single(o => o.OperationId == "Login");
        var example = login.JsonBody!.Value.Example!;
        var samples = new Samples(Guid.Empty, Guid.Empty, 0);

        var wrong = await host.CallAsync(login, samples, example);
        example["password"] = DemoData.Password;
        var right = await host.CallAsync(login, samples, example);

        await AssertDocumentedAsync(document, login, wrong, HttpStatusCode.Unauthorized);
        await AssertDocumentedAsync(document, login, right, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_of_only_the_documented_required_fields_is_never_refused_for_a_missing_field()
    {
        var document = await host.DocumentAsync();
        var samples = await host.SamplesAsync(document);

        foreach (var operation in document.Operations.Where(o => o.JsonBody is not null))
        {
            var (schema, example) = operation.JsonBody!.Value;
            var body = document.Build(schema, example);

            var response = await host.CallAsync(operation, samples, body, login: OpenApiHostFixture.CallerOf(operation));

            Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                var missing = (await ErrorKeysAsync(response)).Select(k => document.MissingProperty(schema, body, k)).OfType<string>();
                Assert.True(!missing.Any(), $"{operation} refused {body?.ToJsonString()} for {string.Join(", ", missing)}, which the document does not require");
            }

            await AssertDocumentedAsync(document, operation, response);
        }
    }

    [Fact]
    public async Task Every_documented_request_media_type_is_accepted()
    {
        var document = await host.DocumentAsync();
        var samples = await host.SamplesAsync(document);

        foreach (var operation in document.Operations.Where(o => o.Element.TryGetProperty("requestBody", out _)))
        {
            var client = await host.ClientForAsync(operation, OpenApiHostFixture.CallerOf(operation));
            foreach (var media in operation.Element.GetProperty("requestBody").GetProperty("content").EnumerateObject())
            {
                var body = media.Name == "application/json"
                    ? document.Build(media.Value.GetProperty("schema"), operation.JsonBody!.Value.Example)!.ToJsonString()
                    : "<definitions/>";
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), samples.Fill(operation))
                {
                    Content = new StringContent(body, System.Text.Encoding.UTF8, media.Name),
                };

                var response = await client.SendAsync(request, Ct);

                Assert.True(response.StatusCode != HttpStatusCode.UnsupportedMediaType, $"{operation} refused its documented {media.Name}");
                await AssertDocumentedAsync(document, operation, response);
            }
        }
    }

    [Fact]
    public async Task An_unknown_json_property_is_a_400_naming_it_on_every_operation_with_a_body()
    {
        var document = await host.DocumentAsync();
        var samples = await host.SamplesAsync(document);

        foreach (var operation in document.Operations.Where(o => o.JsonBody is not null))
        {
            var (schema, example) = operation.JsonBody!.Value;
            var body = document.Build(schema, example) as JsonObject ?? [];
            body[Unknown] = 1;

            var response = await host.CallAsync(operation, samples, body, login: OpenApiHostFixture.CallerOf(operation));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{operation} answered {response.StatusCode} to an unknown property");
            Assert.Contains(Unknown, await ErrorKeysAsync(response));
            await AssertDocumentedAsync(document, operation, response);
        }
    }

    [Fact]
    public async Task Every_read_answers_a_documented_status_with_only_documented_properties()
    {
        var document = await host.DocumentAsync();
        var samples = await host.SamplesAsync(document);

        foreach (var operation in document.Operations.Where(o => o.Method == "get"))
        {
            var response = await host.CallAsync(operation, samples, null, login: OpenApiHostFixture.CallerOf(operation));

            Assert.True(response.IsSuccessStatusCode, $"{operation} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
            await AssertDocumentedAsync(document, operation, response);
        }
    }

    [Fact]
    public async Task An_unknown_query_parameter_is_a_400_naming_it_and_every_documented_one_is_known()
    {
        var document = await host.DocumentAsync();
        var samples = await host.SamplesAsync(document);

        foreach (var operation in document.Operations)
        {
            var caller = OpenApiHostFixture.CallerOf(operation);
            var body = operation.JsonBody is { } json ? document.Build(json.Schema, json.Example) : null;

            var response = await host.CallAsync(operation, samples, body, $"?{Unknown}=1", caller);

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{operation} answered {response.StatusCode} to an unknown query parameter");
            Assert.Contains(Unknown, await ErrorKeysAsync(response));
            if (operation.Method != "get")
            {
                continue;
            }

            foreach (var parameter in operation.Parameters("query"))
            {
                var name = parameter.GetProperty("name").GetString()!;
                var value = document.Build(parameter.GetProperty("schema"), null)!.ToString();
                var answer = await host.CallAsync(operation, samples, null, $"?{name}={Uri.EscapeDataString(value)}", caller);
                var problem = answer.StatusCode == HttpStatusCode.BadRequest ? await answer.Content.ReadAsStringAsync(Ct) : "";
                Assert.DoesNotContain("unknown-query-parameter", problem, StringComparison.Ordinal);
                await AssertDocumentedAsync(document, operation, answer);
            }
        }
    }

    [Fact]
    public async Task Every_secured_operation_answers_an_anonymous_caller_with_the_documented_401()
    {
        var document = await host.DocumentAsync();
        var samples = await host.SamplesAsync(document);

        foreach (var operation in document.Operations.Where(o => o.IsSecured))
        {
            var response = await host.CallAsync(operation, samples, null);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{operation} answered {response.StatusCode} to an anonymous caller");
            await AssertDocumentedAsync(document, operation, response);
        }
    }

    /// <summary>The status is documented, the media type is one documented for it, and a JSON body has only documented properties.</summary>
    private static async Task AssertDocumentedAsync(OpenApiDocument document, OpenApiOperation operation, HttpResponseMessage response, HttpStatusCode? expected = null)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        if (expected is { } status)
        {
            Assert.True(status == response.StatusCode, $"{operation}: expected {status}, got {response.StatusCode}: {text}");
        }

        var code = (int)response.StatusCode;
        Assert.True(operation.DocumentedStatuses.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{operation} answered the undocumented {code}: {text}");
        var content = operation.Content(code);
        if (text.Length == 0 || content.Count == 0)
        {
            return;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        Assert.True(content.ContainsKey(mediaType), $"{operation} {code} answered {mediaType}, documented {string.Join(", ", content.Keys)}");
        if (mediaType is "application/json" or "application/problem+json" && content[mediaType].ValueKind == JsonValueKind.Object)
        {
            Assert.Empty(document.Mismatches(JsonDocument.Parse(text).RootElement, content[mediaType]).Select(m => $"{operation} {code}: {m}"));
        }
    }

    private static async Task<List<string>> ErrorKeysAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [];
    }

    // The dotted paths of the required properties the example has, nested ones included (household.name).
    private static IEnumerable<string> RequiredPaths(OpenApiDocument document, JsonElement schema, JsonNode example, string prefix = "")
    {
        var resolved = document.Resolve(schema);
        foreach (var name in document.Required(resolved))
        {
            yield return prefix + name;
            if (example[name] is JsonObject inner && resolved.GetProperty("properties").GetProperty(name) is var property
                && document.Resolve(property).TryGetProperty("properties", out _))
            {
                foreach (var path in RequiredPaths(document, property, inner, $"{prefix}{name}."))
                {
                    yield return path;
                }
            }
        }
    }

    private static void Remove(JsonNode body, string path)
    {
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(body, (node, part) => node[part]!);
        parent.AsObject().Remove(parts[^1]);
    }
}
