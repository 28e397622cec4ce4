using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Resources;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// Maps expected failures (engine, concurrency, validation) to problem details with a stable <c>code</c>, in the caller's
/// language; everything else is a 500 without internals. The handler runs outside the request localization middleware,
/// so it resolves the language itself (<see cref="RequestLanguage"/>).
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // Set for this handler's flow only: an async method restores its caller's culture when it returns.
        var culture = RequestLanguage.Culture(httpContext);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        var problem = exception switch
        {
            ApiException api => FromApi(api),
            WorkflowCommandException command => Coded(
                command.Error switch
                {
                    WorkflowCommandError.TokenNotFound => StatusCodes.Status404NotFound,
                    WorkflowCommandError.InvalidTarget => StatusCodes.Status400BadRequest,
                    WorkflowCommandError.InvalidDefinition => StatusCodes.Status422UnprocessableEntity,
                    _ => StatusCodes.Status409Conflict,
                },
                ToCode(command.Error)),
            ConcurrencyConflictException conflict => Coded(StatusCodes.Status409Conflict, ProblemCode.ConcurrencyConflict, ("currentVersion", conflict.CurrentRevision)),
            DbUpdateConcurrencyException => Coded(StatusCodes.Status409Conflict, ProblemCode.ConcurrencyConflict),
            DefinitionInvalidException invalid => Coded(
                StatusCodes.Status422UnprocessableEntity,
                ProblemCode.InvalidWorkflow.With(invalid.Issues.Count(i => i.Severity == IssueSeverity.Error)),
                ("issues", Features.Workflows.IssueView.All(invalid.Issues))),
            WorkflowNotFoundException => Coded(StatusCodes.Status404NotFound, ProblemCode.WorkflowNotFound),
            BadHttpRequestException bad => FromApi(BadRequests.Describe(bad)),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails FromApi(ApiException api)
    {
        var problem = api.Errors is { } errors
            ? new ValidationProblemDetails(errors)
            : new ProblemDetails();
        problem.Status = api.Status;
        problem.Title = api.Title;
        problem.Detail = api.Detail;
        foreach (var (key, value) in api.Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        problem.Extensions["code"] = api.Code;
        if (api.ErrorCodes is { } codes)
        {
            problem.Extensions["errorCodes"] = codes;
        }

        return problem;
    }

    private static ProblemDetails Coded(int status, ProblemMessage message, params (string Key, object? Value)[] extensions)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = ProblemText.Title(status, CultureInfo.CurrentUICulture),
            Detail = message.ToString(),
            Extensions = { ["code"] = message.Code.Value },
        };
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    private static ProblemCode ToCode(WorkflowCommandError error) => error switch
    {
        WorkflowCommandError.InstanceNotRunning => ProblemCode.InstanceNotRunning,
        WorkflowCommandError.AlreadyStarted => ProblemCode.AlreadyStarted,
        WorkflowCommandError.TaskNotOpen => ProblemCode.TaskNotOpen,
        WorkflowCommandError.TimerNotPending => ProblemCode.TimerNotPending,
        WorkflowCommandError.TokenNotFound => ProblemCode.TokenNotFound,
        WorkflowCommandError.InvalidTarget => ProblemCode.InvalidTarget,
        WorkflowCommandError.InvalidDefinition => ProblemCode.InvalidDefinition,
        _ => ProblemCode.Conflict,
    };
}
