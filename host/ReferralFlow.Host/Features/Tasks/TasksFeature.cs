using System.Text.Json;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Tasks;

public static class TasksFeature
{
    public static IServiceCollection AddTasksFeature(this IServiceCollection services) =>
        services.AddScoped<TaskAccess>().AddScoped<TaskViews>();

    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListTasks.HandleAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Tasks of my agency: mine, queue, overdue, escalated, by referral, status, workflow, dong; supervisors by assignee; the district hub by district; case owners owned; paged (limit, cursor).");
        group.MapGet("/{id:guid}", GetTask.HandleAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A task with its outcome form, instructions, referral context, earlier steps and notes (audited).");
        group.MapPost("/{id:guid}/claim", ClaimTask.HandleAsync)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Claim a task from the agency queue (If-Match or version: the task's version).");
        group.MapPost("/{id:guid}/unclaim", UnclaimTask.HandleAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Put a claimed task back into the agency queue (assignee or supervisor).");
        group.MapPost("/{id:guid}/complete", CompleteTask.HandleAsync)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithRequestExample(CompleteExample)
            .WithSummary("Complete a task with its outcome form (field ids of GET /api/tasks/{id} 'form'); the workflow moves on.");
        group.MapPost("/{id:guid}/return", ReturnTask.HandleAsync)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Return a task to the referring agency with a reason; it stays open.");
        group.MapPost("/{id:guid}/reassign", ReassignTask.HandleAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Give a task to another worker of the agency (supervisor) or move it to another agency (district hub).");
        group.MapPost("/handover", HandOverTasks.HandleAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Return a leaving worker's open tasks to the agency queue or give them to a colleague (supervisor).");
        return group;
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
