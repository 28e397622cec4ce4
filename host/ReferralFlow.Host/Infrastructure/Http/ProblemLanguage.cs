using Microsoft.AspNetCore.WebUtilities;
using ReferralFlow.Host.Resources;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// Every problem response carries a <c>code</c> and speaks the caller's language: problems the host raises are localised
/// where they are written (<see cref="ApiExceptionHandler"/>); those with only a status — status code pages (401, 403,
/// 404, 429, a body that could not be bound), the framework's own — get the status's code, title and text here.
/// </summary>
public static class ProblemLanguage
{
    public static IServiceCollection AddReferralFlowProblemLanguage(this IServiceCollection services) =>
        services.PostConfigure<ProblemDetailsOptions>(o =>
        {
            var customize = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                Localize(context);
            };
        });

    private static void Localize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var code = ProblemCode.ForStatus(status);
        problem.Extensions["code"] = code.Value;
        if (problem.Title is null || IsFrameworkTitle(problem.Title, status))
        {
            var culture = RequestLanguage.Culture(context.HttpContext);
            problem.Title = ProblemText.Title(status, culture);
            problem.Detail ??= code.ToProblemMessage().Format(culture);
        }
    }

    // ProblemDetailsDefaults fills the title with the status's reason phrase (or these two texts) when none was given.
    private static bool IsFrameworkTitle(string title, int status) =>
        title == ReasonPhrases.GetReasonPhrase(status)
        || title is "An error occurred while processing your request." or "One or more validation errors occurred.";
}
