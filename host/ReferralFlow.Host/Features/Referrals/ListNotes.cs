using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary><c>GET /api/referrals/{id}/notes</c>: the referral's notes, oldest first, for anyone who may see the referral. Audit-logged.</summary>
internal static class ListNotes
{
    public static async Task<IResult> HandleAsync(
        Guid id, ReferralAccess access, ReferralFlowDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var referral = await access.GetVisibleAsync(id, cancellationToken);
        var notes = await db.ReferralNotes.AsNoTracking().Where(n => n.ReferralId == referral.Id)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(cancellationToken);
        await audit.RecordNowAsync(AuditActions.TimelineRead, referral.Id, "notes", cancellationToken);
        return Results.Ok(notes.Select(AddNote.ToResponse).ToList());
    }
}
