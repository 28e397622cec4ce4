namespace ReferralFlow.Host.Features.Tasks;

public static class TasksFeature
{
    public static IServiceCollection AddTasksFeature(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder group) => group;
}
