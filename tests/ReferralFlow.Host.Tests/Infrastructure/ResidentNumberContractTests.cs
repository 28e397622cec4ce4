using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReferralFlow.Host.Tests.Features.Retention;

namespace ReferralFlow.Host.Tests.Infrastructure;

/// <summary>
/// The resident-number guard over the whole API, driven by the served OpenAPI document so a new endpoint or field cannot
/// be forgotten: every string property of every JSON request body (nested objects, arrays and maps included) gets a
/// resident registration number, and the answer must be a 400 naming that field — and nothing may be stored.
/// </summary>
public sealed class ResidentNumberContractTests(OpenApiHostFixture host) : IClassFixture<OpenApiHostFixture>
{
    private const string ResidentNumber = "800101-1234567";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_resident_number_in_any_string_field_of_any_request_body_is_a_400_naming_the_field_and_is_never_stored()
    {
        var document = await host.DocumentAsync();
        var samples = await host.SamplesAsync(document);
        var failures = new List<string>();
        var checkedFields = 0;

        foreach (var operation in document.Operations.Where(o => o.JsonBody is not null))
        {
            var (schema, example) = operation.JsonBody!.Value;
            var valid = example?.DeepClone() ?? document.Build(schema, null) ?? new JsonObject();
            foreach (var path in StringPaths(document, schema, valid, ""))
            {
                var body = valid.DeepClone();
                Set(body, path.Segments, path.Value);
                checkedFields++;

                var response = await host.CallAsync(operation, samples, body, login: OpenApiHostFixture.CallerOf(operation));

                var text = await response.Content.ReadAsStringAsync(Ct);
                var keys = response.StatusCode == HttpStatusCode.BadRequest ? ErrorKeys(text) : [];
                if (!keys.Any(k => k == path.Name || k.StartsWith(path.Name + ".", StringComparison.Ordinal) || k.StartsWith(path.Name + "[", StringComparison.Ordinal)))
                {
                    failures.Add($"{operation} {path.Name}: {(int)response.StatusCode} {Shorten(text)}");
                }
            }
        }

        Assert.True(checkedFields > 40, $"only {checkedFields} string fields found");
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedFields} fields:\n" + string.Join("\n", failures));
        Assert.Empty(await DatabaseSearch.FindAsync(host.ConnectionString, [ResidentNumber, ResidentNumber.Replace("-", "", StringComparison.Ordinal)], Ct));
    }

    /// <summary>A string field to fill: its JSON path as the problem names it, the segments to set, and the value to put there.</summary>
    private sealed record StringPath(string Name, IReadOnlyList<object> Segments, JsonNode Value);

    // Every property whose value is or contains text: strings, arrays of strings, string maps, free JSON (outcomes,
    // variables) and the objects that hold them. Free objects and maps are filled under a key the example uses, so the
    // value reaches the field checks (an outcome form's text field) rather than the unknown-key check.
    private static IEnumerable<StringPath> StringPaths(OpenApiDocument document, JsonElement schema, JsonNode? example, string prefix)
    {
        var resolved = document.Resolve(schema);
        if (!resolved.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var name = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            var inner = document.Resolve(property.Value);
            var type = TypeOf(inner);
            var current = (example as JsonObject)?[property.Name];
            var segments = name.Split('.');
            if (type == "string")
            {
                yield return new StringPath(name, segments, ResidentNumber);
            }
            else if (type == "array" && inner.TryGetProperty("items", out var items))
            {
                var item = document.Resolve(items);
                if (TypeOf(item) == "string")
                {
                    yield return new StringPath(name, segments, new JsonArray(ResidentNumber));
                }
                else if (item.TryGetProperty("properties", out _))
                {
                    foreach (var nested in StringPaths(document, items, (current as JsonArray)?.FirstOrDefault(), ""))
                    {
                        var element = (current as JsonArray)?.FirstOrDefault()?.DeepClone() as JsonObject ?? new JsonObject();
                        Set(element, nested.Segments, nested.Value);
                        yield return new StringPath($"{name}[0].{nested.Name}", segments, new JsonArray(element));
                    }
                }
            }
            else if (inner.TryGetProperty("properties", out _))
            {
                foreach (var nested in StringPaths(document, property.Value, current, name))
                {
                    yield return nested;
                }
            }
            else if (type is "object" or null && (inner.TryGetProperty("additionalProperties", out _) || type is null))
            {
                var key = (current as JsonObject)?.FirstOrDefault(p => p.Value?.GetValueKind() == JsonValueKind.String).Key ?? "1";
                var map = current?.DeepClone() as JsonObject ?? new JsonObject();
                map[key] = ResidentNumber;
                yield return new StringPath(name, segments, map);
            }
        }
    }

    private static string? TypeOf(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? null
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
        : type.GetString();

    private static void Set(JsonNode body, IReadOnlyList<object> segments, JsonNode value)
    {
        var node = body.AsObject();
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var key = (string)segments[i];
            if (node[key] is not JsonObject next)
            {
                next = [];
                node[key] = next;
            }

            node = next;
        }

        node[(string)segments[^1]] = value.DeepClone();
    }

    private static List<string> ErrorKeys(string problem)
    {
        try
        {
            using var json = JsonDocument.Parse(problem);
            return json.RootElement.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] : text;
}
