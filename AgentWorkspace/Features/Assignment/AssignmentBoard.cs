using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Assignment;

/// <summary>One staff member on the wall board: status, whether a page is open, open conversations per channel.</summary>
public sealed record RosterRow(string UserName, string DisplayName, AgentStatus Status, bool Present, bool Assignable, int Open);

/// <summary>
/// Why waiting conversations stay unclaimed: <paramref name="Key"/> is a resource key
/// (<c>assignment-blocked-no-agent</c>, <c>assignment-blocked-full</c>, <c>assignment-blocked-channel-off</c>),
/// <paramref name="Channel"/> null when it holds for every channel.
/// </summary>
public sealed record BlockedReason(string Key, Channel? Channel, int Waiting);

public sealed record AssignmentPicture(AssignmentMode Mode, IReadOnlyList<RosterRow> Roster, int Unclaimed, IReadOnlyList<BlockedReason> Blocked);

/// <summary>What the wall board shows about statuses and automatic assignment; bounded by the open set and the team.</summary>
public sealed class AssignmentBoard(IDbContextFactory<WorkspaceDbContext> dbFactory, AssignmentModeStore modes, IOptions<AssignmentOptions> options, PresenceTracker presence)
{
    public async Task<AssignmentPicture> PictureAsync(CancellationToken ct = default)
    {
        var opts = options.Value;
        var mode = await modes.CurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = await (from u in db.Users
                           where !u.IsDisabled
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { u.UserName, u.DisplayName, Role = r.Name }).ToListAsync(ct);
        var states = await db.AgentStates.AsNoTracking().ToDictionaryAsync(s => s.UserName, ct);
        var open = await db.Conversations.AsNoTracking().WhereOpen()
            .Select(c => new { c.Channel, c.AssigneeUserName }).ToListAsync(ct);
        var online = await AutoAssigner.OnlineAgentsAsync(db, ct);

        var roster = staff.GroupBy(s => s.UserName!)
            .Select(g => new RosterRow(
                g.Key,
                g.First().DisplayName,
                states.TryGetValue(g.Key, out var s) ? s.Status : AgentStatus.Offline,
                presence.IsPresent(g.Key),
                g.Any(x => x.Role is Roles.Agent or Roles.SeniorAgent),
                open.Count(c => c.AssigneeUserName == g.Key)))
            .Where(r => r.Status != AgentStatus.Offline || r.Present || r.Assignable)
            .OrderBy(r => r.Status).ThenByDescending(r => r.Open).ThenBy(r => r.UserName, StringComparer.Ordinal)
            .ToList();

        var unclaimed = open.Where(c => c.AssigneeUserName is null).ToList();
        var blocked = new List<BlockedReason>();
        if (mode == AssignmentMode.Automatic && unclaimed.Count > 0)
        {
            foreach (var group in unclaimed.GroupBy(c => c.Channel).OrderBy(g => g.Key))
            {
                var capacity = opts.CapacityFor(group.Key);
                if (capacity <= 0)
                {
                    blocked.Add(new BlockedReason("assignment-blocked-channel-off", group.Key, group.Count()));
                }
                else if (online.Count > 0 && online.All(a => open.Count(c => c.AssigneeUserName == a && c.Channel == group.Key) >= capacity))
                {
                    blocked.Add(new BlockedReason("assignment-blocked-full", group.Key, group.Count()));
                }
            }
            var forAgents = unclaimed.Count(c => opts.CapacityFor(c.Channel) > 0);
            if (online.Count == 0 && forAgents > 0)
            {
                blocked.Insert(0, new BlockedReason("assignment-blocked-no-agent", null, forAgents));
            }
        }
        return new AssignmentPicture(mode, roster, unclaimed.Count, blocked);
    }
}
