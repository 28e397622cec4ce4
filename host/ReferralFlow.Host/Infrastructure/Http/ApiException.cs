using System.Globalization;
using ReferralFlow.Host.Resources;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// An expected failure answered as problem details: a status, a stable <see cref="Code"/>, a message and optional field
/// errors, each with its own code. Texts come from <c>ProblemText.resx</c> and are formatted when read, in the current UI
/// culture (the pages run in the worker's language; <see cref="ApiExceptionHandler"/> sets the API caller's).
/// </summary>
public sealed class ApiException : Exception
{
    private readonly string? _title;
    private readonly string? _detail;
    private readonly IDictionary<string, string[]>? _errors;
    private readonly ProblemMessage? _problem;
    private readonly IReadOnlyDictionary<string, ProblemMessage[]>? _fields;
    private readonly string? _code;

    /// <summary>A coded problem; with <paramref name="problem"/> null the detail is the field messages joined.</summary>
    public ApiException(
        int status, ProblemCode code, ProblemMessage? problem,
        IReadOnlyDictionary<string, ProblemMessage[]>? fields = null, IDictionary<string, object?>? extensions = null)
    {
        Status = status;
        _code = code.Value;
        _problem = problem;
        _fields = fields is { Count: > 0 } ? fields : null;
        Extensions = extensions;
    }

    /// <summary>
    /// An uncoded problem with fixed texts (older call sites; <c>code</c> comes from the extensions or the status, a null
    /// title is the status's localised one).
    /// </summary>
    public ApiException(int status, string? title, string? detail = null, IDictionary<string, string[]>? errors = null, IDictionary<string, object?>? extensions = null)
    {
        Status = status;
        _title = title;
        _detail = detail;
        _errors = errors;
        Extensions = extensions;
    }

    public ApiException()
        : this(StatusCodes.Status500InternalServerError, ProblemCode.ServerError, ProblemCode.ServerError)
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
        _title = message;
    }

    public int Status { get; }

    /// <summary>The stable code clients switch on (<c>code</c> of the problem response).</summary>
    public string Code => _code ?? (Extensions?.TryGetValue("code", out var code) == true ? code as string : null) ?? ProblemCode.ForStatus(Status).Value;

    /// <summary>The top-level message, when coded.</summary>
    public ProblemMessage? Problem => _problem;

    /// <summary>The coded field errors (JSON path → messages), when coded.</summary>
    public IReadOnlyDictionary<string, ProblemMessage[]>? Fields => _fields;

    public string Title => _title ?? ProblemText.Title(Status, CultureInfo.CurrentUICulture);

    public string? Detail => _problem?.ToString()
        ?? (_fields is not null ? string.Join(" ", _fields.Values.SelectMany(m => m).Select(m => m.ToString())) : _detail);

    /// <summary>Field messages in the current UI culture.</summary>
    public IDictionary<string, string[]>? Errors =>
        _fields?.ToDictionary(f => f.Key, f => f.Value.Select(m => m.ToString()).ToArray(), StringComparer.Ordinal) ?? _errors;

    /// <summary>Field codes (<c>errorCodes</c> of the problem response), when coded.</summary>
    public IDictionary<string, string[]>? ErrorCodes =>
        _fields?.ToDictionary(f => f.Key, f => f.Value.Select(m => m.Code.Value).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    public IDictionary<string, object?>? Extensions { get; }

    public override string Message => Detail ?? Title;

    public static ApiException NotFound(ProblemMessage message) => new(StatusCodes.Status404NotFound, message.Code, message);

    public static ApiException Forbidden(ProblemMessage message) => new(StatusCodes.Status403Forbidden, message.Code, message);

    public static ApiException Conflict(ProblemMessage message, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status409Conflict, message.Code, message, extensions: extensions);

    /// <summary>400 naming the offending field, e.g. <c>Invalid("dong", ProblemCode.DongUnknown, dong, district)</c>.</summary>
    public static ApiException Invalid(string field, ProblemCode code, params object?[] args) => Invalid(field, code.With(args));

    public static ApiException Invalid(string field, ProblemMessage message) =>
        new(StatusCodes.Status400BadRequest, ProblemCode.InvalidRequest, null, new Dictionary<string, ProblemMessage[]>(StringComparer.Ordinal) { [field] = [message] });

    public static ApiException Invalid(IReadOnlyDictionary<string, ProblemMessage[]> fields) =>
        new(StatusCodes.Status400BadRequest, ProblemCode.InvalidRequest, null, fields);
}
