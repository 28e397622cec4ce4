using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReferralFlow.Host.Tests.Infrastructure;

/// <summary>One operation of the served OpenAPI document.</summary>
public sealed record OpenApiOperation(string Path, string Method, JsonElement Element)
{
    public string? OperationId => Element.TryGetProperty("operationId", out var id) ? id.GetString() : null;

    public override string ToString() => $"{Method.ToUpperInvariant()} {Path} ({OperationId})";

    public bool IsSecured => Element.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;

    public IEnumerable<JsonElement> Parameters(string location) =>
        Element.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == location)
            : [];

    /// <summary>The schema and example of the JSON request body, if the operation documents one.</summary>
    public (JsonElement Schema, JsonNode? Example)? JsonBody =>
        Element.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json)
            ? (json.GetProperty("schema"), json.TryGetProperty("example", out var example) ? JsonNode.Parse(example.GetRawText()) : null)
            : null;

    public IEnumerable<string> DocumentedStatuses => Element.GetProperty("responses").EnumerateObject().Select(r => r.Name);

    /// <summary>The documented media types of a status (empty when the response has no body).</summary>
    public IReadOnlyDictionary<string, JsonElement> Content(int status) =>
        Element.GetProperty("responses").TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var response)
        && response.TryGetProperty("content", out var content)
            ? content.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.TryGetProperty("schema", out var s) ? s : default)
            : new Dictionary<string, JsonElement>();
}

/// <summary>
/// The served OpenAPI document as JSON, and what the contract tests derive from it: operations, request bodies built
/// from the documented required fields, and checks of answers against the documented schemas.
/// </summary>
public sealed class OpenApiDocument(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public IReadOnlyDictionary<string, JsonElement> Schemas { get; } =
        root.GetProperty("components").GetProperty("schemas").EnumerateObject().ToDictionary(s => s.Name, s => s.Value);

    public IEnumerable<OpenApiOperation> Operations =>
        Root.GetProperty("paths").EnumerateObject().SelectMany(path =>
            path.Value.EnumerateObject().Select(op => new OpenApiOperation(path.Name, op.Name, op.Value)));

    /// <summary>Follows <c>$ref</c> and drops the <c>null</c> alternative of a nullable <c>oneOf</c>.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        while (true)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                schema = Schemas[reference.GetString()!["#/components/schemas/".Length..]];
            }
            else if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().FirstOrDefault(s => !IsNull(s)) is { ValueKind: JsonValueKind.Object } other)
            {
                schema = other;
            }
            else
            {
                return schema;
            }
        }
    }

    /// <summary>The required properties of an object schema, with those of its first <c>anyOf</c> alternative.</summary>
    public IReadOnlyList<string> Required(JsonElement schema)
    {
        var resolved = Resolve(schema);
        var required = resolved.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(r => r.GetString()!).ToList() : [];
        if (resolved.TryGetProperty("anyOf", out var anyOf) && anyOf[0].TryGetProperty("required", out var first))
        {
            required.AddRange(first.EnumerateArray().Select(r => r.GetString()!));
        }

        return required;
    }

    public static IReadOnlySet<string> Properties(JsonElement resolved) =>
        resolved.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToHashSet() : new HashSet<string>();

    /// <summary>
    /// A value for <paramref name="schema"/> with only its required properties, taken from <paramref name="example"/>
    /// where the example has them, else made up from the type and format.
    /// </summary>
    public JsonNode? Build(JsonElement schema, JsonNode? example)
    {
        var resolved = Resolve(schema);
        var type = Type(resolved);
        if (type == "object" && resolved.TryGetProperty("properties", out var properties))
        {
            var value = new JsonObject();
            foreach (var name in Required(resolved))
            {
                value[name] = Build(properties.GetProperty(name), (example as JsonObject)?[name]);
            }

            return value;
        }

        if (example is not null)
        {
            return example.DeepClone();
        }

        if (resolved.TryGetProperty("enum", out var values))
        {
            return JsonNode.Parse(values[0].GetRawText());
        }

        var format = resolved.TryGetProperty("format", out var f) ? f.GetString() : null;
        return type switch
        {
            "object" => new JsonObject(),
            "array" => new JsonArray(),
            "integer" or "number" => 1,
            "boolean" => false,
            "string" when format == "date-time" => "2026-03-01T09:00:00+09:00",
            "string" when format == "date" => "2026-03-01",
            "string" when format == "uuid" => Guid.NewGuid().ToString(),
            _ => "x",
        };
    }

    /// <summary>
    /// The first documented property an error key names that <paramref name="sent"/> does not have, e.g.
    /// <c>household.name</c> or <c>allocations[0].roleKey</c>; null when the key names a sent property, one with a
    /// documented default, a value inside a free-form object (an outcome form's field) or nothing documented.
    /// </summary>
    public string? MissingProperty(JsonElement schema, JsonNode? sent, string errorKey)
    {
        var current = Resolve(schema);
        var node = sent;
        var path = new List<string>();
        foreach (var segment in errorKey.Split('.'))
        {
            var name = segment.Contains('[', StringComparison.Ordinal) ? segment[..segment.IndexOf('[', StringComparison.Ordinal)] : segment;
            if (!current.TryGetProperty("properties", out var properties) || !properties.TryGetProperty(name, out var property))
            {
                return null;
            }

            path.Add(name);
            var resolved = Resolve(property);
            if ((node as JsonObject)?.ContainsKey(name) != true)
            {
                // An absent property with a documented default has that value, so an error about it is about the value;
                // an error deeper inside a free-form object (an outcome form's field) names a key the schema cannot list.
                var freeForm = !resolved.TryGetProperty("properties", out _) && Type(resolved) == "object";
                return property.TryGetProperty("default", out _) || (freeForm && path.Count < errorKey.Split('.').Length) ? null : string.Join('.', path);
            }

            node = node![name];
            current = resolved;
            if (segment.Contains('[', StringComparison.Ordinal) && current.TryGetProperty("items", out var items))
            {
                current = Resolve(items);
                node = (node as JsonArray)?.FirstOrDefault();
            }
        }

        return null;
    }

    /// <summary>
    /// Every property of <paramref name="value"/> is documented in <paramref name="schema"/>, and every documented required
    /// property is there, all the way down; the problems found, by JSON path.
    /// </summary>
    public IEnumerable<string> Mismatches(JsonElement value, JsonElement schema, string path = "$")
    {
        var resolved = Resolve(schema);
        if (value.ValueKind == JsonValueKind.Object && resolved.TryGetProperty("properties", out _))
        {
            var documented = Properties(resolved);
            var closed = resolved.TryGetProperty("additionalProperties", out var more) && more.ValueKind == JsonValueKind.False;
            foreach (var property in value.EnumerateObject())
            {
                if (!documented.Contains(property.Name))
                {
                    if (closed)
                    {
                        yield return $"{path}.{property.Name} is not documented";
                    }

                    continue;
                }

                foreach (var inner in Mismatches(property.Value, resolved.GetProperty("properties").GetProperty(property.Name), $"{path}.{property.Name}"))
                {
                    yield return inner;
                }
            }

            foreach (var required in resolved.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(r => r.GetString()!) : [])
            {
                if (!value.TryGetProperty(required, out _))
                {
                    yield return $"{path}.{required} is documented as required but missing";
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && resolved.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                foreach (var inner in Mismatches(item, items, $"{path}[{i++}]"))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string? Type(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? (schema.TryGetProperty("properties", out _) ? "object" : null)
        : type.ValueKind == JsonValueKind.String ? type.GetString()
        : type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t is not ("null" or "string"))
            ?? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null");

    private static bool IsNull(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";
}
