using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ReferralFlow.Workflows.Persistence.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add … --project workflows/ReferralFlow.Workflows.Persistence.Sqlite</c> build the model.</summary>
internal sealed class DesignTimeWorkflowDbContextFactory : IDesignTimeDbContextFactory<WorkflowDbContext>
{
    public WorkflowDbContext CreateDbContext(string[] args)
    {
        var connectionString = args.Length > 0 ? args[0] : "Data Source=referralflow-design.db";
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        builder.UseWorkflowSqlite(connectionString);
        return new WorkflowDbContext(builder.Options);
    }
}
