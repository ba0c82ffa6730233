using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Realtime;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Assignment;

public sealed record AgentStateView(string UserName, AgentStatus Status, bool Chosen, DateTimeOffset ChangedAt, string ChangedBy);

/// <summary>
/// 在线 / 忙碌 / 小休 / 离线 for every staff member, stored in the database. A person sets their own
/// status from the top bar; a supervisor or team lead may set anyone's. Opening a page makes a person
/// 在线 unless they chose another status; their last page closing makes them 离线 after the grace
/// period (<see cref="AgentPresence"/>). Going 在线 lets automatic assignment hand them waiting work.
/// </summary>
public sealed class AgentStatusService(
    IDbContextFactory<WorkspaceDbContext> dbFactory,
    TimeProvider time,
    CircuitEventBus bus,
    AutoAssigner assigner,
    ILogger<AgentStatusService> logger)
{
    public const string System = "system";

    public async Task<AgentStatus> StatusOfAsync(string userName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AgentStates.AsNoTracking().Where(s => s.UserName == userName).Select(s => (AgentStatus?)s.Status).SingleOrDefaultAsync(ct) ?? AgentStatus.Offline;
    }

    public async Task<List<AgentStateView>> AllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AgentStates.AsNoTracking().OrderBy(s => s.UserName)
            .Select(s => new AgentStateView(s.UserName, s.Status, s.Chosen, s.ChangedAt, s.ChangedBy)).ToListAsync(ct);
    }

    /// <summary>
    /// <paramref name="changedBy"/> sets <paramref name="userName"/>'s status: themselves, or a supervisor or
    /// team lead for anyone (audited). Null when it went through, else the reason's resource key.
    /// </summary>
    public async Task<string?> SetAsync(string userName, AgentStatus status, string changedBy, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(status))
        {
            return "agent-status-unknown";
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await IsStaffAsync(db, userName, ct))
            {
                return "agent-status-unknown-user";
            }
            if (changedBy != userName && !await IsSupervisorAsync(db, changedBy, ct))
            {
                return "supervisors-only";
            }
        }
        // A chosen status other than 在线 survives opening pages; choosing 在线 is simply being there.
        await ChangeAsync(userName, status, changedBy, chosen: status != AgentStatus.Online, onlyIf: null, audit: changedBy != userName, ct);
        return null;
    }

    /// <summary>A page opened: 在线, unless the person chose another status (or it already says so).</summary>
    public Task ArriveAsync(string userName, CancellationToken ct = default) =>
        ChangeAsync(userName, AgentStatus.Online, userName, chosen: false, onlyIf: s => s is null || (s.Status == AgentStatus.Offline && !s.Chosen), audit: false, ct);

    /// <summary>The last page closed and stayed closed through the grace period: 离线, and the choice is forgotten.</summary>
    public Task LeftAsync(string userName, CancellationToken ct = default) =>
        ChangeAsync(userName, AgentStatus.Offline, System, chosen: false, onlyIf: s => s is not null && (s.Status != AgentStatus.Offline || s.Chosen), audit: false, ct);

    private async Task ChangeAsync(string userName, AgentStatus status, string changedBy, bool chosen, Func<AgentState?, bool>? onlyIf, bool audit, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.AgentStates.SingleOrDefaultAsync(s => s.UserName == userName, ct);
            if (onlyIf is not null && !onlyIf(row))
            {
                return;
            }
            var now = time.GetUtcNow();
            var previous = row?.Status;
            if (row is null)
            {
                db.AgentStates.Add(row = new AgentState { UserName = userName });
            }
            else
            {
                // The concurrency token: an assignment that chose this person on the old status fails and chooses again.
                row.Version++;
            }
            row.Status = status;
            row.Chosen = chosen;
            row.ChangedAt = now;
            row.ChangedBy = changedBy;
            if (audit)
            {
                db.Audit.Add(new AuditEntry { Actor = changedBy, At = now, Action = "agent-status", Subject = $"user:{userName}", Detail = $"{previous?.ToString() ?? "—"} → {status}" });
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (attempt < 8)
            {
                // An assignment or a second page changed the row (or created it) first: read it again.
                continue;
            }
            bus.Publish(new WorkspaceEvent.AgentStatusChanged(userName, status.ToString(), changedBy));
            if (status == AgentStatus.Online && previous != AgentStatus.Online)
            {
                await WakeAssignmentAsync(userName, ct);
            }
            return;
        }
    }

    private async Task WakeAssignmentAsync(string userName, CancellationToken ct)
    {
        try
        {
            await assigner.RequestAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Assigning waiting conversations after {User} came online failed; the sweep retries", userName);
        }
    }

    internal static Task<bool> IsStaffAsync(WorkspaceDbContext db, string userName, CancellationToken ct) =>
        InRolesAsync(db, userName, [Roles.Agent, Roles.SeniorAgent, Roles.Supervisor, Roles.TeamLead], ct);

    internal static Task<bool> IsSupervisorAsync(WorkspaceDbContext db, string userName, CancellationToken ct) =>
        InRolesAsync(db, userName, [Roles.Supervisor, Roles.TeamLead], ct);

    private static Task<bool> InRolesAsync(WorkspaceDbContext db, string userName, string[] roles, CancellationToken ct) =>
        (from u in db.Users
         where u.UserName == userName && !u.IsDisabled
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where roles.Contains(r.Name!)
         select u.Id).AnyAsync(ct);
}
