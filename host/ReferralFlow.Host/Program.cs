using ReferralFlow.Host.Features;
using ReferralFlow.Host.Infrastructure;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Host.Infrastructure.Jobs;
using ReferralFlow.Host.Infrastructure.Observability;
using ReferralFlow.Host.Infrastructure.Ui;

var builder = WebApplication.CreateBuilder(HostArguments.Normalize(args));
builder.AddReferralFlowObservability();
builder.Services.AddReferralFlowDatabase(builder.Configuration);
builder.Services.AddReferralFlowAuth(builder.Configuration);
builder.Services.AddReferralFlowJobs(builder.Configuration);
builder.Services.AddReferralFlowHttp();
builder.Services.AddReferralFlowProblemLanguage();
builder.Services.AddReferralFlowFeatures(builder.Configuration);
builder.Services.AddReferralFlowUi();
builder.Services.AddReferralFlowDesigner(builder.Configuration);

var app = builder.Build();
app.UseReferralFlowHttp();
app.MapReferralFlowJobs();
app.MapReferralFlowFeatures();
app.MapReferralFlowUi();
app.MapReferralFlowDesigner();
await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory.</summary>
public partial class Program;
