namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>An expected failure answered as problem details: status, a title, and optional field errors.</summary>
public sealed class ApiException : Exception
{
    public ApiException(int status, string title, string? detail = null, IDictionary<string, string[]>? errors = null, IDictionary<string, object?>? extensions = null)
        : base(detail ?? title)
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors;
        Extensions = extensions;
    }

    public ApiException()
        : this(StatusCodes.Status500InternalServerError, "Error")
    {
    }

    public ApiException(string message)
        : this(StatusCodes.Status400BadRequest, message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = StatusCodes.Status500InternalServerError;
        Title = message;
    }

    public int Status { get; }

    public string Title { get; }

    public string? Detail { get; }

    public IDictionary<string, string[]>? Errors { get; }

    public IDictionary<string, object?>? Extensions { get; }

    public static ApiException NotFound(string what) => new(StatusCodes.Status404NotFound, "Not found", what);

    public static ApiException Forbidden(string why) => new(StatusCodes.Status403Forbidden, "Forbidden", why);

    public static ApiException Conflict(string why, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status409Conflict, "Conflict", why, extensions: extensions);

    /// <summary>400 naming the offending field.</summary>
    public static ApiException Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "Invalid request", message, new Dictionary<string, string[]> { [field] = [message] });

    public static ApiException Invalid(IDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "Invalid request", string.Join(" ", errors.SelectMany(e => e.Value)), errors);
}
