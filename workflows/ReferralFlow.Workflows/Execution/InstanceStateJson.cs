using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace ReferralFlow.Workflows.Execution;

/// <summary>
/// Compact JSON form of <see cref="InstanceState"/>, stored as a document on the instance row.
/// Written by hand so the format is explicit and stable: enums as names, instants as ISO 8601, optional fields omitted.
/// </summary>
/// <example><c>{"v":1,"status":"Running","nextId":3,"tokens":[{"id":1,"node":"review","state":"AtTask"}],"timers":[{"id":2,"node":"late","due":"2025-03-01T09:00:00+00:00","token":1}],"variables":{"urgent":true},"tasks":1}</c></example>
public static class InstanceStateJson
{
    private const int FormatVersion = 1;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = VariableJson.MaxDepth + 4 };

    /// <summary>Serialises a state to compact JSON.</summary>
    /// <param name="state">The state.</param>
    /// <exception cref="ArgumentException">A variable has a type that is not a variable value.</exception>
    public static string Serialize(InstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            writer.WriteString("status", state.Status.ToString());
            writer.WriteNumber("nextId", state.NextId);
            writer.WriteStartArray("tokens");
            foreach (var token in state.Tokens)
            {
                WriteToken(writer, token);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("timers");
            foreach (var timer in state.Timers)
            {
                WriteTimer(writer, timer);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("variables");
            VariableJson.WriteObject(writer, state.Variables);
            WriteLimits(writer, state);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Reads a state written by <see cref="Serialize"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="JsonException">The text is not a valid instance state document.</exception>
    public static InstanceState Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return Read(document.RootElement);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            // Wrong value kinds (a string where a number belongs) surface as these; callers expect one exception type.
            throw new JsonException($"The instance state is malformed: {ex.Message}", ex);
        }
    }

    private static InstanceState Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("An instance state must be a JSON object.");
        }

        if (root.TryGetProperty("v", out var version) && version.GetInt32() > FormatVersion)
        {
            throw new JsonException($"Instance state format version {version.GetInt32()} is newer than this engine understands ({FormatVersion}).");
        }

        var tokens = ImmutableArray.CreateBuilder<Token>();
        foreach (var token in OptionalArray(root, "tokens"))
        {
            tokens.Add(ReadToken(token));
        }

        var timers = ImmutableArray.CreateBuilder<PendingTimer>();
        foreach (var timer in OptionalArray(root, "timers"))
        {
            timers.Add(ReadTimer(timer));
        }

        var variables = root.TryGetProperty("variables", out var vars) && vars.ValueKind != JsonValueKind.Null
            ? VariableJson.FromJson(vars)
            : new Dictionary<string, object?>();

        return new InstanceState
        {
            Status = ParseEnum<InstanceStatus>(Required(root, "status")),
            NextId = Required(root, "nextId").GetInt32(),
            Tokens = tokens.ToImmutable(),
            Timers = timers.ToImmutable(),
            Variables = variables.ToImmutableDictionary(StringComparer.Ordinal),
            TasksCreated = root.TryGetProperty("tasks", out var tasks) ? tasks.GetInt32() : 0,
            LoopVisits = ReadLoopVisits(root),
        };
    }

    // Optional fields: states written before the limits existed simply start counting from zero.
    private static void WriteLimits(Utf8JsonWriter writer, InstanceState state)
    {
        if (state.TasksCreated != 0)
        {
            writer.WriteNumber("tasks", state.TasksCreated);
        }

        if (state.LoopVisits.Count > 0)
        {
            writer.WriteStartObject("loops");
            foreach (var (node, visits) in state.LoopVisits.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(node, visits);
            }

            writer.WriteEndObject();
        }
    }

    private static ImmutableDictionary<string, int> ReadLoopVisits(JsonElement root)
    {
        if (!root.TryGetProperty("loops", out var loops) || loops.ValueKind != JsonValueKind.Object)
        {
            return ImmutableDictionary<string, int>.Empty;
        }

        var builder = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        foreach (var property in loops.EnumerateObject())
        {
            builder[property.Name] = property.Value.GetInt32();
        }

        return builder.ToImmutable();
    }

    private static void WriteToken(Utf8JsonWriter writer, Token token)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", token.Id);
        writer.WriteString("node", token.NodeId);
        writer.WriteString("state", token.State.ToString());
        if (token.ArrivedVia is not null)
        {
            writer.WriteString("via", token.ArrivedVia);
        }

        if (token.Incident is not null)
        {
            writer.WriteString("incident", token.Incident);
        }

        writer.WriteEndObject();
    }

    private static void WriteTimer(Utf8JsonWriter writer, PendingTimer timer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", timer.Id);
        writer.WriteString("node", timer.NodeId);
        writer.WriteString("due", timer.DueAt);
        writer.WriteNumber("token", timer.TokenId);
        if (timer.FiredCount != 0)
        {
            writer.WriteNumber("fired", timer.FiredCount);
        }

        writer.WriteEndObject();
    }

    private static Token ReadToken(JsonElement token) => new(
        Required(token, "id").GetInt32(),
        RequiredString(token, "node"),
        ParseEnum<TokenState>(Required(token, "state")),
        OptionalString(token, "via"),
        OptionalString(token, "incident"));

    private static PendingTimer ReadTimer(JsonElement timer) => new(
        Required(timer, "id").GetInt32(),
        RequiredString(timer, "node"),
        Required(timer, "due").GetDateTimeOffset(),
        Required(timer, "token").GetInt32(),
        timer.TryGetProperty("fired", out var fired) ? fired.GetInt32() : 0);

    private static IEnumerable<JsonElement> OptionalArray(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static JsonElement Required(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new JsonException($"The instance state lacks '{name}'.");

    private static string RequiredString(JsonElement parent, string name) =>
        Required(parent, name).GetString() ?? throw new JsonException($"The instance state lacks '{name}'.");

    private static string? OptionalString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static TEnum ParseEnum<TEnum>(JsonElement value)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(value.GetString(), ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new JsonException($"'{value.GetRawText()}' is not a valid {typeof(TEnum).Name}.");
}
