using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Execution;

namespace ReferralFlow.Host.Features.Workflows;

public static class WorkflowsFeature
{
    public static IServiceCollection AddWorkflowsFeature(this IServiceCollection services) =>
        services
            .AddSingleton(sp => Limits(sp.GetRequiredService<IConfiguration>()))
            .AddScoped<WorkflowValidation>()
            .AddScoped<ListWorkflows>().AddScoped<CreateWorkflow>().AddScoped<ValidateWorkflow>().AddScoped<GetDraft>().AddScoped<SaveDraft>()
            .AddScoped<PublishWorkflow>().AddScoped<ListVersions>().AddScoped<GetVersion>()
            .AddScoped<SendRecipientPolicy>()
            .AddScoped<IStartupTask, AssignWorkflowDistricts>()
            .AddScoped<IStartupTask, InstallBundledTemplates>();

    /// <summary><c>Workflows:Limits:MaxTasksPerInstance</c> and <c>:MaxLoopIterations</c>, which the workflow runtime applies to every referral.</summary>
    private static ExecutionLimits Limits(IConfiguration configuration)
    {
        var section = configuration.GetSection("Workflows:Limits");
        var limits = new ExecutionLimits
        {
            MaxTasksPerInstance = section.GetValue("MaxTasksPerInstance", ExecutionLimits.Default.MaxTasksPerInstance),
            MaxLoopIterations = section.GetValue("MaxLoopIterations", ExecutionLimits.Default.MaxLoopIterations),
        };
        return limits.MaxTasksPerInstance > 0 && limits.MaxLoopIterations > 0
            ? limits
            : throw new InvalidOperationException("Workflows:Limits:MaxTasksPerInstance and MaxLoopIterations must be positive.");
    }

    /// <summary>
    /// Every route works on the caller's district's workflows (a system administrator may add <c>?district=</c>). Reads are
    /// open to every signed-in worker; creating, saving and publishing need the designer role. The endpoints read the body
    /// (<see cref="WorkflowBody"/>), set the revision as the ETag and negotiate XML; the handlers know nothing of HTTP.
    /// </summary>
    public static RouteGroupBuilder MapWorkflows(this RouteGroupBuilder group)
    {
        group.MapGet("/", (bool? published, string? district, int? limit, string? cursor, [FromServices] ListWorkflows handler, CancellationToken ct) =>
                handler.HandleAsync(published, district, limit, cursor, ct))
            .WithName(nameof(ListWorkflows)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("List the district's workflows: key, name, district, latest published version, draft revision, last change; paged (limit, cursor).");
        group.MapPost("/", async (string? district, HttpContext context, [FromServices] CreateWorkflow handler, CurrentUser user, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(district, await WorkflowBody.ReadAsync(context.Request, ct), ct);
                WorkflowBody.SetETag(context, created.Revision);
                return Results.Created($"/api/workflows/{Uri.EscapeDataString(created.Key)}/draft{WorkflowDistrict.Query(user, created.District)}", created);
            })
            .WithName(nameof(CreateWorkflow)).RequireAuthorization(Policies.Designer)
            .AcceptsDocument().Produces<CreateWorkflow.Response>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Create a workflow from a BPMN document (key = process id); saves the draft and returns the validation report.");
        group.MapPost("/validate", async (string? district, HttpRequest request, [FromServices] ValidateWorkflow handler, CancellationToken ct) =>
                await handler.HandleDocumentAsync(district, await WorkflowBody.ReadAsync(request, ct), ct))
            .WithName(nameof(ValidateWorkflow)).AcceptsDocument()
            .WithSummary("Validate a BPMN document without saving it.");
        group.MapGet("/{key}/draft", async (string key, string? district, HttpContext context, [FromServices] GetDraft handler, CancellationToken ct) =>
            {
                var draft = await handler.HandleAsync(key, district, ct);
                WorkflowBody.SetETag(context, draft.Revision);
                return WorkflowBody.WantsXml(context.Request) ? WorkflowBody.Xml(draft.Xml) : Results.Ok(draft);
            })
            .WithName(nameof(GetDraft)).Produces<GetDraft.Response>().ProducesXmlDocument().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The draft of a workflow with its revision (ETag); Accept: application/xml for the raw document.");
        group.MapPut("/{key}/draft", async (string key, string? district, HttpContext context, [FromServices] SaveDraft handler, CancellationToken ct) =>
            {
                var saved = await handler.HandleAsync(key, district, await WorkflowBody.ReadAsync(context.Request, ct), ct);
                WorkflowBody.SetETag(context, saved.Revision);
                return Results.Ok(saved);
            })
            .WithName(nameof(SaveDraft)).RequireAuthorization(Policies.Designer)
            .AcceptsDocument().Produces<SaveDraft.Response>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("Save the draft; If-Match (or version) is the revision the edit started from.");
        group.MapPost("/{key}/validate", (string key, string? district, [FromServices] ValidateWorkflow handler, CancellationToken ct) =>
                handler.HandleDraftAsync(key, district, ct))
            .WithName("ValidateDraft").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Validate the saved draft.");
        group.MapPost("/{key}/publish", async (string key, string? district, HttpRequest request, [FromServices] PublishWorkflow handler, CurrentUser user, CancellationToken ct) =>
            {
                var body = await WorkflowBody.ReadAsync(request, ct, xmlRequired: false);
                var published = await handler.HandleAsync(key, district, body.Version, ct);
                return Results.Created(
                    $"/api/workflows/{Uri.EscapeDataString(published.Key)}/versions/{published.Version}{WorkflowDistrict.Query(user, published.District)}", published);
            })
            .WithName(nameof(PublishWorkflow)).RequireAuthorization(Policies.Designer)
            .Accepts<VersionBody>(isOptional: true, "application/json").Produces<PublishWorkflow.Response>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Publish the draft as the next immutable version (If-Match or version: the draft revision); 422 with the issues when it has errors.");
        group.MapGet("/{key}/versions", (string key, string? district, int? limit, string? cursor, [FromServices] ListVersions handler, CancellationToken ct) =>
                handler.HandleAsync(key, district, limit, cursor, ct))
            .WithName(nameof(ListVersions)).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The published versions of a workflow, newest first; paged (limit, cursor).");
        group.MapGet("/{key}/versions/{version:int}", async (string key, int version, string? district, HttpRequest request, [FromServices] GetVersion handler, CancellationToken ct) =>
                WorkflowBody.WantsXml(request)
                    ? WorkflowBody.Xml(await handler.XmlAsync(key, version, district, ct))
                    : Results.Ok(await handler.HandleAsync(key, version, district, ct)))
            .WithName("GetWorkflowVersion").Produces<GetVersion.Response>().ProducesXmlDocument().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A published version: metadata, roles and XML; Accept: application/xml for the raw document.");
        return group;
    }

    // The body is read by hand (WorkflowBody): JSON { xml, version } or the raw document; too large is 413, another type
    // 415. The accepted media types also route the request, so the XML ones must be listed here.
    private static RouteHandlerBuilder AcceptsDocument(this RouteHandlerBuilder builder) =>
        builder.Accepts<WorkflowBody.Payload>("application/json", "application/xml", "text/xml").AcceptsXmlDocument()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
