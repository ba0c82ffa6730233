using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Escalations;

/// <summary>What 李姐 still has to act on: escalations not closed, on conversations still open.</summary>
public sealed class EscalationQueries(IDbContextFactory<WorkspaceDbContext> dbFactory)
{
    public async Task<List<EscalationView>> OpenAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Escalations.AsNoTracking()
            .Join(db.Conversations.WhereOpen(),
                e => e.ConversationId, c => c.Id, (e, c) => new { e, c.Customer.Name, c.Preview })
            .Where(x => x.e.ClosedAt == null)
            .OrderByDescending(x => x.e.RaisedAt)
            .Select(x => new EscalationView(x.e.Id, x.e.ConversationId, x.e.Reason, x.e.RaisedAt, x.e.AssignedTo, x.Name, x.Preview, x.e.AcknowledgedAt, x.e.Note))
            .ToListAsync(ct);
    }
}
