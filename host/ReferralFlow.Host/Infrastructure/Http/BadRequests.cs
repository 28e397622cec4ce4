using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// Binding failures as problem details that name the field: a JSON property the request type does not have, a JSON
/// value of the wrong type (by its path, e.g. <c>household.members</c>), or a query or route value that does not parse.
/// Never the CLR type names of the request.
/// </summary>
internal static partial class BadRequests
{
    public static ProblemDetails Describe(BadHttpRequestException bad)
    {
        if (bad.StatusCode != StatusCodes.Status400BadRequest)
        {
            return new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message };
        }

        var (field, message) = bad.InnerException switch
        {
            JsonException json when UnmappedProperty().Match(json.Message) is { Success: true } unmapped =>
                (Field(json.Path, unmapped.Groups["name"].Value), $"Unknown property '{unmapped.Groups["name"].Value}': this request has no such field."),
            JsonException json => (Field(json.Path, null), "The value is not valid JSON of the documented type."),
            _ when BindParameter().Match(bad.Message) is { Success: true } parameter =>
                (JsonNamingPolicy.CamelCase.ConvertName(parameter.Groups["name"].Value), $"'{parameter.Groups["value"].Value}' is not a valid value."),
            _ when RequiredParameter().Match(bad.Message) is { Success: true } required =>
                (JsonNamingPolicy.CamelCase.ConvertName(required.Groups["name"].Value), "This value is required."),
            _ => ("body", "The request body is missing or not valid JSON."),
        };
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = message,
        };
    }

    // "$.household.members" → "household.members"; an unknown property's path may stop at its parent object.
    private static string Field(string? path, string? property)
    {
        var field = string.IsNullOrEmpty(path) || path == "$" ? "" : path.TrimStart('$').TrimStart('.');
        if (property is not null && !field.EndsWith(property, StringComparison.Ordinal))
        {
            field = field.Length == 0 ? property : $"{field}.{property}";
        }

        return field.Length == 0 ? "body" : field;
    }

    [GeneratedRegex("^The JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("^Failed to bind parameter \"[^\"]* (?<name>\\w+)\" from \"(?<value>[^\"]*)\"")]
    private static partial Regex BindParameter();

    [GeneratedRegex("^Required parameter \"[^\"]* (?<name>\\w+)\" was not provided")]
    private static partial Regex RequiredParameter();
}
