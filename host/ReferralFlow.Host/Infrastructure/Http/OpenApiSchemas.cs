using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// Schema names and required properties of the OpenAPI document. Use cases nest their <c>Request</c>, <c>Response</c>
/// and <c>Item</c> records, so a schema is named by its declaring type and its own name (<c>OpenReferralRequest</c>,
/// <c>ListReferralsItem</c>); a page of a list is <c>&lt;Item&gt;Page</c>.
/// </summary>
internal static class OpenApiSchemas
{
    // Any JSON value (JsonElement) stays inline as {}: as a component named JsonElement, generators make an empty class of it.
    public static string? ReferenceId(JsonTypeInfo type) =>
        OpenApiOptions.CreateDefaultSchemaReferenceId(type) is null || (Nullable.GetUnderlyingType(type.Type) ?? type.Type) == typeof(System.Text.Json.JsonElement)
            ? null
            : Name(type.Type);

    public static string Name(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Page<>))
        {
            return Name(type.GetGenericArguments()[0]) + "Page";
        }

        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Concat(type.GetGenericArguments().Select(Name)) : type.Name;
        return type.DeclaringType is { } outer ? Name(outer) + name : name;
    }

    /// <summary>
    /// A property is required when the server needs it: responses leave null properties out, and requests read absent
    /// optional fields as null, so nullable properties are optional — unless marked <c>[Required]</c>, the fields a use
    /// case refuses to do without (nullable in C# so that their absence is a 400 naming them, not a binding failure).
    /// Parameters with a default value are optional too.
    /// </summary>
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type) || context.JsonTypeInfo.Type == typeof(HttpValidationProblemDetails))
        {
            DescribeExtensions(schema);
            return Task.CompletedTask;
        }

        if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (IsMarkedRequired(property))
            {
                schema.Required.Add(property.Name);
            }
            else if (IsNullable(property) || property.AssociatedParameter is { HasDefaultValue: true })
            {
                schema.Required.Remove(property.Name);
            }
        }

        if (context.JsonTypeInfo.Type.GetCustomAttributes(typeof(RequiresAnyOfAttribute), inherit: false) is [RequiresAnyOfAttribute anyOf])
        {
            schema.AnyOf = [.. anyOf.Properties.Select(p => (IOpenApiSchema)new OpenApiSchema { Required = new HashSet<string>(StringComparer.Ordinal) { p } })];
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A required property is never null: its schema loses the <c>null</c> type the C# nullability gave it (the
    /// transformer above only sees property schemas before they become references).
    /// </summary>
    public static void RequiredAreNotNull(OpenApiDocument document)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            // An enum's component is shared by nullable and non-nullable properties; the nullable ones say so themselves.
            if (schema.Enum?.Any(e => e is null || e.GetValueKind() == System.Text.Json.JsonValueKind.Null) == true)
            {
                schema.Enum = [.. schema.Enum.Where(e => e is not null && e.GetValueKind() != System.Text.Json.JsonValueKind.Null)];
            }

            foreach (var name in schema.Required ?? new HashSet<string>())
            {
                if (schema.Properties?.TryGetValue(name, out var property) == true)
                {
                    schema.Properties[name] = WithoutNull(property);
                }
            }
        }
    }

    /// <summary>
    /// Enums travel as their (camel-case) names: each enum component says it is a string, so that generated clients read
    /// <c>"inProgress"</c> as a name and not as a number (the framework lists only the values).
    /// </summary>
    public static void EnumsAreStrings(OpenApiDocument document)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            if (schema.Type is null && schema.Enum is { Count: > 0 } values && values.All(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String))
            {
                schema.Type = JsonSchemaType.String;
            }
        }
    }

    // Every problem carries the trace id (for the logs) and may carry more members: a machine-readable 'code', the
    // 'currentVersion' of a conflict, the 'issues' of an invalid workflow.
    private static void DescribeExtensions(OpenApiSchema schema)
    {
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, for the logs." };
        schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A machine-readable reason, e.g. concurrency-conflict, task-claimed." };
        schema.AdditionalPropertiesAllowed = true;
        schema.AdditionalProperties = null;
    }

    private static bool IsMarkedRequired(JsonPropertyInfo property) =>
        property.IsRequired
        || property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true
        || property.AssociatedParameter?.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;

    private static bool IsNullable(JsonPropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null || (!property.PropertyType.IsValueType && property.IsGetNullable);

    private static IOpenApiSchema WithoutNull(IOpenApiSchema schema)
    {
        if (schema.OneOf is { Count: 2 } oneOf && oneOf.Count(s => s.Type == JsonSchemaType.Null) == 1)
        {
            return oneOf.Single(s => s.Type != JsonSchemaType.Null);
        }

        if (schema is OpenApiSchema concrete && concrete.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        {
            concrete.Type = type & ~JsonSchemaType.Null;
        }

        return schema;
    }
}
