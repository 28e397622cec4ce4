using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ReferralFlow.Workflows.Persistence.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add … --project workflows/ReferralFlow.Workflows.Persistence.PostgreSql</c> build the model.
/// Adding a migration does not connect; <c>database update</c> takes the connection string as the first argument after <c>--</c>.
/// </summary>
internal sealed class DesignTimeWorkflowDbContextFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext(string[] args)
    {
        var connectionString = args.Length > 0 ? args[0] : "Host=localhost;Database=referralflow;Username=postgres";
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        builder.UseWorkflowPostgres(connectionString);
        return new WorkflowDbContext(builder.Options);
    }
}
