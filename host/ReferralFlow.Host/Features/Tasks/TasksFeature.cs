using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Tasks;

public static class TasksFeature
{
    public static IServiceCollection AddTasksFeature(this IServiceCollection services) =>
        services.AddScoped<TaskAccess>().AddScoped<TaskViews>()
            .AddScoped<ListTasks>().AddScoped<GetTask>().AddScoped<ClaimTask>().AddScoped<UnclaimTask>().AddScoped<CompleteTask>()
            .AddScoped<ReturnTask>().AddScoped<ReassignTask>().AddScoped<HandOverTasks>();

    // The endpoints only translate HTTP: If-Match into the request's version, the task's version into the ETag. Each is
    // named after its use case, which is its operationId.

    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder group)
    {
        group.MapGet("/", ([AsParameters] ListTasks.Query query, [FromServices] ListTasks handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(query, cancellationToken))
            .WithName(nameof(ListTasks))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Tasks of my agency: mine, queue, overdue, escalated, by referral, status, workflow, dong; supervisors by assignee; the district hub by district; case owners owned; paged (limit, cursor).");
        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, [FromServices] GetTask handler, CancellationToken cancellationToken) =>
                ETagged(http, await handler.HandleAsync(id, cancellationToken), r => r.Task.Version))
            .WithName(nameof(GetTask))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A task with its outcome form, instructions, referral context, earlier steps and notes (audited).");
        group.MapPost("/{id:guid}/claim", async (Guid id, ClaimTask.Request? request, HttpContext http, [FromServices] ClaimTask handler, CancellationToken cancellationToken) =>
                ETagged(http, await handler.HandleAsync(id, new(TaskVersion.Expected(http.Request, request?.Version)), cancellationToken), t => t.Version))
            .WithName(nameof(ClaimTask))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Claim a task from the agency queue (If-Match or version: the task's version).");
        group.MapPost("/{id:guid}/unclaim", async (Guid id, UnclaimTask.Request? request, HttpContext http, [FromServices] UnclaimTask handler, CancellationToken cancellationToken) =>
                ETagged(http, await handler.HandleAsync(id, new(TaskVersion.Expected(http.Request, request?.Version)), cancellationToken), t => t.Version))
            .WithName(nameof(UnclaimTask))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Put a claimed task back into the agency queue (assignee or supervisor).");
        group.MapPost("/{id:guid}/complete", async (Guid id, CompleteTask.Request request, HttpContext http, [FromServices] CompleteTask handler, CancellationToken cancellationToken) =>
                ETagged(http, await handler.HandleAsync(id, request with { Version = TaskVersion.Expected(http.Request, request.Version) }, cancellationToken), r => r.Task.Version))
            .WithName(nameof(CompleteTask))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithRequestExample(CompleteExample)
            .WithSummary("Complete a task with its outcome form (field ids of GET /api/tasks/{id} 'form'); the workflow moves on.");
        group.MapPost("/{id:guid}/return", async (Guid id, ReturnTask.Request request, HttpContext http, [FromServices] ReturnTask handler, CancellationToken cancellationToken) =>
                ETagged(http, await handler.HandleAsync(id, request with { Version = TaskVersion.Expected(http.Request, request.Version) }, cancellationToken), t => t.Version))
            .WithName(nameof(ReturnTask))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Return a task to the referring agency with a reason; it stays open.");
        group.MapPost("/{id:guid}/reassign", async (Guid id, ReassignTask.Request request, HttpContext http, [FromServices] ReassignTask handler, CancellationToken cancellationToken) =>
                ETagged(http, await handler.HandleAsync(id, request with { Version = TaskVersion.Expected(http.Request, request.Version) }, cancellationToken), t => t.Version))
            .WithName(nameof(ReassignTask))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Give a task to another worker of the agency (supervisor) or move it to another agency (district hub).");
        group.MapPost("/handover", (HandOverTasks.Request request, [FromServices] HandOverTasks handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(request, cancellationToken))
            .WithName(nameof(HandOverTasks))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Return a leaving worker's open tasks to the agency queue or give them to a colleague (supervisor).");
        return group;
    }

    private static T ETagged<T>(HttpContext http, T result, Func<T, int> version)
    {
        TaskVersion.SetETag(http, version(result));
        return result;
    }

    /// <summary>The API reference's example: the outcome of the first step of the hoarding-household workflow.</summary>
    internal static readonly CompleteTask.Request CompleteExample = new(
        new Dictionary<string, JsonElement>
        {
            ["reportSource"] = JsonSerializer.SerializeToElement("neighbor"),
            ["reportSummary"] = JsonSerializer.SerializeToElement("현관까지 적치물, 화재 위험"),
            ["urgentSafetyRisk"] = JsonSerializer.SerializeToElement(false),
        },
        null,
        null);
}
