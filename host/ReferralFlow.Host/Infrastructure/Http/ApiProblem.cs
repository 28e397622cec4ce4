using ReferralFlow.Host.Resources;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// A coded problem returned as a result rather than thrown, for responses that must keep their own headers (the exception
/// handler clears them, e.g. <c>Retry-After</c>). Same <c>code</c>, title and language as <see cref="ApiException"/>.
/// </summary>
public static class ApiProblem
{
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Result(
        HttpContext http, int status, ProblemMessage message, IDictionary<string, object?>? extensions = null)
    {
        var culture = RequestLanguage.Culture(http);
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = message.Code.Value };
        return TypedResults.Problem(
            title: ProblemText.Title(status, culture), detail: message.Format(culture), statusCode: status, extensions: all);
    }

}
