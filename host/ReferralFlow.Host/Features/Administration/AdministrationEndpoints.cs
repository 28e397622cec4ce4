using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Administration.Agencies;
using ReferralFlow.Host.Features.Administration.Invitations;
using ReferralFlow.Host.Features.Administration.Settings;
using ReferralFlow.Host.Features.Administration.Workers;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Escalation;

namespace ReferralFlow.Host.Features.Administration;

/// <summary>
/// <c>/api/admin/…</c> (signed in; district or system administrators, others 403) and <c>/api/invitations/{token}</c>
/// (no sign-in, rate-limited like sign-in). Each endpoint hands its typed request to the use case's handler.
/// </summary>
public static class AdministrationEndpoints
{
    public static RouteGroupBuilder MapAdministration(this RouteGroupBuilder group)
    {
        group.MapGet("/agencies", ([AsParameters] ListAdminAgencies.Query query, [FromServices] ListAdminAgencies handler, CancellationToken ct) => handler.HandleAsync(query, ct))
            .WithName(nameof(ListAdminAgencies)).Forbids()
            .WithSummary("The agencies I administer (my district; every district for system administrators), deactivated ones included; paged (limit, cursor).");
        group.MapPost("/agencies", async (CreateAgency.Request request, [FromServices] CreateAgency handler, CancellationToken ct) =>
            {
                var agency = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/api/admin/agencies/{agency.Id}", agency);
            })
            .WithName(nameof(CreateAgency)).Forbids().WithRequestExample(new CreateAgency.Request("sadang-volunteers", "사당 나눔 봉사단", AgencyKind.Volunteer, false, null, null, "sadang-volunteers@example.org")).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Create an agency in my district (system administrators name the district).");
        group.MapGet("/agencies/{agencyId}", (string agencyId, [FromServices] GetAdminAgency handler, CancellationToken ct) => handler.HandleAsync(agencyId, ct))
            .WithName(nameof(GetAdminAgency)).Forbids().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One agency I administer (another district's: 404).");
        group.MapPut("/agencies/{agencyId}", (string agencyId, UpdateAgency.Request request, [FromServices] UpdateAgency handler, CancellationToken ct) => handler.HandleAsync(agencyId, request, ct))
            .WithName(nameof(UpdateAgency)).Forbids().WithRequestExample(new UpdateAgency.Request("나눔과 기쁨 관악지부", AgencyKind.Volunteer, false, null, "nanum-joy@example.org")).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Edit an agency's name, kind, public/private, dong and notice email.");
        group.MapPost("/agencies/{agencyId}/deactivate", (string agencyId, [FromServices] ChangeAgencyStatus handler, CancellationToken ct) => handler.HandleAsync(agencyId, false, ct))
            .WithName("DeactivateAgency").Forbids().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Deactivate an agency: no new referrals or allocations; its history stays.");
        group.MapPost("/agencies/{agencyId}/reactivate", (string agencyId, [FromServices] ChangeAgencyStatus handler, CancellationToken ct) => handler.HandleAsync(agencyId, true, ct))
            .WithName("ReactivateAgency").Forbids().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Reactivate a deactivated agency.");
        return group.MapWorkers().MapSettings();
    }

    private static RouteGroupBuilder MapSettings(this RouteGroupBuilder group)
    {
        group.MapGet("/settings", ([FromQuery] string? district, HttpContext http, [FromServices] GetDistrictSettings handler, CancellationToken ct) => handler.HandleAsync(district, http, ct))
            .WithName(nameof(GetDistrictSettings)).Forbids().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("My district's settings: holidays per year, escalation policies and the default, retention years, two-factor requirement (ETag = version; system administrators name the district).");
        group.MapPut("/settings", ([FromQuery] string? district, UpdateDistrictSettings.Request request, HttpContext http, [FromServices] UpdateDistrictSettings handler, CancellationToken ct) =>
                handler.HandleAsync(district, request, http, ct))
            .WithName(nameof(UpdateDistrictSettings)).Forbids().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithRequestExample(new UpdateDistrictSettings.Request(0, new() { ["2026"] = [new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 2)] },
                new() { ["fast"] = new PolicyDocument([new LevelDocument(0, TimeSpan.Zero, [EscalationRecipient.Assignee]), new LevelDocument(1, TimeSpan.Zero, [EscalationRecipient.DistrictHub])]) },
                "fast", 5, true))
            .WithSummary("Replace my district's settings (If-Match or version; stale: 412/409). New deadlines use them at once; planned ones keep theirs.");
        return group;
    }

    private static RouteGroupBuilder MapWorkers(this RouteGroupBuilder group)
    {
        group.MapGet("/workers", ([AsParameters] ListWorkers.Query query, [FromServices] ListWorkers handler, CancellationToken ct) => handler.HandleAsync(query, ct))
            .WithName(nameof(ListWorkers)).Forbids()
            .WithSummary("The workers of the agencies I administer, deactivated ones included; filter by agencyId, active; paged (limit, cursor).");
        group.MapPost("/workers", async (InviteWorker.Request request, [FromServices] InviteWorker handler, CancellationToken ct) =>
            {
                var worker = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/api/admin/workers/{worker.Id}", worker);
            })
            .WithName(nameof(InviteWorker)).Forbids().WithRequestExample(new InviteWorker.Request("new.worker@example.org", "김새봄 주무관", "nanum-joy", [Roles.Worker], "ko")).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Invite a worker by email: the mail carries a one-time link to set the password (72 hours).");
        group.MapGet("/workers/{userId:guid}", (Guid userId, [FromServices] GetWorker handler, CancellationToken ct) => handler.HandleAsync(userId, ct))
            .WithName(nameof(GetWorker)).Forbids().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One worker I administer (another district's: 404).");
        group.MapPut("/workers/{userId:guid}", (Guid userId, UpdateWorker.Request request, [FromServices] UpdateWorker handler, CancellationToken ct) => handler.HandleAsync(userId, request, ct))
            .WithName(nameof(UpdateWorker)).Forbids().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Change a worker's name, language and roles (a role change ends their sessions).");
        group.MapPost("/workers/{userId:guid}/move", (Guid userId, MoveWorker.Request request, [FromServices] MoveWorker handler, CancellationToken ct) => handler.HandleAsync(userId, request, ct))
            .WithName(nameof(MoveWorker)).Forbids().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Move a worker to another agency: their claimed steps return to the old agency's queue, their sessions end.");
        group.MapPost("/workers/{userId:guid}/deactivate", (Guid userId, [FromServices] ChangeWorkerStatus handler, CancellationToken ct) => handler.HandleAsync(userId, false, ct))
            .WithName("DeactivateWorker").Forbids().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Deactivate a worker: their claimed steps return to the queue, their sessions and links end at once.");
        group.MapPost("/workers/{userId:guid}/reactivate", (Guid userId, [FromServices] ChangeWorkerStatus handler, CancellationToken ct) => handler.HandleAsync(userId, true, ct))
            .WithName("ReactivateWorker").Forbids().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Reactivate a deactivated worker.");
        group.MapPost("/workers/{userId:guid}/lock", (Guid userId, [FromServices] ChangeWorkerLock handler, CancellationToken ct) => handler.HandleAsync(userId, true, ct))
            .WithName("LockWorker").Forbids().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Lock a worker's account: no sign-in, sessions end; claimed steps stay.");
        group.MapPost("/workers/{userId:guid}/unlock", (Guid userId, [FromServices] ChangeWorkerLock handler, CancellationToken ct) => handler.HandleAsync(userId, false, ct))
            .WithName("UnlockWorker").Forbids().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Unlock a locked account.");
        group.MapPost("/workers/{userId:guid}/reset-password", (Guid userId, [FromServices] ResetWorkerPassword handler, CancellationToken ct) => handler.HandleAsync(userId, ct))
            .WithName(nameof(ResetWorkerPassword)).Forbids().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Mail the worker a new one-time link to choose a new password (never one chosen by the administrator).");
        group.MapPost("/workers/{userId:guid}/reset-two-factor", (Guid userId, [FromServices] ResetWorkerTwoFactor handler, CancellationToken ct) => handler.HandleAsync(userId, ct))
            .WithName(nameof(ResetWorkerTwoFactor)).Forbids().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Turn a worker's two-factor sign-in off (lost phone): key and recovery codes discarded, sessions ended; they enrol again where required.");
        return group;
    }

    public static RouteGroupBuilder MapInvitations(this RouteGroupBuilder group)
    {
        group.MapGet("/{token}", (string token, [FromServices] GetInvitation handler, CancellationToken ct) => handler.HandleAsync(token, ct))
            .WithName(nameof(GetInvitation)).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("Whom a one-time link (invitation or password reset) is for; used, replaced or expired links: 410.");
        group.MapPost("/{token}", (string token, AcceptInvitation.Request request, [FromServices] AcceptInvitation handler, CancellationToken ct) => handler.HandleAsync(token, request, ct))
            .WithName(nameof(AcceptInvitation)).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("Set the password through a one-time link (once); then sign in with it.");
        return group;
    }

    private static RouteHandlerBuilder Forbids(this RouteHandlerBuilder builder) => builder.ProducesProblem(StatusCodes.Status403Forbidden);
}
