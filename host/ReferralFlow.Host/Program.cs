using ReferralFlow.Host.Features;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Host.Infrastructure.Jobs;
using ReferralFlow.Host.Infrastructure.Observability;

var builder = WebApplication.CreateBuilder(args);
builder.AddReferralFlowObservability();
builder.Services.AddReferralFlowDatabase(builder.Configuration, args);
builder.Services.AddReferralFlowAuth(builder.Configuration);
builder.Services.AddReferralFlowJobs(builder.Configuration);
builder.Services.AddReferralFlowHttp();
builder.Services.AddReferralFlowFeatures(builder.Configuration);

var app = builder.Build();
app.UseReferralFlowHttp();
app.MapReferralFlowJobs();
app.MapReferralFlowFeatures();
await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory.</summary>
public partial class Program;
