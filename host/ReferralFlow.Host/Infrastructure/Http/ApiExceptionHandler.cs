using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>Maps expected failures (engine, concurrency, validation) to problem details; everything else is a 500 without internals.</summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ApiException api => FromApi(api),
            WorkflowCommandException command => new ProblemDetails
            {
                Status = command.Error switch
                {
                    WorkflowCommandError.TokenNotFound => StatusCodes.Status404NotFound,
                    WorkflowCommandError.InvalidTarget => StatusCodes.Status400BadRequest,
                    WorkflowCommandError.InvalidDefinition => StatusCodes.Status422UnprocessableEntity,
                    _ => StatusCodes.Status409Conflict,
                },
                Title = "The step cannot take this action",
                Detail = command.Message,
                Extensions = { ["code"] = ToCode(command.Error) },
            },
            ConcurrencyConflictException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Changed by someone else",
                Detail = "The referral was changed by another request; reload and try again.",
                Extensions = { ["code"] = "concurrency-conflict", ["currentVersion"] = conflict.CurrentRevision },
            },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Changed by someone else",
                Detail = "The record was changed by another request; reload and try again.",
                Extensions = { ["code"] = "concurrency-conflict" },
            },
            DefinitionInvalidException invalid => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The workflow is not valid",
                Detail = invalid.Message,
                Extensions = { ["code"] = "invalid-workflow", ["issues"] = invalid.Issues },
            },
            WorkflowNotFoundException notFound => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = notFound.Message },
            BadHttpRequestException bad => BadRequests.Describe(bad),
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
        var problem = api.Errors is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(api.Errors);
        problem.Status = api.Status;
        problem.Title = api.Title;
        problem.Detail = api.Detail;
        foreach (var (key, value) in api.Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    private static string ToCode(WorkflowCommandError error) =>
        string.Concat(error.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
