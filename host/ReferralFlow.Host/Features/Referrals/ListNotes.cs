using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// <c>GET /api/referrals/{id}/notes</c>: the referral's notes, oldest first, <see cref="Paging">paged</see> by (created, id),
/// as far as the caller may see them: every note for the owner side; for another agency its own notes, and the others'
/// only with living consent and not after its steps were done. Audit-logged.
/// </summary>
public sealed class ListNotes(ReferralAccess access, ReferralFlowDbContext db, AuditLog audit)
{
    public async Task<Page<AddNote.Response>> HandleAsync(Guid id, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var after = Paging.Read(cursor, 2);
        var referral = await access.GetVisibleAsync(id, cancellationToken);
        var lens = await access.LensAsync(referral, cancellationToken);
        var me = access.AgencyId;
        var notes = db.ReferralNotes.AsNoTracking().Where(n => n.ReferralId == referral.Id);
        if (!lens.Living)
        {
            notes = notes.Where(n => n.AgencyId == me);
        }
        else if (lens.Until is { } until)
        {
            notes = notes.Where(n => n.AgencyId == me || n.CreatedAt <= until);
        }

        var total = await notes.CountAsync(cancellationToken);
        if (after is not null)
        {
            var (created, noteId) = (after.Time(0), after.Guid(1));
            notes = notes.Where(n => n.CreatedAt > created || (n.CreatedAt == created && n.Id > noteId));
        }

        var rows = await notes.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(size + 1).ToListAsync(cancellationToken);
        await audit.RecordNowAsync(AuditActions.TimelineRead, referral.Id, "notes; " + lens.AuditDetail(), cancellationToken);
        return Paging.Of([.. rows.Select(AddNote.ToResponse)], size, n => Paging.Cursor(Paging.Text(n.CreatedAt), Paging.Text(n.Id)), total);
    }
}
