using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// Binding failures as problem details that name the field: a JSON property the request type does not have, a JSON
/// value of the wrong type (by its path, e.g. <c>household.members</c>), or a query or route value that does not parse.
/// Never the CLR type names of the request.
/// </summary>
internal static partial class BadRequests
{
    /// <summary>The binding failure as a coded 400 naming the field (other statuses keep their own code).</summary>
    public static ApiException Describe(BadHttpRequestException bad)
    {
        if (bad.StatusCode != StatusCodes.Status400BadRequest)
        {
            var code = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? ProblemCode.RequestTooLarge : ProblemCode.ForStatus(bad.StatusCode);
            return new ApiException(bad.StatusCode, code, code);
        }

        if (bad.InnerException is JsonException json)
        {
            return Describe(json);
        }

        var (field, message) = bad.InnerException switch
        {
            _ when BindParameter().Match(bad.Message) is { Success: true } parameter =>
                (JsonNamingPolicy.CamelCase.ConvertName(parameter.Groups["name"].Value), ProblemCode.ParameterValueInvalid.With(parameter.Groups["value"].Value)),
            _ when RequiredParameter().Match(bad.Message) is { Success: true } required =>
                (JsonNamingPolicy.CamelCase.ConvertName(required.Groups["name"].Value), ProblemCode.ValueRequired.ToProblemMessage()),
            _ => ("body", ProblemCode.BodyInvalid.ToProblemMessage()),
        };
        return ApiException.Invalid(field, message);
    }

    /// <summary>A body that does not read as the request type, as a coded 400 naming the unknown or malformed field.</summary>
    public static ApiException Describe(JsonException json) =>
        UnmappedProperty().Match(json.Message) is { Success: true } unmapped
            ? ApiException.Invalid(Field(json.Path, unmapped.Groups["name"].Value), ProblemCode.UnknownProperty.With(unmapped.Groups["name"].Value))
            : ApiException.Invalid(Field(json.Path, null), ProblemCode.JsonValueInvalid.ToProblemMessage());

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
