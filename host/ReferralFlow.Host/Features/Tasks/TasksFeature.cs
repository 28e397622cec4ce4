namespace ReferralFlow.Host.Features.Tasks;

public static class TasksFeature
{
    public static IServiceCollection AddTasksFeature(this IServiceCollection services) =>
        services.AddScoped<TaskAccess>().AddScoped<TaskViews>();

    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListTasks.HandleAsync)
            .WithSummary("Tasks of my agency: mine, queue, overdue, by referral, status, workflow, dong; supervisors by assignee; the district hub by district.");
        group.MapGet("/{id:guid}", GetTask.HandleAsync)
            .WithSummary("A task with its outcome form, instructions, referral context, earlier steps and notes (audited).");
        group.MapPost("/{id:guid}/claim", ClaimTask.HandleAsync)
            .WithSummary("Claim a task from the agency queue (If-Match or version: the task's version).");
        group.MapPost("/{id:guid}/unclaim", UnclaimTask.HandleAsync)
            .WithSummary("Put a claimed task back into the agency queue (assignee or supervisor).");
        group.MapPost("/{id:guid}/complete", CompleteTask.HandleAsync)
            .WithSummary("Complete a task with its outcome form; the workflow moves on.");
        group.MapPost("/{id:guid}/return", ReturnTask.HandleAsync)
            .WithSummary("Return a task to the referring agency with a reason; it stays open.");
        group.MapPost("/{id:guid}/reassign", ReassignTask.HandleAsync)
            .WithSummary("Give a task to another worker of the agency (supervisor) or move it to another agency (district hub).");
        group.MapPost("/handover", HandOverTasks.HandleAsync)
            .WithSummary("Return a leaving worker's open tasks to the agency queue or give them to a colleague (supervisor).");
        return group;
    }
}
